// Exercises in the page: each starter becomes an editor; Check runs the reader's code on every input set in the
// sandbox's worker (sandbox/exercise_check with npgrad) against the answers real torch gave at build time, and
// says what is wrong in the page's language. Hints open one at a time. Progress (solved, attempted, the reader's
// code) is kept per exercise in localStorage; the chapter and the exercises index page count what is solved.
import { h, readJson } from "./dom.js";
import { EditorView, editorState } from "./editor.js";
import { exerciseStrings, feedback } from "./exercise_i18n.js";
import { loadProgress, saveProgress } from "./exercise_progress.js";

const MARKER = "EXERCISE-CHECK "; // exercise_check/check.py, MARKER

/** The Python that checks `code`: both strings go in as literals (a JSON string is a valid Python one). */
export function checkProgram(spec, code) {
  return `import exercise_check\nexercise_check.browser_check(${JSON.stringify(spec)}, ${JSON.stringify(code)})\n`;
}

class Exercise {
  /** @param {import("./exercise_i18n.js").ExerciseStrings} t */
  constructor(root, data, python, t, onProgress) {
    this.root = root;
    this.id = root.dataset.exercise;
    this.kind = root.dataset.kind;
    this.data = data;
    this.python = python;
    this.t = t;
    this.onProgress = onProgress;
    this.progress = loadProgress(this.id);
    this.checking = false;

    root.querySelector(".exercise-no-sandbox")?.setAttribute("hidden", "");
    const starter = root.querySelector(".exercise-starter");
    starter.querySelector(".highlight, pre")?.setAttribute("hidden", "");
    const bar = h("div", { class: "exercise-toolbar" });
    this.checkButton = h("button", { type: "button", class: "exercise-check", title: t.checkTitle }, t.check);
    this.resetButton = h("button", { type: "button", class: "exercise-reset", title: t.startOverTitle }, t.startOver);
    this.badge = h("span", { class: "exercise-badge" });
    this.status = h("span", { class: "exercise-status", role: "status" });
    bar.append(this.checkButton, this.resetButton, this.badge, this.status);
    this.editorHost = h("div", { class: "exercise-editor sbx-editor" });
    this.editor = new EditorView({ parent: this.editorHost, state: this.newState(this.progress.code ?? data.starter) });
    this.feedback = h("div", { class: "exercise-feedback", "aria-live": "polite" });
    starter.append(this.editorHost, bar, this.feedback);
    this.checkButton.addEventListener("click", () => this.check());
    this.resetButton.addEventListener("click", () => this.startOver());
    for (const type of ["pointerenter", "focusin"]) {
      this.root.addEventListener(type, () => this.python.start().catch(() => {}), { once: true });
    }
    this.revealHintsInTurn();
    this.showState();
  }

  newState(code) {
    return editorState(code, {
      onRun: () => this.check(),
      onChange: () => this.keepCode(),
      label: this.t.editorLabel,
    });
  }

  get code() {
    return this.editor.state.doc.toString();
  }

  keepCode() {
    const code = this.code === this.data.starter ? null : this.code;
    this.progress = { ...this.progress, code };
    saveProgress(this.id, this.progress);
  }

  /** Hint n+1 appears once hint n has been opened (by click, Enter or Space on its summary). */
  revealHintsInTurn() {
    const hints = [...this.root.querySelectorAll("details.exercise-hint")];
    hints.forEach((hint, i) => {
      if (i > 0 && !hints[i - 1].open) hint.hidden = true;
      hint.addEventListener("toggle", () => {
        if (hint.open && hints[i + 1]) hints[i + 1].hidden = false;
      });
    });
  }

  showState() {
    const { state } = this.progress;
    this.root.dataset.state = state;
    this.badge.textContent = state === "new" ? "" : this.t.states[state];
    this.onProgress();
  }

  async check() {
    const { t } = this;
    if (this.checking) return null;
    this.checking = true;
    this.checkButton.disabled = true;
    this.status.textContent = this.python.state === "ready" ? t.checking : t.loadingPython;
    const began = performance.now();
    let printed = "";
    let verdict = null;
    try {
      const outcome = await this.python.run(checkProgram(this.data.spec, this.code), {
        owner: this,
        onOutput: (kind, text) => {
          if (kind === "stdout") printed += text;
        },
      });
      const line = printed.split("\n").find((l) => l.startsWith(MARKER));
      if (outcome.stopped || outcome.lost || outcome.crashed) this.say(t.stopped);
      else if (outcome.error || !line) this.say(t.checkFailed(outcome.error || "no verdict"));
      else verdict = JSON.parse(line.slice(MARKER.length));
    } catch {
      this.say(t.needsSandbox);
    }
    this.checking = false;
    this.checkButton.disabled = false;
    this.checks = (this.checks || 0) + 1;
    this.root.dataset.checks = String(this.checks); // for tests: a check has finished
    if (!verdict) {
      this.status.textContent = "";
      return null;
    }
    const ms = performance.now() - began;
    this.status.textContent = t.checkedIn(ms);
    this.show(verdict);
    const solved = verdict.passed || this.progress.state === "solved";
    this.progress = { ...this.progress, state: solved ? "solved" : "attempted" };
    saveProgress(this.id, this.progress);
    this.showState();
    return { verdict, ms };
  }

  say(text, cls = "exercise-message") {
    this.feedback.replaceChildren(h("p", { class: cls }, text));
  }

  show(verdict) {
    const { t } = this;
    this.root.dataset.verdict = verdict.passed ? "passed" : verdict.reason;
    const box = h("div", { class: `exercise-verdict ${verdict.passed ? "exercise-passed" : "exercise-failed"}` });
    if (!verdict.passed && verdict.cases > 1) {
      const inputs = Object.entries(verdict.inputs || {}).map(([k, v]) => `${k} = ${v}`).join(", ");
      box.append(h("p", { class: "exercise-case" }, t.inCase(verdict.case, verdict.cases, inputs)));
    }
    box.append(h("p", { class: "exercise-reason" }, feedback(t, verdict, this.kind)));
    if (verdict.printed) {
      box.append(h("p", { class: "exercise-printed-title" }, t.printed), h("pre", { class: "exercise-printed", tabindex: "0" }, verdict.printed));
    }
    this.feedback.replaceChildren(box);
  }

  startOver() {
    this.editor.setState(this.newState(this.data.starter));
    this.progress = { state: "new", code: null };
    saveProgress(this.id, this.progress);
    this.feedback.replaceChildren();
    delete this.root.dataset.verdict;
    this.status.textContent = this.t.startedOver;
    this.showState();
  }
}

/**
 * "n of m solved" after the chapter's Exercises heading.
 * @param {import("./exercise_i18n.js").ExerciseStrings} t
 */
function chapterCounter(exercises, t) {
  const heading = document.getElementById("exercises");
  if (!heading || !exercises.length) return () => {};
  const line = h("p", { class: "exercise-progress", role: "status" });
  heading.after(line);
  return () => {
    const solved = exercises.filter((e) => e.progress.state === "solved").length;
    line.textContent = t.chapterProgress(solved, exercises.length);
  };
}

/** Mount every exercise of the page on `python` (python_worker.js, PythonWorker). */
export function mountExercises(python) {
  const t = exerciseStrings();
  const data = readJson("exercise-data");
  const exercises = [];
  let count = () => {};
  for (const root of document.querySelectorAll(/** @type {"div"} */ (".exercise[data-exercise]"))) {
    if (data[root.dataset.exercise]) exercises.push(new Exercise(root, data[root.dataset.exercise], python, t, () => count()));
  }
  count = chapterCounter(exercises, t);
  count();
  return exercises;
}
