// Pyodide under Node, the one harness for the bundle's preparation (prepare.mjs) and the tests: it starts Pyodide
// the way the browser does, from the vendored folder (scripts/vendor_pyodide.py), with the numpy wheel checked
// first. Node's loader reads a local wheel without checking its hash and, if the file is missing, silently tries
// the CDN: without this check a test or a snapshot could be made with a different numpy.
//
// Run as a script, offline, it serves the tests (results as JSON on stdout):
//   node sandbox/web/node_pyodide.mjs --cells    stdin: {"engineZip", "files": {FILE: [{"name", "code"}]}}
//       each file's cells in a fresh session of the browser's runner (src/runner.py), the engine unpacked from the
//       site's zip by the worker's own reader; stdout: {FILE: {CELL: cell result (sandbox/cell_runner, to_json)}}
//   node sandbox/web/node_pyodide.mjs --corpus   stdin: {"programs": [{"name", "cells": [[name, code], ...]}]}
//       with sandbox/npgrad and tests/npgrad's runners; stdout: {"python", "numpy", "results", "gradcheck_failures"}
//   node sandbox/web/node_pyodide.mjs --code -   stdin: Python source, run with npgrad importable; its prints go
//       to stdout
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { compileKernel } from "../kernels/compile.mjs";
import { loadMatmulKernel } from "../kernels/matmul.js";
import { importEngine, LIB_DIR, RUNNER_FILES, writeRunner } from "./src/python_setup.js";
import { unpackInto } from "./src/unzip.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The lock file and numpy's wheel (bytes) from `pyodideDir`; throws if the wheel is missing or altered. */
export function checkedNumpyWheel(pyodideDir) {
  const lock = JSON.parse(readFileSync(join(pyodideDir, "pyodide-lock.json"), "utf8"));
  const entry = lock.packages.numpy;
  let wheel;
  try {
    wheel = readFileSync(join(pyodideDir, entry.file_name));
  } catch {
    throw new Error(`missing ${entry.file_name} in ${pyodideDir}; run scripts/vendor_pyodide.py`);
  }
  const digest = createHash("sha256").update(wheel).digest("hex");
  if (digest !== entry.sha256) throw new Error(`${entry.file_name}: sha256 ${digest} does not match the lock file`);
  return { lock, entry, wheel };
}

/**
 * The runner's files (python_setup.js, RUNNER_FILES) read from the repository at `root`; throws if the cell
 * runner has a module the list (and so the worker's bundle) leaves out.
 */
export function runnerSources(root = ROOT) {
  const listed = new Set(Object.values(RUNNER_FILES));
  const missing = readdirSync(join(root, "sandbox", "cell_runner"))
    .filter((name) => name.endsWith(".py"))
    .map((name) => `sandbox/cell_runner/${name}`)
    .filter((path) => !listed.has(path));
  if (missing.length) throw new Error(`RUNNER_FILES (src/python_setup.js, and worker.js) lacks ${missing.join(", ")}`);
  const read = ([place, path]) => [place, readFileSync(join(root, path))];
  return Object.fromEntries(Object.entries(RUNNER_FILES).map(read));
}

/**
 * Pyodide from `pyodideDir` with numpy loaded and, with `kernel`, npgrad's SIMD matmul kernel registered as the
 * browser worker registers it (compiled from its source: a kernel that fails to build fails here). `options`
 * go to loadPyodide.
 */
export async function startPyodide(pyodideDir, { kernel = true, ...options } = {}) {
  checkedNumpyWheel(pyodideDir);
  const indexURL = `${pyodideDir}/`;
  const { loadPyodide } = await import(join(pyodideDir, "pyodide.mjs"));
  const pyodide = await loadPyodide({ indexURL, packageCacheDir: indexURL, ...options });
  const errors = [];
  await pyodide.loadPackage("numpy", { messageCallback: () => {}, errorCallback: (m) => errors.push(m) });
  if (errors.length) throw new Error(`numpy did not load: ${errors.join("\n")}`);
  if (kernel) pyodide.registerJsModule("_npgrad_kernels", await loadMatmulKernel(await compileKernel()));
  return pyodide;
}

