// The sandbox's Web Worker: boots Pyodide, numpy and the engine, then runs cells on request.
// Python never runs on the page's thread, so a busy cell cannot freeze the page.
//
// Start-up, all begun at once: boot.json (written at build time by prepare.mjs) names a memory snapshot of a
// started interpreter and a numpy bundle precompiled to bytecode; both are downloaded and checked against their
// sha256 while pyodide.asm.js and the wasm load. Restoring the snapshot skips the interpreter's start-up; if it is
// missing, damaged or refused, Python starts the ordinary way and only the time is lost.
import { loadMatmulKernelOrWarn } from "../../kernels/matmul.js";
import { importEngine, LIB_DIR } from "./python_setup.js";
import cellRunnerInit from "../../cell_runner/__init__.py";
import cellRunnerResult from "../../cell_runner/result.py";
import cellRunnerRun from "../../cell_runner/run.py";
import cellRunnerTorchAlias from "../../cell_runner/torch_alias.py";
import runnerSource from "./runner.py";
import { decompress, unpackInto, unzip, writeFiles } from "./unzip.js";

import * as message from "./protocol.js";

let session = null;
let pyodide = null;
let interrupt = null;

// The runner's files (python_setup.js, RUNNER_FILES), bundled as text by esbuild.
const RUNNER_SOURCES = {
  "sandbox_runner.py": runnerSource,
  "cell_runner/__init__.py": cellRunnerInit,
  "cell_runner/result.py": cellRunnerResult,
  "cell_runner/run.py": cellRunnerRun,
  "cell_runner/torch_alias.py": cellRunnerTorchAlias,
};

const post = (m) => self.postMessage(m);
const rawFetch = self.fetch.bind(self);

class LoadError extends Error {
  constructor(code, detail) {
    super(detail);
    this.code = code;
  }
}

/**
 * Every byte the start downloads, Pyodide's own files included, counted as it arrives against the total that
 * boot.json announces; reported at most every 100 ms. The page fails a load on a stall (no bytes for a while),
 * not on its total time, so a slow link loads as long as bytes keep coming.
 */
class ByteCounter {
  loaded = 0;
  total = 0;
  last = 0;

  add(n) {
    this.loaded += n;
    const now = performance.now();
    if (now - this.last > 100 || (this.total && this.loaded >= this.total)) this.report(now);
  }

  expect(n) {
    this.total += n;
    this.report(performance.now());
  }

  report(now) {
    this.last = now;
    post(message.progress("download", Math.min(this.loaded, this.total), this.total));
  }
}

const counter = new ByteCounter();

/** Download `url`, counting its bytes. */
async function fetchBytes(url, code) {
  let response;
  try {
    response = await rawFetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const reader = response.body.getReader();
    const chunks = [];
    let length = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.length;
      counter.add(value.length);
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

/**
 * Pyodide fetches its wasm, standard library and lock file itself: count their bytes from a copy of each
 * response, leaving the response Pyodide gets untouched (a rebuilt one would lose the browser's compiled-wasm
 * cache).
 */
function countPyodideFetches() {
  self.fetch = async (input, init) => {
    const response = await rawFetch(input, init);
    if (response.ok && response.body) {
      const reader = response.clone().body.getReader();
      const drain = async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          counter.add(value.length);
        }
      };
      drain().catch(() => {});
    }
    return response;
  };
}

/**
 * Pyodide loads pyodide.asm.js with the synchronous importScripts, whose bytes nobody can count: download it
 * here (counted) and hand importScripts the downloaded copy.
 */
async function preloadScript(url) {
  const bytes = await fetchBytes(url, "core");
  const local = URL.createObjectURL(new Blob([bytes], { type: "text/javascript" }));
  const original = self.importScripts.bind(self);
  self.importScripts = (...urls) => original(...urls.map((u) => (u === url ? local : u)));
}

