// Runs snippet cells under Pyodide + npgrad in Node, the way the browser sandbox runs them, for the comparison
// with torch's build-time output. Reads {"engineZip", "files": {FILE: [{name, code, sandbox}]}} as JSON on stdin;
// writes {FILE: {CELL: {"output", "error"}}} as JSON on stdout. Each file gets a fresh namespace, like the build.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileKernel } from "../../sandbox/kernels/compile.mjs";
import { loadMatmulKernel } from "../../sandbox/kernels/matmul.js";
import { setupPython } from "../../sandbox/web/src/python_setup.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const indexURL = join(root, "build", "pyodide") + "/";
const { loadPyodide } = await import(join(indexURL, "pyodide.mjs"));

const input = JSON.parse(readFileSync(0, "utf8"));
// packageCacheDir: read the vendored wheel; without it Node would try to download packages.
const pyodide = await loadPyodide({ indexURL, packageCacheDir: indexURL });
const errors = [];
await pyodide.loadPackage("numpy", { messageCallback: () => {}, errorCallback: (m) => errors.push(m) });
if (errors.length) throw new Error(`numpy did not load: ${errors.join("\n")}`);
pyodide.registerJsModule("_npgrad_kernels", await loadMatmulKernel(await compileKernel())); // as the worker does
const runner = readFileSync(join(root, "sandbox", "web", "src", "runner.py"), "utf8");
let session;
try {
  session = setupPython(pyodide, new Uint8Array(readFileSync(input.engineZip)), runner);
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
