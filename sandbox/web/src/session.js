// A page's sandbox session, without any drawing (ui.js draws it): which cells the reader has run in the page's
// shared namespace, the count of their runs, and their edits, kept per page and cell in localStorage.

import { storage } from "./dom.js";

const EDIT_PREFIX = "sandbox-edit:";

/** Whether the reader has kept an edit of any cell of `page` (a URL path). */
export function hasKeptEdits(page) {
  const store = storage();
  const prefix = `${EDIT_PREFIX}${page}:`;
  for (let i = 0; store && i < store.length; i += 1) if (store.key(i)?.startsWith(prefix)) return true;
  return false;
}

export class PageSession {
  /** @param {import("./python_worker.js").PythonWorker} python @param {object} sources @param {string} page */
  constructor(python, sources, page) {
    this.python = python;
    this.sources = sources;
    this.page = page;
    this.ran = new Set(); // "file#cell" run in the current namespace
    this.count = 0; // the reader's runs in the current namespace, as a notebook counts them
    python.on((event) => {
      if (event.type === "lost") this.forget();
    });
  }

  forget() {
    this.ran.clear();
    this.count = 0;
  }

  entry(file, name) {
    const list = this.sources[file] || [];
    const index = list.findIndex((c) => c.name === name);
    return { list, index, cell: list[index] };
  }

  nextNumber() {
    this.count += 1;
    return this.count;
  }

  markRan(file, name) {
    this.ran.add(`${file}#${name}`);
  }

  /**
   * Rebuild the state a cell needs: run the earlier sandbox cells of its file not yet run in this namespace
   * (their original code, silently). False if that was stopped or the namespace was lost meanwhile.
   */
  async prepare(file, name, owner, onPreparing) {
    const { list, index } = this.entry(file, name);
    for (const earlier of list.slice(0, Math.max(index, 0))) {
      const key = `${file}#${earlier.name}`;
      if (!earlier.sandbox || this.ran.has(key)) continue;
      onPreparing();
      const generation = this.python.generation;
      const result = await this.python.run(earlier.code, { owner });
      if (result.stopped || result.lost || this.python.generation !== generation) return false;
      this.ran.add(key);
    }
    return true;
  }

  async resetAll() {
    await this.python.reset();
    this.forget();
  }

  editKey(file, name) {
    return `${EDIT_PREFIX}${this.page}:${file}#${name}`;
  }

  /** The reader's edited code of a cell, or null if they have not changed it. */
  loadEdit(file, name) {
    return storage()?.getItem(this.editKey(file, name)) ?? null;
  }

  /** Keep `code` as the cell's edit, or forget the edit when `code` is the original again. */
  saveEdit(file, name, code, original) {
    const store = storage();
    if (!store) return;
    try {
      if (code === original) store.removeItem(this.editKey(file, name));
      else store.setItem(this.editKey(file, name), code);
    } catch {
      // storage full or refused: the edit lives as long as the page
    }
  }
}