/** Copy a Python package's .py files from `source` on disk to `target` in Pyodide's file system. */
export function copyPackage(FS, source, target) {
  FS.mkdirTree(target);
  for (const name of readdirSync(source)) {
    const path = join(source, name);
    if (statSync(path).isDirectory()) {
      if (name !== "__pycache__") copyPackage(FS, path, `${target}/${name}`);
    } else if (name.endsWith(".py")) FS.writeFile(`${target}/${name}`, readFileSync(path));
  }
}

/** Lesson cells through the browser's runner, on the engine from the site's zip (as the worker sets it up). */
async function runLessonCells(pyodide, request) {
  await unpackInto(pyodide.FS, LIB_DIR, new Uint8Array(readFileSync(request.engineZip)));
  importEngine(pyodide, runnerSources());
  pyodide.globals.set("request_json", JSON.stringify(request.files));
  return pyodide.runPython(`
import json, sandbox_runner
results = {}
for file, cells in json.loads(request_json).items():
    sandbox_runner.SESSION.reset()  # each file in a fresh namespace, as the build runs it
    results[file] = {}
    for cell in cells:
        sandbox_runner.SESSION.run(cell["code"], lambda kind, text: None)
        last = sandbox_runner.SESSION.last  # None when the cell flooded its output
        results[file][cell["name"]] = None if last is None else last.to_json()
json.dumps(results)
`);
}

/** The tests' programs (tests/npgrad) with sandbox/npgrad as torch, and the gradient checks. */
function runCorpus(pyodide, request) {
  pyodide.globals.set("request_json", JSON.stringify(request));
  return pyodide.runPython(`
import json, sys, numpy, npgrad
from corpus_runner import run_cells
from gradcheck_cases import check_all
request = json.loads(request_json)
results = {p["name"]: run_cells(p["cells"], npgrad, p["name"]) for p in request["programs"]}
json.dumps({"python": sys.version.split()[0], "numpy": numpy.__version__, "results": results,
            "gradcheck_failures": check_all(npgrad)})
`);
}

/** npgrad (from sandbox/npgrad), the cell runner and tests/npgrad's helpers, importable. */
function installTestPackages(pyodide) {
  copyPackage(pyodide.FS, join(ROOT, "sandbox", "npgrad"), `${LIB_DIR}/npgrad`);
  writeRunner(pyodide, runnerSources());
  for (const name of ["corpus_runner.py", "gradcheck_cases.py", "random_cases.py", "printed_cases.py"]) {
    pyodide.FS.writeFile(`${LIB_DIR}/${name}`, readFileSync(join(ROOT, "tests", "npgrad", name)));
  }
  pyodide.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(LIB_DIR)})`);
}

async function main(mode) {
  const usage = `usage: node ${relative(process.cwd(), fileURLToPath(import.meta.url))} --cells | --corpus | --code -`;
  if (!["--cells", "--corpus", "--code"].includes(mode)) throw new Error(usage);
  const input = readFileSync(0, "utf8");
  // Pyodide's own prints would mix with the JSON on stdout
  const toStderr = (t) => process.stderr.write(t + "\n");
  const pyodide = await startPyodide(join(ROOT, "build", "pyodide"), { stdout: toStderr });
  if (mode === "--cells") return runLessonCells(pyodide, JSON.parse(input));
  installTestPackages(pyodide);
  if (mode === "--corpus") return runCorpus(pyodide, JSON.parse(input));
  pyodide.setStdout({ batched: (t) => process.stdout.write(t + "\n") });
  pyodide.runPython(input);
  return "";
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.stdout.write(await main(process.argv[2]));
  } catch (err) {
    // Pyodide's own stack would print a megabyte of minified source; the Python traceback is what matters.
    process.stderr.write(`${err.message || err}\n`);
    process.exit(2);
  }
}
