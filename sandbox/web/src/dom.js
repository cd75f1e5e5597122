// Small browser helpers: a DOM element in one call, and storage that may be refused.
export function h(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** localStorage, or null where the browser refuses it (private modes, storage switched off). */
export function storage() {
  try {
    return self.localStorage;
  } catch {
    return null;
  }
}
