// The sandbox's entry point, the only script a lesson page loads up front. It adds "Run in browser" buttons and
// loads the editor and Python only at the first sign of intent (hover, focus or click), so a page nobody touches
// downloads no Pyodide or numpy bytes.

import { hasKeptEdits } from "./session.js";

const assetBase = new URL("./", import.meta.url);
const siteRoot = new URL("../../", assetBase);
const mode = document.querySelector(/** @type {"meta"} */ ('meta[name="sandbox-mode"]'))?.content || "lesson";

// One Python worker per page, shared by its cells and its exercises; it starts only when one of them asks.
let python = null;
function pythonWorker() {
  python ||= import("./python_worker.js").then((m) => new m.PythonWorker(assetBase));
  return python;
}

let controller = null;
function ui() {
  const playground = mode === "playground";
  controller ||= Promise.all([import("./ui.js"), pythonWorker()]).then(([m, worker]) =>
    m.createController(assetBase, { notes: !playground, python: worker, playground }),
  );
  return controller;
}

// The site's service worker (sw.js) keeps the site readable offline, and, since static hosts cannot send the
// COOP/COEP headers that Stop needs to interrupt without a restart, adds them: pages opened after it is installed
// are cross-origin isolated.
// The first page opened is not, and we do not reload it once the service worker is in control: the reload would
// throw away a Python that is already loading (about a second of work), move focus and scroll, and buy only a Stop
// that keeps state; until the next page, Stop restarts Python and says so.
function registerServiceWorker() {
  if (!("serviceWorker" in navigator) || !self.isSecureContext) return;
  navigator.serviceWorker.register(new URL("sandbox-sw.js", siteRoot)).catch(() => {});
}

/**
 * Where the button would be, a cell that cannot run in the browser says why, in the page's language.
 * @param {import("./i18n.js").SandboxStrings} strings
 */
function explainNotRunnable(strings) {
  for (const snippet of document.querySelectorAll(/** @type {"div"} */ ('.snippet[data-sandbox="no"]'))) {
    const reason = snippet.dataset.sandboxReason || "";
    const note = document.createElement("p");
    note.className = "sbx-not-runnable";
    note.textContent = strings.notRunnable(strings.reasons[reason] || reason);
    snippet.append(note);
  }
}

/** @param {import("./i18n.js").SandboxStrings} strings */
function addRunButtons(strings) {
  for (const snippet of document.querySelectorAll('.snippet[data-sandbox="yes"]')) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sbx-open md-button";
    button.textContent = strings.runInBrowser;
    button.title = strings.runInBrowserTitle;
    const warm = () => ui().then((c) => c.warm());
    button.addEventListener("pointerenter", warm, { once: true });
    button.addEventListener("focus", warm, { once: true });
    button.addEventListener("click", () => ui().then((c) => c.open(snippet, button)));
    snippet.append(button);
  }
}

/** Exercises sit at a chapter's end: their editor loads when the reader nears them, not with the page. */
function mountExercisesWhenNear() {
  const first = document.querySelector(".exercise[data-exercise]");
  if (!first) return;
  const mount = () => Promise.all([import("./exercises.js"), pythonWorker()]).then(([m, w]) => m.mountExercises(w));
  if (!("IntersectionObserver" in self)) {
    mount();
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      mount();
    },
    { rootMargin: "600px 0px" },
  );
  for (const exercise of document.querySelectorAll(".exercise[data-exercise], #exercises")) observer.observe(exercise);
}

/** Calls `start` once, at the reader's first pointer move, touch, key, wheel turn or focus on the page. */
function onFirstMove(start) {
  const events = ["pointermove", "pointerdown", "touchstart", "keydown", "wheel", "focusin"];
  const once = () => {
    for (const type of events) removeEventListener(type, once, true);
    start();
  };
  for (const type of events) addEventListener(type, once, { capture: true, passive: true });
}

async function main() {
  registerServiceWorker();
  if (mode === "playground") {
    // The page reads as it is, its code shown as on a lesson page. The editors (CodeMirror, whose start-up is most
    // of a phone's main-thread work on this page) are built at the reader's first move on it, and Python (about
    // 15 MB, then a second of start-up) loads at the first sign of intent on a cell, as on a lesson page. Code the
    // static page would not show is itself that move: a link that shares code (#code=), or the reader's kept edits.
    const mountAll = () => ui().then((c) => c.mountAll(document.querySelectorAll(".snippet[data-snippet]")));
    if (/[#&]code=/.test(location.hash) || hasKeptEdits(location.pathname)) mountAll();
    else onFirstMove(mountAll);
    return;
  }
  for (const index of document.querySelectorAll(".exercise-index")) {
    import("./exercise_progress.js").then((m) => m.showIndex(index));
  }
  mountExercisesWhenNear();
  if (!document.querySelector(".snippet[data-sandbox]")) return;
  const { strings } = await import("./i18n.js");
  explainNotRunnable(strings());
  addRunButtons(strings());
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", main);
else main();
