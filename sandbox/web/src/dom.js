// Small browser helpers: a DOM element in one call, a page's JSON data, and storage that may be refused.
export function h(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The JSON a page carries in `<script type="application/json" id="...">`, or {} where it is missing or broken. */
export function readJson(id) {
  try {
    return JSON.parse(document.getElementById(id)?.textContent || "{}");
  } catch {
    return {};
  }
}

/** localStorage, or null where the browser refuses it (private modes, storage switched off). */
export function storage() {
  try {
    return self.localStorage;
  } catch {
    return null;
  }
}
