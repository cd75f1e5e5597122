// Runs snippet cells under Pyodide + npgrad in Node, the way the browser sandbox runs them, for the comparison
// with torch's build-time output. Reads {"engineZip", "files": {FILE: [{name, code, sandbox}]}} as JSON on stdin;
// writes {FILE: {CELL: {"output", "error"}}} as JSON on stdout. Each file gets a fresh namespace, like the build.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startPyodide } from "../../sandbox/web/node_pyodide.mjs";
import { importEngine, LIB_DIR } from "../../sandbox/web/src/python_setup.js";
import { unpackInto } from "../../sandbox/web/src/unzip.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const input = JSON.parse(readFileSync(0, "utf8"));
const pyodide = await startPyodide(join(root, "build", "pyodide"));
const runner = readFileSync(join(root, "sandbox", "web", "src", "runner.py"), "utf8");
let session;
try {
  // as the worker does: the engine zip unpacked by the same reader, then the runner and the torch stand-in
  await unpackInto(pyodide.FS, LIB_DIR, new Uint8Array(readFileSync(input.engineZip)));
  session = importEngine(pyodide, runner);
} catch (err) {
  // Pyodide's own stack would print a megabyte of minified source; the Python traceback is what matters.
  process.stderr.write(`setting up the engine failed:\n${err.message}\n`);
  process.exit(2);
}

const results = {};
for (const [file, cells] of Object.entries(input.files)) {
  session.reset();
  results[file] = {};
  for (const cell of cells) {
    if (!cell.sandbox) continue;
    let output = "";
    const result = JSON.parse(session.run_json(cell.code, (kind, text) => (output += text)));
    results[file][cell.name] = { output, error: result.error };
  }
}
process.stdout.write(JSON.stringify(results));
