// The sandbox's view: editable cells (CodeMirror editor, Run / Stop / Reset, text-only output, the autograd graph
// drawing) over a page's session (session.js) and its Python worker (python_worker.js).
import { h, readJson } from "./dom.js";
import { EditorView, editorState } from "./editor.js";
import { drawGraph } from "./graph.js";
import { strings } from "./i18n.js";
import { PythonWorker, STALL_MS } from "./python_worker.js";
import { PageSession } from "./session.js";

const SHOW_ELAPSED_AFTER_MS = 1000;

/** Code shared through a link: `#code=` followed by the code as base64url of its UTF-8 (playground only). */
export function sharedCode(hash = location.hash) {
  const match = /[#&]code=([A-Za-z0-9_-]*)/.exec(hash);
  if (!match) return null;
  try {
    const binary = atob(match[1].replace(/-/g, "+").replace(/_/g, "/"));
    return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

function shareLink(code) {
  const bytes = new TextEncoder().encode(code);
  const base64 = btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  return `${location.origin}${location.pathname}#code=${base64}`;
}

class Controller {
  /** @param {URL} assetBase @param {{notes?: boolean, python?: any, playground?: boolean}} options */
  constructor(assetBase, { notes, python, playground }) {
    this.t = strings();
    this.python = python || new PythonWorker(assetBase);
    this.session = new PageSession(this.python, readJson("snippet-sources"), location.pathname);
    this.playground = playground;
    this.cells = [];
    this.python.on((event) => {
      for (const cell of this.cells) cell.onPython(event);
    });
    this.noteShown = !notes; // the playground page explains all this in its own text
  }

  warm() {
    this.python.start().catch(() => {});
  }

  /** Open a lesson snippet as an editable cell in place of its static code, its torch output kept beside it. */
  open(snippet, button) {
    button.remove();
    const cell = this.mount(snippet);
    cell.editor.focus();
    this.warm();
  }

  mountAll(snippets) {
    const list = [...snippets];
    if (list.length > 1) list[0].before(this.pageBar());
    for (const snippet of list) this.mount(snippet);
    const shared = this.playground ? sharedCode() : null;
    if (shared !== null && this.cells.length) this.cells[0].setCode(shared);
  }

  mount(snippet) {
    const [file, name] = (snippet.dataset.snippet || "").split("#");
    const { cell: source } = this.session.entry(file, name);
    const codeBlock = snippet.querySelector(":scope > .highlight:not(.snippet-output), :scope > pre");
    const code = source ? source.code : codeBlock ? codeBlock.textContent.replace(/\n$/, "") : "";
    const cell = new Cell(this, { snippet, file, name, code, number: this.cells.length + 1 });
    if (!this.noteShown) {
      snippet.before(this.notes());
      this.noteShown = true;
    }
    if (codeBlock) codeBlock.hidden = true;
    this.cells.push(cell);
    // On the playground Python starts loading before the cells exist: show where it has got to.
    for (const event of this.python.lastEvents) cell.onPython(event);
    return cell;
  }

  /** Run all / clear all, for a page with several cells. */
  pageBar() {
    const { t } = this;
    const bar = h("div", { class: "sbx-page-bar" });
    const runAll = h("button", { type: "button", class: "sbx-run-all" }, t.runAll);
    const clear = h("button", { type: "button", class: "sbx-clear-all" }, t.clearOutputs);
    runAll.addEventListener("click", () => this.runAll());
    clear.addEventListener("click", () => this.cells.forEach((cell) => cell.clearOutput()));
    bar.append(runAll, clear);
    return bar;
  }

  async runAll() {
    for (const cell of this.cells) {
      const outcome = await cell.run();
      if (!outcome || outcome.error || outcome.stopped || outcome.lost) break;
    }
  }

  notes() {
    const box = h("div", { class: "sbx-notes admonition note" });
    for (const text of [this.t.noteEngine, this.t.noteNamespace, this.t.noteKeys]) box.append(h("p", {}, text));
    return box;
  }
}

class Cell {
  constructor(controller, { snippet, file, name, code, number }) {
    /** @type {import("./i18n.js").SandboxStrings} */
    const t = controller.t;
    this.controller = controller;
    this.session = controller.session;
    this.python = controller.python;
    this.t = t;
    this.snippet = snippet;
    this.file = file;
    this.name = name;
    this.original = code;
    this.running = false;
    this.pending = "";
    this.pendingKind = null;
    this.undoCode = null;

    // data-state (idle, queued, running, done, error, stopped, lost, reset, load-error) is for styling and tests.
    this.root = h("div", { class: "sbx-cell", role: "group", "aria-label": t.cellLabel(number), "data-state": "idle" });
    const bar = h("div", { class: "sbx-toolbar" });
    this.count = h("span", { class: "sbx-count" }, "[ ]");
    this.runButton = h("button", { type: "button", class: "sbx-run", title: t.runTitle }, t.run);
    this.stopButton = h("button", { type: "button", class: "sbx-stop" }, t.stop);
    this.resetButton = h("button", { type: "button", class: "sbx-reset", title: t.resetTitle }, t.reset);
    this.undoButton = h("button", { type: "button", class: "sbx-undo" }, t.undoReset);
    this.undoButton.hidden = true;
    this.editedBadge = h("span", { class: "sbx-edited", title: t.editedTitle }, t.edited);
    this.editedBadge.hidden = true;
    this.stopButton.disabled = true;
    this.status = h("span", { class: "sbx-status", role: "status" }, t.idle);
    // Byte counts change many times a second: they go in a progress bar, not the live status, so a screen
    // reader announces each loading stage once instead of every number.
    this.progress = h("span", { class: "sbx-progress" });
    this.progressBar = h("progress", { max: "1", value: "0", "aria-label": t.downloadLabel });
    this.progressText = h("span", { class: "sbx-progress-text", "aria-hidden": "true" });
    this.progress.append(this.progressBar, this.progressText);
    this.progress.hidden = true;
    bar.append(this.count, this.runButton, this.stopButton, this.resetButton, this.undoButton, this.editedBadge);
    if (controller.playground) {
      this.shareButton = h("button", { type: "button", class: "sbx-share" }, "🔗");
      this.shareButton.setAttribute("aria-label", t.share);
      this.shareButton.title = t.share;
      this.shareButton.addEventListener("click", () => this.share());
      bar.append(this.shareButton);
    }
    bar.append(this.status, this.progress);

    const kept = this.session.loadEdit(file, name);
    this.editorHost = h("div", { class: "sbx-editor" });
    this.editor = new EditorView({ parent: this.editorHost, state: this.editorState(kept ?? code) });
    this.showEdited();

    const torchOutput = snippet.querySelector(".snippet-output");
    const panes = h("div", { class: torchOutput ? "sbx-panes sbx-compare" : "sbx-panes" });
    if (torchOutput) {
      const left = h("div", { class: "sbx-pane sbx-pane-torch" });
      left.append(h("p", { class: "sbx-pane-title" }, t.torchOutput), torchOutput);
      panes.append(left);
    }
    const right = h("div", { class: "sbx-pane sbx-pane-browser" });
    const title = h("div", { class: "sbx-pane-head" });
    this.copyButton = h("button", { type: "button", class: "sbx-copy" }, t.copyOutput);
    this.copyButton.addEventListener("click", () => this.copyOutput());
    title.append(h("p", { class: "sbx-pane-title" }, t.browserOutput), this.copyButton);
    // Notices about the run (output cut, random numbers, a restart) sit above its output, where they are seen.
    this.notices = h("div", { class: "sbx-notices" });
    this.output = h("pre", { class: "sbx-output", role: "log", "aria-live": "polite", "aria-label": t.outputLabel });
    this.graphArea = h("div", { class: "sbx-graph-area" });
    right.append(title, this.notices, this.output, this.graphArea);
    panes.append(right);

    this.root.append(bar, this.editorHost, panes);
    snippet.append(this.root);

    this.runButton.addEventListener("click", () => this.run());
    this.stopButton.addEventListener("click", () => this.stop());
    this.resetButton.addEventListener("click", () => this.reset());
    this.undoButton.addEventListener("click", () => this.undoReset());
    // Any sign of intent on the cell starts loading Python.
    for (const type of ["pointerenter", "focusin", "pointerdown"]) {
      this.root.addEventListener(type, () => controller.warm(), { once: true });
    }
  }

  editorState(code) {
    return editorState(code, {
      onRun: () => this.run(),
      onChange: () => {
        this.session.saveEdit(this.file, this.name, this.code, this.original);
        this.showEdited();
      },
      label: this.t.editorLabel,
    });
  }

  get code() {
    return this.editor.state.doc.toString();
  }

  setCode(code) {
    this.editor.dispatch({ changes: { from: 0, to: this.editor.state.doc.length, insert: code } });
  }

  showEdited() {
    const edited = this.code !== this.original;
    this.editedBadge.hidden = !edited;
    this.root.dataset.edited = edited ? "yes" : "no";
  }

  setStatus(text) {
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  setState(state) {
    this.root.dataset.state = state;
  }

  showProgress(loaded, total) {
    const { t } = this;
    this.progress.hidden = false;
    this.progressBar.value = total ? loaded / total : 0;
    this.progressBar.setAttribute("aria-valuetext", t.downloaded(loaded, total));
    this.progressText.textContent = t.downloaded(loaded, total);
  }

  onPython(event) {
    const { t } = this;
    if (event.type === "progress") {
      if (event.stage === "download") {
        if (event.total) this.showProgress(event.loaded, event.total);
      } else if (!this.running || this.root.dataset.state === "queued") this.setStatus(t.loading[event.stage]);
      return;
    }
    this.progress.hidden = true;
    if (event.type === "loading" && (!this.running || this.root.dataset.state === "queued")) {
      this.setStatus(t.loading.core);
    } else if (event.type === "ready" && !this.running) this.setStatus(t.ready);
    else if (event.type === "failed" && (this.running || this.root.dataset.state === "idle")) {
      this.showLoadError(event.error);
    }
  }

  showLoadError(error) {
    const { t } = this;
    this.setState("load-error");
    this.setStatus("");
    const text = t.errors[error.code] || t.errors.core;
    const box = h("div", { class: "sbx-notice sbx-load-error", role: "alert" });
    box.append(h("p", {}, typeof text === "function" ? text(STALL_MS / 1000) : text));
    if (error.detail) box.append(h("p", { class: "sbx-note" }, error.detail));
    const retry = h("button", { type: "button", class: "sbx-retry" }, t.retry);
    retry.addEventListener("click", () => this.run());
    box.append(retry);
    this.notices.replaceChildren(box);
  }

  notice(text, kind) {
    this.notices.append(h("p", { class: `sbx-notice sbx-notice-${kind}` }, text));
  }

  clearOutput() {
    this.flushOutput();
    this.output.replaceChildren();
    this.notices.replaceChildren();
    this.graphArea.replaceChildren();
  }

  /** Output arrives a line at a time, possibly thousands a second: it is drawn once per frame. */
  append(text, cls) {
    if (this.pendingKind !== cls) this.flushOutput();
    this.pendingKind = cls;
    this.pending += text;
    this.frame ||= requestAnimationFrame(() => this.flushOutput());
  }

  flushOutput() {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    if (!this.pending) return;
    const last = this.output.lastElementChild;
    // Text only: output is never parsed as HTML.
    if (last && last.className === this.pendingKind) last.append(document.createTextNode(this.pending));
    else this.output.append(h("span", { class: this.pendingKind }, this.pending));
    this.pending = "";
  }

  /** Run the cell; resolves with its outcome (python_worker.js, Outcome), or null if it was already running. */
  async run() {
    const { session, python, t } = this;
    if (this.running) return null;
    this.running = true;
    this.stopButton.disabled = false;
    this.clearOutput();
    const code = this.code;
    this.setState(python.busy ? "queued" : "running");
    this.setStatus(python.state !== "ready" ? t.loading.core : python.busy ? t.queued : t.running);
    const number = session.nextNumber();
    let outcome;
    try {
      if (!(await session.prepare(this.file, this.name, this, () => this.setStatus(t.preparing)))) {
        outcome = { stopped: true, lost: python.generation !== 0 && python.state !== "ready" };
      } else {
        outcome = await python.run(code, {
          owner: this,
          number,
          onOutput: (kind, text) => this.append(text, `sbx-${kind}`),
          onStart: () => this.started(),
        });
      }
    } catch (error) {
      this.finished();
      this.showLoadError(error);
      return { lost: true };
    }
    this.finished();
    this.show(outcome, number);
    return outcome;
  }

  started() {
    const { t } = this;
    this.setState("running");
    this.setStatus(t.running);
    const began = performance.now();
    clearInterval(this.clock);
    // Beyond a second a run shows how long it has been going, so a long one is not mistaken for a hang.
    this.clock = setInterval(() => {
      const ms = performance.now() - began;
      if (ms >= SHOW_ELAPSED_AFTER_MS) this.setStatus(t.elapsed(Math.floor(ms / 1000)));
    }, 250);
  }

  finished() {
    clearInterval(this.clock);
    this.running = false;
    this.stopButton.disabled = true;
    this.flushOutput();
  }

  show(outcome, number) {
    const { t } = this;
    if (outcome.crashed) {
      this.setState("lost");
      this.notice(t.crashed[outcome.crashed] || t.crashed.crash, "lost");
      this.setStatus(t.crashed[outcome.crashed] || t.crashed.crash);
      return;
    }
    if (outcome.stopped) {
      this.setState(outcome.lost ? "lost" : "stopped");
      const text = outcome.queued ? (outcome.lost ? t.lostQueued : t.stoppedQueued) : outcome.lost ? t.lost : t.stopped;
      this.append(text, "sbx-note");
      this.flushOutput();
      this.setStatus(text);
      return;
    }
    this.count.textContent = t.count(number);
    this.count.title = t.countTitle(number);
    this.session.markRan(this.file, this.name);
    if (outcome.limit && t.limits[outcome.limit]) this.notice(t.limits[outcome.limit], outcome.limit);
    // The runner reports random draws unless the engine says it matches torch's generator (runner.py,
    // SAME_RANDOM_AS_TORCH); a cell the build marks data-sandbox-random="same" is known to print the same anyway.
    if (outcome.random && this.snippet.dataset.sandboxRandom !== "same") this.notice(t.random, "random");
    if (outcome.inexact?.length) this.notice(t.inexact(outcome.inexact), "inexact");
    if (outcome.error) this.showError(outcome.error);
    if (!this.output.textContent && !this.pending) this.append(t.noOutput, "sbx-note");
    this.flushOutput();
    this.setStatus(outcome.error ? t.failed : t.done(outcome.ms));
    this.setState(outcome.error ? "error" : "done");
    if (outcome.graph) this.offerGraph(outcome.graph);
  }

  /**
   * The error's last line where torch's pane shows it (the build shows only that line), so both panes read alike;
   * the whole traceback, with its line numbers and caret markers, one click away below.
   */
  showError(error) {
    const lines = error.replace(/\n+$/, "").split("\n");
    const last = lines.pop();
    this.append(`${last}\n`, "sbx-error");
    if (!lines.length) return;
    const details = h("details", { class: "sbx-traceback" });
    details.append(h("summary", {}, this.t.traceback), h("pre", { class: "sbx-traceback-text" }, error));
    this.graphArea.append(details);
  }

  offerGraph(graph) {
    const { t } = this;
    const name = graph.nodes[0].label;
    const button = h("button", { type: "button", class: "sbx-graph-toggle", "aria-expanded": "false" }, t.showGraph);
    const figure = h("figure", { class: "sbx-graph-figure" });
    figure.hidden = true;
    button.addEventListener("click", () => {
      if (!figure.firstChild) {
        figure.append(drawGraph(graph, t.graphLabel(name), t.graphCaption));
        const caption = graph.truncated ? `${t.graphCaption} ${t.graphTruncated}` : t.graphCaption;
        figure.append(h("figcaption", {}, caption));
      }
      figure.hidden = !figure.hidden;
      button.setAttribute("aria-expanded", String(!figure.hidden));
      button.textContent = figure.hidden ? t.showGraph : t.hideGraph;
    });
    this.graphArea.append(button, figure);
  }

  async stop() {
    await this.python.stop(this);
  }

  /** Restore the original code and clear the namespace; edits that Reset discards can be brought back once. */
  async reset() {
    const edited = this.code !== this.original;
    this.undoCode = edited ? this.code : null;
    this.editor.setState(this.editorState(this.original));
    this.session.saveEdit(this.file, this.name, this.original, this.original);
    this.showEdited();
    this.undoButton.hidden = !edited;
    this.clearOutput();
    this.count.textContent = "[ ]";
    await this.session.resetAll();
    this.setStatus(this.t.resetDone);
    this.setState("reset");
  }

  undoReset() {
    if (this.undoCode !== null) this.setCode(this.undoCode);
    this.undoCode = null;
    this.undoButton.hidden = true;
    this.editor.focus();
  }

  async copyOutput() {
    this.flushOutput();
    try {
      await navigator.clipboard.writeText(this.output.textContent);
      this.setStatus(this.t.copied);
    } catch {
      // clipboard refused (no permission): the output stays selectable
    }
  }

  async share() {
    const link = shareLink(this.code);
    window.history.replaceState(null, "", link); // `history` alone is CodeMirror's undo history
    try {
      await navigator.clipboard.writeText(link);
      this.setStatus(this.t.shareCopied);
    } catch {
      this.setStatus(this.t.shareInAddressBar);
    }
  }
}

/** @param {URL} assetBase @param {{notes?: boolean, python?: object, playground?: boolean}} [options] */
export function createController(assetBase, options = { notes: true }) {
  return new Controller(assetBase, options);
}
