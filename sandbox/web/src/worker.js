// The sandbox's Web Worker: boots Pyodide, numpy and the engine, then runs cells on request.
// Python never runs on the page's thread, so a busy cell cannot freeze the page.
import { setupPython } from "./python_setup.js";
import runnerSource from "./runner.py";

let session = null;
let interrupt = null;

const post = (message) => self.postMessage(message);
const progress = (stage) => post({ type: "progress", stage });

class LoadError extends Error {
  constructor(code, detail) {
    super(detail);
    this.code = code;
  }
}

async function fetchBytes(url, code) {
  let response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw new LoadError(code, `${url}: ${err.message}`);
  }
  if (!response.ok) throw new LoadError(code, `${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function sha256Hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

// Checked here rather than left to loadPackage's own integrity check, which reports a mismatch only as an
// opaque "Failed to fetch" (and a console error) instead of a message we can show.
async function verifiedWheel(indexURL, lock, name) {
  const entry = lock.packages[name];
  const bytes = await fetchBytes(indexURL + entry.file_name, "package");
  const got = await sha256Hex(bytes);
  if (got !== entry.sha256) {
    throw new LoadError("tampered", `${entry.file_name}: sha256 ${got}, expected ${entry.sha256}`);
  }
}

async function boot({ indexURL, engineURL, interruptBuffer }) {
  progress("core");
  const lockPromise = fetchBytes(indexURL + "pyodide-lock.json", "core").then((b) =>
    JSON.parse(new TextDecoder().decode(b)),
  );
  const enginePromise = fetchBytes(engineURL, "engine");
  // The wheel is fetched and hashed while the core boots; loadPackage below then reads it from the HTTP cache.
  const wheelPromise = lockPromise.then((lock) => verifiedWheel(indexURL, lock, "numpy"));
  wheelPromise.catch(() => {}); // awaited below; this only keeps an early failure from being reported twice

  try {
    importScripts(indexURL + "pyodide.js");
  } catch (err) {
    throw new LoadError("core", err.message);
  }
  let pyodide;
  try {
    pyodide = await self.loadPyodide({ indexURL, lockFileURL: indexURL + "pyodide-lock.json" });
  } catch (err) {
    throw new LoadError("core", err.message);
  }
  if (interruptBuffer) {
    interrupt = new Int32Array(interruptBuffer);
    pyodide.setInterruptBuffer(interrupt);
  }

  progress("numpy");
  await wheelPromise;
  const errors = [];
  await pyodide.loadPackage("numpy", {
    checkIntegrity: true,
    messageCallback: () => {},
    errorCallback: (message) => errors.push(message),
  });
  if (errors.length || !pyodide.loadedPackages.numpy) {
    throw new LoadError("package", errors.join("\n") || "numpy did not load");
  }

  progress("engine");
  const engineZip = await enginePromise;
  try {
    session = setupPython(pyodide, engineZip, runnerSource);
  } catch (err) {
    throw new LoadError("engine", err.message);
  }
  post({ type: "ready", isolated: Boolean(interrupt) });
}

function run({ id, code }) {
  if (interrupt) interrupt[0] = 0;
  const started = performance.now();
  const write = (kind, text) => post({ type: "out", id, kind, text });
  let result;
  try {
    result = JSON.parse(session.run_json(code, write));
  } catch (err) {
    result = { error: String(err.message || err), error_type: "InternalError", value: null, graph: null };
  }
  post({ type: "done", id, result, ms: performance.now() - started });
}

self.onmessage = async ({ data }) => {
  if (data.type === "init") {
    try {
      await boot(data);
    } catch (err) {
      post({ type: "fatal", code: err.code || "core", detail: String(err.message || err) });
    }
  } else if (data.type === "run") {
    run(data);
  } else if (data.type === "reset") {
    session.reset();
    post({ type: "reset-done" });
  }
};
