// Exercise progress kept in this browser (localStorage), per exercise: solved, attempted, and the reader's code.
// Light on purpose: the exercises index page needs only this, not the editor.
import { h, storage } from "./dom.js";
import { exerciseStrings } from "./exercise_i18n.js";

const PROGRESS_PREFIX = "exercise:";

/** An exercise's kept progress: {state: "new" | "attempted" | "solved", code: string | null}. */
export function loadProgress(id) {
  try {
    const kept = JSON.parse(storage()?.getItem(PROGRESS_PREFIX + id) || "null");
    if (kept && typeof kept === "object") return { state: kept.state || "new", code: kept.code ?? null };
  } catch {
    // unreadable: start afresh
  }
  return { state: "new", code: null };
}

export function saveProgress(id, progress) {
  try {
    if (progress.state === "new" && progress.code === null) storage()?.removeItem(PROGRESS_PREFIX + id);
    else storage()?.setItem(PROGRESS_PREFIX + id, JSON.stringify(progress));
  } catch {
    // storage full or refused: progress lives as long as the page
  }
}

/** The exercises index page: each exercise's state, and the total. */
export function showIndex(root, t = exerciseStrings()) {
  const marks = [...root.querySelectorAll(".exercise-state[data-exercise]")];
  let solved = 0;
  for (const mark of marks) {
    const { state } = loadProgress(mark.dataset.exercise);
    if (state === "solved") solved += 1;
    mark.dataset.state = state;
    mark.textContent = t.states[state];
  }
  const total = h("p", { class: "exercise-progress", role: "status" }, t.indexProgress(solved, marks.length));
  root.prepend(total);
}

