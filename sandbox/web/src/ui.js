// Editable cells: CodeMirror editor, Run / Stop / Reset, text-only output, and the autograd graph drawing.
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import { bracketMatching, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { EditorState } from "@codemirror/state";
import { classHighlighter } from "@lezer/highlight";
import { drawSelection, EditorView, highlightActiveLine, keymap, lineNumbers } from "@codemirror/view";
import { Engine } from "./engine.js";
import { drawGraph } from "./graph.js";
import { strings } from "./i18n.js";

const OUTPUT_CHARS = 200_000;

function h(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function readSources() {
  const script = document.getElementById("snippet-sources");
  if (!script) return {};
  try {
    return JSON.parse(script.textContent);
  } catch {
    return {};
  }
}

class Controller {
  constructor(assetBase, { notes, engine }) {
    this.t = strings();
    this.engine = engine || new Engine(assetBase);
    this.sources = readSources();
    this.cells = [];
    this.ran = new Set(); // "file#cell" run in the current namespace
    this.engine.on((event) => this.onEngine(event));
    this.noteShown = !notes; // the playground page explains all this in its own text
  }

  onEngine(event) {
    if (event.type === "lost") this.ran.clear();
    for (const cell of this.cells) cell.onEngine(event);
  }

  warm() {
    this.engine.start().catch(() => {});
  }

  entry(file, name) {
    const list = this.sources[file] || [];
    const index = list.findIndex((c) => c.name === name);
    return { list, index, cell: list[index] };
  }

  /** Open a lesson snippet as an editable cell in place of its static code, its torch output kept beside it. */
  open(snippet, button) {
    button.remove();
    const cell = this.mount(snippet);
    cell.editor.focus();
    this.warm();
  }

  mountAll(snippets) {
    for (const snippet of snippets) this.mount(snippet);
  }

  mount(snippet) {
    const [file, name] = (snippet.dataset.snippet || "").split("#");
    const { cell: source } = this.entry(file, name);
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
    for (const event of this.engine.lastEvents) cell.onEngine(event);
    return cell;
  }

  notes() {
    const box = h("div", { class: "sbx-notes admonition note" });
    for (const text of [this.t.noteEngine, this.t.noteNamespace, this.t.noteKeys]) box.append(h("p", {}, text));
    return box;
  }

  /** Rebuild the state a cell needs: run the earlier sandbox cells of its file not yet run in this namespace. */
  async prepare(file, name, status) {
    const { list, index } = this.entry(file, name);
    for (const earlier of list.slice(0, Math.max(index, 0))) {
      const key = `${file}#${earlier.name}`;
      if (!earlier.sandbox || this.ran.has(key)) continue;
      status(this.t.preparing);
      const generation = this.engine.generation;
      const result = await this.engine.run(earlier.code);
      if (result.stopped || this.engine.generation !== generation) return false;
      this.ran.add(key);
    }
    return true;
  }

  async resetAll() {
    await this.engine.reset();
    this.ran.clear();
  }
}

class Cell {
  constructor(controller, { snippet, file, name, code, number }) {
    const t = controller.t;
    this.controller = controller;
    this.t = t;
    this.file = file;
    this.name = name;
    this.original = code;
    this.running = false;

    // data-state (idle, running, done, error, stopped, lost, reset, load-error) is for styling and tests.
    this.root = h("div", { class: "sbx-cell", role: "group", "aria-label": t.cellLabel(number), "data-state": "idle" });
    const bar = h("div", { class: "sbx-toolbar" });
    this.runButton = h("button", { type: "button", class: "sbx-run", title: t.runTitle }, t.run);
    this.stopButton = h("button", { type: "button", class: "sbx-stop" }, t.stop);
    this.resetButton = h("button", { type: "button", class: "sbx-reset", title: t.resetTitle }, t.reset);
    this.stopButton.disabled = true;
    this.status = h("span", { class: "sbx-status", role: "status" }, t.idle);
    // Byte counts change many times a second: they go in a progress bar, not the live status, so a screen
    // reader announces each loading stage once instead of every number.
    this.progress = h("span", { class: "sbx-progress" });
    this.progressBar = h("progress", { max: "1", value: "0", "aria-label": t.downloadLabel });
    this.progressText = h("span", { class: "sbx-progress-text", "aria-hidden": "true" });
    this.progress.append(this.progressBar, this.progressText);
    this.progress.hidden = true;
    bar.append(this.runButton, this.stopButton, this.resetButton, this.status, this.progress);

    this.editorHost = h("div", { class: "sbx-editor" });
    this.editor = new EditorView({
      parent: this.editorHost,
      state: this.editorState(code),
    });

    const torchOutput = snippet.querySelector(".snippet-output");
    const panes = h("div", { class: torchOutput ? "sbx-panes sbx-compare" : "sbx-panes" });
    if (torchOutput) {
      const left = h("div", { class: "sbx-pane sbx-pane-torch" });
      left.append(h("p", { class: "sbx-pane-title" }, t.torchOutput), torchOutput);
      panes.append(left);
    }
    const right = h("div", { class: "sbx-pane sbx-pane-browser" });
    this.output = h("pre", { class: "sbx-output", role: "log", "aria-live": "polite", "aria-label": t.outputLabel });
    this.graphArea = h("div", { class: "sbx-graph-area" });
    right.append(h("p", { class: "sbx-pane-title" }, t.browserOutput), this.output, this.graphArea);
    panes.append(right);

    this.root.append(bar, this.editorHost, panes);
    snippet.append(this.root);

    this.runButton.addEventListener("click", () => this.run());
    this.stopButton.addEventListener("click", () => this.stop());
    this.resetButton.addEventListener("click", () => this.reset());
    // Any sign of intent on the cell starts loading Python.
    for (const type of ["pointerenter", "focusin", "pointerdown"]) {
      this.root.addEventListener(type, () => controller.warm(), { once: true });
    }
  }

  editorState(code) {
    const runKey = () => {
      this.run();
      return true;
    };
    return EditorState.create({
      doc: code,
      extensions: [
        lineNumbers(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        indentOnInput(),
        bracketMatching(),
        syntaxHighlighting(classHighlighter), // stable tok-* classes: sandbox.css colours them per scheme
        python(),
        keymap.of([
          { key: "Shift-Enter", run: runKey },
          { key: "Mod-Enter", run: runKey },
          ...defaultKeymap,
          ...historyKeymap,
          // Tab indents; Escape then Tab leaves the editor (CodeMirror's documented tab-focus escape).
          indentWithTab,
        ]),
        EditorView.contentAttributes.of({ "aria-label": this.t.editorLabel }),
      ],
    });
  }

  setStatus(text) {
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  showProgress(loaded, total) {
    const { t } = this;
    this.progress.hidden = false;
    this.progressBar.value = total ? loaded / total : 0;
    this.progressBar.setAttribute("aria-valuetext", t.downloaded(loaded, total));
    this.progressText.textContent = t.downloaded(loaded, total);
  }

  onEngine(event) {
    if (event.type !== "progress") this.progress.hidden = true;
    if (event.type === "progress") {
      this.setStatus(this.t.loading[event.stage] || "");
      if (event.stage === "download" && event.total) this.showProgress(event.loaded, event.total);
      else if (event.stage !== "download") this.progress.hidden = true;
    } else if (event.type === "ready" && !this.running) this.setStatus(this.t.ready);
    else if (event.type === "failed") this.showLoadError(event.error);
  }

  showLoadError(error) {
    this.root.dataset.state = "load-error";
    this.setStatus("");
    this.clearOutput();
    this.append(this.t.errors[error.code] || this.t.errors.core, "sbx-error");
    if (error.detail) this.append(`\n\n${error.detail}`, "sbx-note");
  }

  clearOutput() {
    this.output.replaceChildren();
    this.graphArea.replaceChildren();
    this.chars = 0;
  }

  append(text, cls) {
    if (this.chars > OUTPUT_CHARS) return;
    this.chars += text.length;
    const last = this.output.lastElementChild;
    // Text only: output is never parsed as HTML.
    if (last && last.className === cls) last.append(document.createTextNode(text));
    else this.output.append(h("span", { class: cls }, text));
  }

  async run() {
    const { controller, t } = this;
    if (this.running) return;
    this.running = true;
    this.root.dataset.state = "running";
    this.stopButton.disabled = false;
    this.clearOutput();
    const code = this.editor.state.doc.toString();
    this.setStatus(controller.engine.busy ? t.queued : t.running);
    let result;
    try {
      if (controller.engine.state !== "ready") this.setStatus(t.loading.core);
      if (!(await controller.prepare(this.file, this.name, (s) => this.setStatus(s)))) {
        result = { stopped: true, lost: controller.engine.state !== "ready" };
      } else {
        this.setStatus(t.running);
        result = await controller.engine.run(code, (kind, text) => this.append(text, `sbx-${kind}`));
      }
    } catch (error) {
      this.running = false;
      this.stopButton.disabled = true;
      this.showLoadError(error);
      return;
    }
    this.running = false;
    this.stopButton.disabled = true;
    this.show(result);
  }

  show(result) {
    const { t } = this;
    if (result.stopped) {
      this.root.dataset.state = result.lost ? "lost" : "stopped";
      if (result.lost) {
        this.append(t.lost, "sbx-note");
        this.setStatus(t.lost);
      } else {
        this.append(t.stopped, "sbx-note");
        this.setStatus(t.stopped);
      }
      return;
    }
    this.controller.ran.add(`${this.file}#${this.name}`);
    if (result.error) this.append(result.error, "sbx-error");
    if (!this.output.textContent) this.append(t.noOutput, "sbx-note");
    this.setStatus(result.error ? t.failed : t.done(result.ms));
    this.root.dataset.state = result.error ? "error" : "done";
    if (result.graph) this.offerGraph(result.graph);
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
    await this.controller.engine.stop();
  }

  async reset() {
    this.editor.setState(this.editorState(this.original));
    this.clearOutput();
    await this.controller.resetAll();
    this.setStatus(this.t.resetDone);
    this.root.dataset.state = "reset";
  }
}

export function createController(assetBase, options = { notes: true }) {
  return new Controller(assetBase, options);
}
