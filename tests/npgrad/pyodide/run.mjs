// Runs Python with npgrad inside Pyodide 0.27.7 under Node, offline.
//   node run.mjs --corpus   stdin: {"programs": [{"name", "cells": [[name, code], ...]}]}
//                           stdout: {"python", "numpy", "results": {name: [cell results]}, "gradcheck_failures"}
//   node run.mjs --code -   stdin: Python source, run with npgrad importable; its prints go to stdout
// Pyodide's core comes from node_modules/pyodide; packages from build/pyodide (scripts/vendor_pyodide.py); the
// module `_npgrad_kernels` from sandbox/kernels/, as in the browser.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { compileKernel } from "../../../sandbox/kernels/compile.mjs";
import { loadMatmulKernel } from "../../../sandbox/kernels/matmul.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..");
const indexURL = join(root, "build", "pyodide") + "/";
const mode = process.argv[2];

function fail(message) {
  process.stderr.write(message + "\n");
  process.exit(2);
}

// Node's loader reads the wheel without checking its hash and falls back to a CDN when it is missing:
// check both here so a test never passes on a different numpy.
const lock = JSON.parse(readFileSync(join(indexURL, "pyodide-lock.json"), "utf8"));
const numpy = lock.packages.numpy;
let wheel;
try {
  wheel = readFileSync(join(indexURL, numpy.file_name));
} catch {
  fail(`missing ${numpy.file_name} in build/pyodide; run scripts/vendor_pyodide.py`);
}
const digest = createHash("sha256").update(wheel).digest("hex");
if (digest !== numpy.sha256) fail(`${numpy.file_name}: sha256 ${digest} does not match the lock file`);

const { loadPyodide } = await import(join(root, "node_modules", "pyodide", "pyodide.mjs"));
const pyodide = await loadPyodide({ indexURL, packageCacheDir: indexURL, stdout: (t) => process.stderr.write(t + "\n") });
const errors = [];
await pyodide.loadPackage("numpy", { messageCallback: () => {}, errorCallback: (m) => errors.push(m) });
if (errors.length) fail(`numpy did not load: ${errors.join("\n")}`);
// npgrad's large float32 products use the browser's WebAssembly SIMD kernel, compiled from its source; unlike the
// browser, which falls back to numpy, a kernel that fails to build or load fails here.
pyodide.registerJsModule("_npgrad_kernels", await loadMatmulKernel(await compileKernel()));

// npgrad's sources and the shared cell runner, copied into Pyodide's file system
function copyTree(src, dest) {
  pyodide.FS.mkdirTree(dest);
  for (const name of readdirSync(src)) {
    const path = join(src, name);
    if (statSync(path).isDirectory()) {
      if (name !== "__pycache__") copyTree(path, join(dest, name));
    } else if (name.endsWith(".py")) {
      pyodide.FS.writeFile(join(dest, name), readFileSync(path));
    }
  }
}
const site = "/home/pyodide/lib";
copyTree(join(root, "sandbox", "npgrad"), join(site, "npgrad"));
for (const name of ["corpus_runner.py", "gradcheck_cases.py"]) {
  pyodide.FS.writeFile(join(site, name), readFileSync(join(here, "..", name)));
}
pyodide.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(site)})`);

const input = readFileSync(0, "utf8");
if (mode === "--corpus") {
  pyodide.globals.set("request_json", input);
  const out = pyodide.runPython(`
import json, sys, numpy, npgrad
from corpus_runner import run_cells
request = json.loads(request_json)
results = {p["name"]: run_cells(p["cells"], npgrad, p["name"]) for p in request["programs"]}
from gradcheck_cases import check_all
json.dumps({"python": sys.version.split()[0], "numpy": numpy.__version__, "results": results,
            "gradcheck_failures": check_all(npgrad)})
`);
  process.stdout.write(out);
} else if (mode === "--code") {
  pyodide.setStdout({ batched: (t) => process.stdout.write(t + "\n") });
  try {
    pyodide.runPython(input);
  } catch (err) {
    fail(String(err.message || err));
  }
} else {
  fail(`usage: node ${relative(process.cwd(), fileURLToPath(import.meta.url))} --corpus | --code -`);
}
