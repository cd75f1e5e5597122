// The page's side of the sandbox: one worker per page, runs queued one at a time, Stop within a second.

const INTERRUPT_GRACE_MS = 600; // after this, an interrupt that did not land (a long C call) becomes a restart
const BOOT_TIMEOUT_MS = 90_000; // a load that neither finishes nor fails is reported, never left hanging

export class Engine {
  constructor(assetBase) {
    this.indexURL = new URL("pyodide/", assetBase).href;
    this.engineURL = new URL("npgrad.zip", assetBase).href;
    this.workerURL = new URL("sandbox-worker.js", assetBase).href;
    this.bootURL = new URL("boot/", assetBase).href;
    this.listeners = new Set();
    this.worker = null;
    this.ready = null;
    this.current = null; // {id, resolve, onOutput}
    this.queue = [];
    this.nextId = 1;
    this.generation = 0; // bumped whenever the namespace is lost (restart) or cleared (reset)
    this.state = "idle"; // idle | loading | ready | failed
    this.useSnapshot = true; // turned off for good if the memory snapshot is ever refused
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
    else if (this.state === "loading" && this.lastProgress) events.push(this.lastProgress);
    return events;
  }

  emit(event) {
    for (const listener of this.listeners) listener(event);
  }

  /** Start loading (idempotent); resolves when Python is ready, rejects with {code, detail} on failure. */
  start() {
    if (this.ready) return this.ready;
    this.state = "loading";
    this.interrupt = this.isolated ? new Int32Array(new SharedArrayBuffer(4)) : null;
    const worker = new Worker(this.workerURL);
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail({ code: "timeout", detail: "" }), BOOT_TIMEOUT_MS);
      const fail = (error) => {
        clearTimeout(timer);
        if (this.worker !== worker) return;
        this.state = "failed";
        this.error = error;
        this.emit({ type: "failed", error });
        reject(error);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        fail({ code: "core", detail: event.message || "worker failed to start" });
      };
      worker.onmessage = ({ data }) => {
        if (this.worker !== worker) return;
        if (data.type === "progress") {
          this.lastProgress = { ...data, type: "progress" };
          if (data.stage === "download" && data.total) this.lastDownload = this.lastProgress;
          this.emit(this.lastProgress);
        }
        else if (data.type === "fatal" && data.code === "snapshot" && this.useSnapshot) {
          // Refused snapshot: start again in a fresh worker, the ordinary (slower) way.
          console.warn(`sandbox: the memory snapshot was refused (${data.detail}); starting Python without it`);
          clearTimeout(timer);
          this.useSnapshot = false;
          worker.terminate();
          this.worker = null;
          this.ready = null;
          this.start().then(resolve, reject);
        } else if (data.type === "fatal") fail({ code: data.code, detail: data.detail });
        else if (data.type === "ready") {
          clearTimeout(timer);
          this.state = "ready";
          this.emit({ type: "ready" });
          resolve();
        } else this.handle(data);
      };
    });
    this.ready.catch(() => {});
    worker.postMessage({
      type: "init",
      indexURL: this.indexURL,
      engineURL: this.engineURL,
      bootURL: this.bootURL,
      useSnapshot: this.useSnapshot,
      interruptBuffer: this.interrupt ? this.interrupt.buffer : null,
    });
    return this.ready;
  }

  handle(data) {
    const job = this.current;
    if (!job || data.id !== job.id) return;
    if (data.type === "out") job.onOutput(data.kind, data.text);
    else if (data.type === "done") {
      this.current = null;
      job.resolve({ ...data.result, ms: data.ms });
      this.pump();
    }
  }

  /** Run code; resolves with the runner's result ({error, error_type, value, graph, ms}) or {stopped, lost}. */
  run(code, onOutput = () => {}) {
    return new Promise((resolve, reject) => {
      this.queue.push({ code, onOutput, resolve, reject });
      this.start().then(
        () => this.pump(),
        (error) => {
          this.queue = this.queue.filter((job) => job.resolve !== resolve);
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
    this.worker.postMessage({ type: "run", id: job.id, code: job.code });
  }

  get busy() {
    return Boolean(this.current);
  }

  /** Stop the running cell (and drop queued ones). Resolves with {lost}: whether the namespace was lost. */
  async stop() {
    const job = this.current;
    for (const queued of this.queue.splice(0)) queued.resolve({ stopped: true, lost: false, queued: true });
    if (!job) return { lost: false };
    if (this.interrupt) {
      this.interrupt[0] = 2; // SIGINT: Python raises KeyboardInterrupt and keeps its state
      const landed = await new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), INTERRUPT_GRACE_MS);
        const original = job.resolve;
        job.resolve = (result) => {
          clearTimeout(timer);
          original({ ...result, stopped: true, lost: false });
          resolve(true);
        };
      });
      if (landed) return { lost: false };
    }
    this.restart();
    job.resolve({ stopped: true, lost: true });
    return { lost: true };
  }

  /** Throw the worker away and boot a fresh one: the only way to stop code without an interrupt buffer. */
  restart() {
    this.worker.terminate();
    this.worker = null;
    this.ready = null;
    this.current = null;
    this.state = "idle";
    this.generation += 1;
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
        if (data.type === "reset-done") {
          worker.removeEventListener("message", listener);
          resolve();
        }
      };
      worker.addEventListener("message", listener);
      worker.postMessage({ type: "reset" });
    });
  }
}