async function sha256Hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A file named in boot.json: downloaded, its sha256 checked, then un-gzipped. */
async function verified(bootURL, entry, code) {
  const bytes = await fetchBytes(bootURL + entry.file, code);
  const got = await sha256Hex(bytes);
  if (got !== entry.sha256) throw new LoadError("tampered", `${entry.file}: sha256 ${got}, expected ${entry.sha256}`);
  const raw = await decompress(bytes, "gzip");
  if (raw.length !== entry.size) throw new LoadError(code, `${entry.file}: ${raw.length} bytes, expected ${entry.size}`);
  return raw;
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
  counter.report(performance.now());
  countPyodideFetches();
  const coreScripts = [indexURL + "pyodide.js", indexURL + "pyodide.asm.js"];
  const scriptsPromise = Promise.all(coreScripts.map(preloadScript));
  scriptsPromise.catch(() => {});
  let manifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(await fetchBytes(bootURL + "boot.json", "core")));
  } catch (err) {
    throw new LoadError("core", err.message);
  }
  const bootFiles = [manifest.bundle, manifest.bytecode, manifest.kernel, ...(useSnapshot ? [manifest.snapshot] : [])];
  counter.expect(manifest.core.reduce((n, f) => n + f.size, 0) + bootFiles.reduce((n, f) => n + f.bytes, 0));
  const snapshotPromise = useSnapshot ? verified(bootURL, manifest.snapshot, "core") : null;
  const bundlePromise = verified(bootURL, manifest.bundle, "package").then(unzip);
  const enginePromise = rawFetch(engineURL).then(async (response) => {
    // The engine's zip is made by the site's build after boot.json: its size comes with it.
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const length = Number(response.headers.get("content-length"));
    if (length && !response.headers.get("content-encoding")) counter.expect(length);
    const bytes = new Uint8Array(await response.arrayBuffer());
    counter.add(bytes.length);
    return bytes;
  });
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
    await scriptsPromise;
    importScripts(coreScripts[0]);
  } catch (err) {
    throw new LoadError("core", err.message);
  }
  try {
    pyodide = await startPython(indexURL, snapshotPromise);
  } catch (err) {
    throw err instanceof LoadError ? err : new LoadError("core", err.message);
  }
  if (interruptBuffer) {
    interrupt = new Int32Array(interruptBuffer);
    pyodide.setInterruptBuffer(interrupt);
  }

  post(message.progress("numpy"));
  const files = await bundlePromise;
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  writeFiles(pyodide.FS, sitePackages, files);
  await preloadExtensions(pyodide, sitePackages, await compiledPromise);

  post(message.progress("engine"));
  let engineZip;
  try {
    engineZip = await enginePromise;
  } catch (err) {
    throw new LoadError("engine", `${engineURL}: ${err.message}`);
  }
  try {
    await unpackInto(pyodide.FS, LIB_DIR, engineZip);
    writeFiles(pyodide.FS, LIB_DIR, await bytecodePromise);
    const kernel = await kernelPromise;
    if (kernel) pyodide.registerJsModule("_npgrad_kernels", kernel);
    session = importEngine(pyodide, RUNNER_SOURCES);
  } catch (err) {
    throw new LoadError("engine", err.message);
  }
  post(message.ready());
}

/** Whether the interpreter still works after a run threw from JavaScript (a fatal error leaves it dead). */
function pythonAlive() {
  try {
    return pyodide.runPython("1") === 1;
  } catch {
    return false;
  }
}

function run({ id, code, number }) {
  if (interrupt) interrupt[0] = 0;
  const started = performance.now();
  const write = (kind, text) => post(message.out(id, kind, text));
  let result;
  try {
    result = JSON.parse(session.run_json(code, write, number));
  } catch (err) {
    const detail = String(err.message || err);
    if (!pythonAlive()) {
      const stack = err instanceof RangeError || /call stack|stack overflow|recursion/i.test(detail);
      post(message.crashed(id, stack ? "stack" : "crash", detail));
      return;
    }
    result = { error: detail, error_type: "InternalError", limit: null, random: false, inexact: [], graph: null };
  }
  post(message.done(id, result, performance.now() - started));
}

self.onmessage = async ({ data }) => {
  if (data.type === message.TO_WORKER.init) {
    try {
      await boot(data);
    } catch (err) {
      post(message.fatal(err.code || "core", String(err.message || err)));
    }
  } else if (data.type === message.TO_WORKER.run) {
    run(data);
  } else if (data.type === message.TO_WORKER.reset) {
    session.reset();
    post(message.resetDone());
  }
};
