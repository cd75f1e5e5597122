// The page's side of the sandbox: the client of its Web Worker (worker.js, spoken to through protocol.js).
// One per page; runs are queued and go to the worker one at a time; Stop stops one cell's run within a second.
import * as message from "./protocol.js";

const INTERRUPT_GRACE_MS = 600; // after this, an interrupt that did not land (a long C call) becomes a restart
// A load fails when no byte has arrived for this long, however long it has taken so far: a slow link that keeps
// delivering is never cut off, a dead one is reported, and the reader can retry from the cell.
export const STALL_MS = 15_000;

/**
 * What a run resolves with: the runner's result (protocol.js, RunResult) and `ms`, or, when it did not finish,
 * `stopped` (Stop pressed), `queued` (it never started), `lost` (Python was restarted: the namespace is gone),
 * `crashed` ("stack" or "crash": the interpreter itself died during the run).
 * @typedef {Partial<import("./protocol.js").RunResult> & {ms?: number, stopped?: boolean, queued?: boolean,
 *   lost?: boolean, crashed?: string, detail?: string}} Outcome
 */

export class PythonWorker {
  constructor(assetBase) {
    this.indexURL = new URL("pyodide/", assetBase).href;
    this.engineURL = new URL("npgrad.zip", assetBase).href;
    this.workerURL = new URL("sandbox-worker.js", assetBase).href;
    this.bootURL = new URL("boot/", assetBase).href;
    this.listeners = new Set();
    this.worker = null;
    this.ready = null;
    this.current = null; // the job the worker is running
    this.queue = [];
    this.nextId = 1;
    this.generation = 0; // bumped whenever the namespace is lost (restart) or cleared (reset)
    this.state = "idle"; // idle | loading | ready | failed
    this.useSnapshot = true; // turned off for good if the memory snapshot is ever refused
    this.lastDownload = null;
    this.lastStage = null;
  }

  get isolated() {
    return Boolean(self.crossOriginIsolated && typeof SharedArrayBuffer === "function");
  }

