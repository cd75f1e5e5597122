// The messages between the page (python_worker.js) and the sandbox's Web Worker (worker.js): the one place that
// names them and their fields. Both sides build messages with these functions and switch on these types.

/**
 * What a run returns (runner.py's Session.run).
 * @typedef {object} RunResult
 * @property {string | null} error the traceback cut down to the reader's code, or null
 * @property {string | null} error_type the exception's class name
 * @property {"output" | "input" | "recursion" | "memory" | null} limit which of the sandbox's limits the run hit
 * @property {boolean} random whether the cell drew from a random number generator that differs from torch's
 * @property {string[]} inexact the places the cell used where the engine's printed digits may differ from torch's
 * @property {object | null} graph the autograd graph behind a trailing tensor value, for graph.js
 */

/** Page to worker. */
export const TO_WORKER = Object.freeze({ init: "init", run: "run", reset: "reset" });
/** Worker to page. */
export const FROM_WORKER = Object.freeze({
  progress: "progress",
  ready: "ready",
  fatal: "fatal",
  out: "out",
  done: "done",
  crashed: "crashed",
  resetDone: "reset-done",
});

/**
 * @param {{indexURL: string, engineURL: string, bootURL: string, useSnapshot: boolean,
 *   interruptBuffer: SharedArrayBuffer | null}} fields
 */
export const init = (fields) => ({ type: TO_WORKER.init, ...fields });
/** @param {number} id @param {string} code @param {number | null} number the reader's count, named in tracebacks */
export const run = (id, code, number) => ({ type: TO_WORKER.run, id, code, number });
export const reset = () => ({ type: TO_WORKER.reset });

/**
 * `stage`: "download" (with bytes `loaded` of `total`), then "numpy" and "engine" as Python sets itself up.
 * @param {"download" | "numpy" | "engine"} stage @param {number} [loaded] @param {number} [total]
 */
export const progress = (stage, loaded = 0, total = 0) => ({ type: FROM_WORKER.progress, stage, loaded, total });
export const ready = () => ({ type: FROM_WORKER.ready });
/** A load that failed; `code` picks the page's message (i18n.js, errors). @param {string} code @param {string} detail */
export const fatal = (code, detail) => ({ type: FROM_WORKER.fatal, code, detail });
/** @param {number} id @param {"stdout" | "stderr"} kind @param {string} text */
export const out = (id, kind, text) => ({ type: FROM_WORKER.out, id, kind, text });
/** @param {number} id @param {RunResult} result @param {number} ms */
export const done = (id, result, ms) => ({ type: FROM_WORKER.done, id, result, ms });
/**
 * The interpreter itself died during run `id` (its stack ran out, or its memory): the page must start a new one.
 * @param {number} id @param {"stack" | "crash"} reason @param {string} detail
 */
export const crashed = (id, reason, detail) => ({ type: FROM_WORKER.crashed, id, reason, detail });
export const resetDone = () => ({ type: FROM_WORKER.resetDone });
