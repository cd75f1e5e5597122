// The sandbox's Web Worker: boots Pyodide, numpy and the engine, then runs cells on request.
// Python never runs on the page's thread, so a busy cell cannot freeze the page.
//
// Start-up, all begun at once: boot.json (written at build time by prepare.mjs) names a memory snapshot of a
// started interpreter and a numpy bundle precompiled to bytecode; both are downloaded and checked against their
// sha256 while pyodide.asm.js and the wasm load. Restoring the snapshot skips the interpreter's start-up; if it is
// missing, damaged or refused, Python starts the ordinary way and only the time is lost.
import { loadMatmulKernelOrWarn } from "../../kernels/matmul.js";
import { importEngine, LIB_DIR } from "./python_setup.js";
import runnerSource from "./runner.py";
import { decompress, unpackInto, unzip, writeFiles } from "./unzip.js";

let session = null;
let interrupt = null;

const post = (message) => self.postMessage(message);
// `at`: when the stage began, in milliseconds since the epoch, so the benchmark can show where time goes.
const now = () => Math.round(performance.timeOrigin + performance.now());
const progress = (stage, extra = {}) => post({ type: "progress", stage, at: now(), ...extra });

class LoadError extends Error {
  constructor(code, detail) {
    super(detail);
    this.code = code;
  }
}

/** Download `url`; `onBytes(n)` hears about every chunk so the page can show real progress. */
async function fetchBytes(url, code, onBytes = () => {}) {
  let response;
  try {
    response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const reader = response.body.getReader();
    const chunks = [];
    let length = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.length;
      onBytes(value.length);
    }
    const bytes = new Uint8Array(length);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    return bytes;
  } catch (err) {
    throw new LoadError(code, `${url}: ${err.message}`);
  }
}

async function sha256Hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A file named in boot.json: downloaded, its sha256 checked, then un-gzipped. */
async function verified(bootURL, entry, code, onBytes) {
  const bytes = await fetchBytes(bootURL + entry.file, code, onBytes);
  const got = await sha256Hex(bytes);
  if (got !== entry.sha256) throw new LoadError("tampered", `${entry.file}: sha256 ${got}, expected ${entry.sha256}`);
  const raw = await decompress(bytes, "gzip");
  if (raw.length !== entry.size) throw new LoadError(code, `${entry.file}: ${raw.length} bytes, expected ${entry.size}`);
  return raw;
}

/** Counts downloaded bytes against the sizes boot.json announces; reports at most every 100 ms. */
function byteCounter(total) {
  let loaded = 0;
  let last = 0;
  return (n) => {
    loaded += n;
    const now = performance.now();
    if (now - last > 100 || loaded >= total) {
      last = now;
      progress("download", { loaded: Math.min(loaded, total), total });
    }
  };
}

/** Start compiling numpy's extension modules on background threads while Python is still starting. */
function compileExtensions(files, names) {
  const wanted = new Set(names);
  return Promise.all(
    files
      .filter((f) => wanted.has(f.name))
      .map((f) => WebAssembly.compile(f.data).then((module) => [f.name, module], () => null)),
  );
}

/**
 * Hand the compiled modules to the dynamic loader the way Emscripten's own preloading does (its `preloadedWasm`),
 * so `import numpy` links them instead of compiling them synchronously. Any that fails is simply left to the
 * ordinary path.
 */
async function preloadExtensions(pyodide, sitePackages, compiled) {
  const Module = pyodide._module;
  if (!Module.loadWebAssemblyModule || !Module.preloadedWasm) return;
  for (const entry of compiled) {
    if (!entry) continue;
    const [name, module] = entry;
    const path = `${sitePackages}/${name}`;
    try {
      const flags = { loadAsync: true, nodelete: true };
      Module.preloadedWasm[path] = await Module.loadWebAssemblyModule(module, flags, path, {});
    } catch (err) {
      console.warn(`sandbox: ${name} will be compiled on import (${err.message})`);
    }
  }
}

async function startPython(indexURL, snapshotPromise) {
  if (!snapshotPromise) return self.loadPyodide({ indexURL });
  // Pyodide awaits the snapshot only after it has begun fetching the wasm, the standard library and
  // pyodide.asm.js, so handing it the promise lets the snapshot download and unpack alongside them.
  let pyodide;
  try {
    pyodide = await self.loadPyodide({ indexURL, _loadSnapshot: snapshotPromise });
  } catch (err) {
    // A snapshot that never arrived stops Pyodide before it has started anything: start again without it.
    const missing = await snapshotPromise.then(() => null, (reason) => reason);
    if (missing) {
      console.warn(`sandbox: starting Python without its snapshot (${missing.message})`);
      return self.loadPyodide({ indexURL });
    }
    // A half-started Pyodide cannot be started again in this worker: the page starts a fresh one without it.
    throw new LoadError("snapshot", err.message);
  }
  return pyodide;
}

async function boot({ indexURL, engineURL, bootURL, interruptBuffer, useSnapshot }) {
  progress("download", { loaded: 0, total: 0 });
  let manifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(await fetchBytes(bootURL + "boot.json", "core")));
  } catch (err) {
    throw new LoadError("core", err.message);
  }
  const count = byteCounter((useSnapshot ? manifest.snapshot.bytes : 0) + manifest.bundle.bytes);
  const snapshotPromise = useSnapshot ? verified(bootURL, manifest.snapshot, "core", count) : null;
  const bundlePromise = verified(bootURL, manifest.bundle, "package", count).then(unzip);
  const enginePromise = fetchBytes(engineURL, "engine");
  // Only time is lost without the engine's bytecode: Python then compiles the sources.
  const bytecodePromise = verified(bootURL, manifest.bytecode, "engine").then(unzip).catch((err) => {
    console.warn(`sandbox: the engine's bytecode is unusable (${err.message}); compiling its sources`);
    return [];
  });
  const compiledPromise = bundlePromise.then((files) => compileExtensions(files, manifest.bundle.preload || []));
  // npgrad's SIMD matmul kernel; without it (null) the engine computes its products with numpy, only slower
  const kernelPromise = loadMatmulKernelOrWarn(verified(bootURL, manifest.kernel, "kernel"));
  snapshotPromise?.catch(() => {});
  bundlePromise.catch(() => {}); // awaited below; this only keeps an early failure from being reported twice
  enginePromise.catch(() => {});
  compiledPromise.catch(() => {});

  try {
    importScripts(indexURL + "pyodide.js");
  } catch (err) {
    throw new LoadError("core", err.message);
  }
  let pyodide;
  try {
    pyodide = await startPython(indexURL, snapshotPromise);
  } catch (err) {
    throw err instanceof LoadError ? err : new LoadError("core", err.message);
  }
  if (interruptBuffer) {
    interrupt = new Int32Array(interruptBuffer);
    pyodide.setInterruptBuffer(interrupt);
  }

  progress("numpy");
  const files = await bundlePromise;
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  writeFiles(pyodide.FS, sitePackages, files);
  await preloadExtensions(pyodide, sitePackages, await compiledPromise);

  progress("engine");
  const engineZip = await enginePromise;
  try {
    await unpackInto(pyodide.FS, LIB_DIR, engineZip);
    writeFiles(pyodide.FS, LIB_DIR, await bytecodePromise);
    const kernel = await kernelPromise;
    if (kernel) pyodide.registerJsModule("_npgrad_kernels", kernel);
    session = importEngine(pyodide, runnerSource);
  } catch (err) {
    throw new LoadError("engine", err.message);
  }
  post({ type: "ready", isolated: Boolean(interrupt), at: now() });
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