  on(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The events that describe the current state (the bytes downloaded, then the stage), for a late listener. */
  get lastEvents() {
    const events = this.lastDownload ? [this.lastDownload] : [];
    if (this.state === "ready") events.push({ type: "ready" });
    else if (this.state === "failed") events.push({ type: "failed", error: this.error });
    else if (this.state === "loading") events.push(this.lastStage || { type: "loading" });
    return events;
  }

  emit(event) {
    for (const listener of this.listeners) listener(event);
  }

  /** Start loading (idempotent; after a failure it starts again); resolves when Python is ready. */
  start() {
    if (this.ready && this.state !== "failed") return this.ready;
    this.state = "loading";
    this.lastDownload = null;
    this.lastStage = null;
    this.emit({ type: "loading" });
    this.interrupt = this.isolated ? new Int32Array(new SharedArrayBuffer(4)) : null;
    const worker = new Worker(this.workerURL);
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      /** @type {ReturnType<typeof setTimeout> | undefined} */
      let timer;
      const watchForStall = () => {
        clearTimeout(timer);
        timer = setTimeout(() => fail({ code: "stalled", detail: "" }), STALL_MS);
      };
      const fail = (error) => {
        clearTimeout(timer);
        if (this.worker !== worker) return;
        worker.terminate(); // nothing it still loads in the background can be used
        this.worker = null;
        this.state = "failed";
        this.error = error;
        this.emit({ type: "failed", error });
        reject(error);
      };
      watchForStall();
      worker.onerror = (event) => {
        event.preventDefault();
        if (this.state === "ready") this.crash({ reason: "crash", detail: event.message || "" });
        else fail({ code: "core", detail: event.message || "the worker failed to start" });
      };
      worker.onmessage = ({ data }) => {
        if (this.worker !== worker) return;
        const types = message.FROM_WORKER;
        if (data.type === types.progress) {
          const allIn = data.stage === "download" && data.total > 0 && data.loaded >= data.total;
          if (allIn || this.state === "ready") clearTimeout(timer);
          else watchForStall();
          if (data.stage === "download") this.lastDownload = data;
          else this.lastStage = data;
          this.emit(data);
        } else if (data.type === types.fatal && data.code === "snapshot" && this.useSnapshot) {
          // Refused snapshot: start again in a fresh worker, the ordinary (slower) way.
          console.warn(`sandbox: the memory snapshot was refused (${data.detail}); starting Python without it`);
          clearTimeout(timer);
          this.useSnapshot = false;
          worker.terminate();
          this.worker = null;
          this.ready = null;
          this.start().then(resolve, reject);
        } else if (data.type === types.fatal) fail({ code: data.code, detail: data.detail });
        else if (data.type === types.ready) {
          clearTimeout(timer);
          this.state = "ready";
          this.emit({ type: "ready" });
          resolve();
          this.pump();
        } else this.handle(data);
      };
    });
    this.ready.catch(() => {});
    worker.postMessage(
      message.init({
        indexURL: this.indexURL,
        engineURL: this.engineURL,
        bootURL: this.bootURL,
        useSnapshot: this.useSnapshot,
        interruptBuffer: this.interrupt ? this.interrupt.buffer : null,
      }),
    );
    return this.ready;
  }

  handle(data) {
    const job = this.current;
    if (!job || data.id !== job.id) return;
    const types = message.FROM_WORKER;
    if (data.type === types.out) job.onOutput(data.kind, data.text);
    else if (data.type === types.done) {
      this.current = null;
      job.finish({ ...data.result, ms: data.ms });
      this.pump();
    } else if (data.type === types.crashed) this.crash(data);
  }

  /**
   * Run `code` once Python is ready and the runs queued before it are done. `owner` is whoever may stop it (a
   * cell); `onStart` is called when it really starts running; `number` is the reader's count, named in tracebacks.
   * Resolves with an Outcome; rejects with {code, detail} if Python cannot be loaded.
   * @returns {Promise<Outcome>}
   */
  run(code, { owner = null, number = null, onOutput = () => {}, onStart = () => {} } = {}) {
    return new Promise((resolve, reject) => {
      const job = { id: 0, code, owner, number, onOutput, onStart, finish: resolve };
      this.queue.push(job);
      this.start().then(
        () => this.pump(),
        (error) => {
          if (!this.queue.includes(job)) return;
          this.queue = this.queue.filter((other) => other !== job);
          reject(error);
        },
      );
    });
  }

  pump() {
    if (this.current || !this.queue.length || this.state !== "ready") return;
    const job = this.queue.shift();
    job.id = this.nextId++;
    this.current = job;
    job.onStart();
    this.worker.postMessage(message.run(job.id, job.code, job.number));
  }

  get busy() {
    return Boolean(this.current);
  }

  /** Whether `owner` has a run waiting or running. */
  has(owner) {
    return this.current?.owner === owner || this.queue.some((job) => job.owner === owner);
  }

  /**
   * Stop `owner`'s runs (all runs when `owner` is null): a queued one is dropped; a running one is interrupted,
   * or, if the interrupt does not land in time, Python is restarted. Resolves with {lost}.
   */
  async stop(owner = null) {
    const mine = (job) => owner === null || job.owner === owner;
    for (const job of this.queue.filter(mine)) job.finish({ stopped: true, queued: true, lost: false });
    this.queue = this.queue.filter((job) => !mine(job));
    const job = this.current;
    if (!job || !mine(job)) return { lost: false };
    if (this.interrupt) {
      this.interrupt[0] = 2; // SIGINT: Python raises KeyboardInterrupt and keeps its state
      const finish = job.finish;
      const landed = await new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), INTERRUPT_GRACE_MS);
        job.finish = (result) => {
          clearTimeout(timer);
          finish({ ...result, stopped: true, lost: false });
          resolve(true);
        };
      });
      if (landed) return { lost: false };
      job.finish = finish; // the run never finished: what happens next is a restart, and the cell must say so
    }
    this.restart();
    job.finish({ stopped: true, lost: true });
    return { lost: true };
  }

  /** The interpreter died during the current run: the run ends with what happened, and Python starts afresh. */
  crash({ reason, detail }) {
    const job = this.current;
    this.restart();
    job?.finish({ crashed: reason, detail, lost: true });
  }

  /** Throw the worker away and boot a fresh one: the namespace is lost, so the runs still queued are dropped. */
  restart() {
    this.worker?.terminate();
    this.worker = null;
    this.ready = null;
    this.current = null;
    this.state = "idle";
    this.generation += 1;
    for (const job of this.queue.splice(0)) job.finish({ stopped: true, queued: true, lost: true });
    this.emit({ type: "lost" });
    this.start();
  }

  /** A fresh namespace for the page's cells. */
  async reset() {
    await this.stop();
    this.generation += 1;
    if (this.state !== "ready") return;
    await new Promise((resolve) => {
      const worker = this.worker;
      const listener = ({ data }) => {
        if (data.type === message.FROM_WORKER.resetDone) {
          worker.removeEventListener("message", listener);
          resolve();
        }
      };
      worker.addEventListener("message", listener);
      worker.postMessage(message.reset());
    });
  }
}
