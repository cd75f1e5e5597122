// Runs Python with npgrad inside Pyodide 0.27.7 under Node, offline.
//   node run.mjs --corpus   stdin: {"programs": [{"name", "cells": [[name, code], ...]}]}
//                           stdout: {"python", "numpy", "results": {name: [cell results]}, "gradcheck_failures"}
//   node run.mjs --code -   stdin: Python source, run with npgrad importable; its prints go to stdout
// Pyodide, numpy and the module `_npgrad_kernels` as in the browser, from build/pyodide
// (sandbox/web/node_pyodide.mjs).
import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { copyPackage, startPyodide } from "../../../sandbox/web/node_pyodide.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..");
const pyodideDir = join(root, "build", "pyodide");
const mode = process.argv[2];

function fail(message) {
  process.stderr.write(message + "\n");
  process.exit(2);
}

// Pyodide as the browser runs it: the checked numpy wheel, and npgrad's SIMD matmul kernel compiled from its source
let pyodide;
try {
  pyodide = await startPyodide(pyodideDir, { stdout: (t) => process.stderr.write(t + "\n") });
} catch (err) {
  fail(err.message);
}

const site = "/home/pyodide/lib";
copyPackage(pyodide.FS, join(root, "sandbox", "npgrad"), join(site, "npgrad"));
for (const name of ["corpus_runner.py", "gradcheck_cases.py", "random_cases.py", "printed_cases.py"]) {
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
