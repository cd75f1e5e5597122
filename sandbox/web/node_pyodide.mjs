// Pyodide under Node, for the build (prepare.mjs) and the tests' runners: one place that starts it the way the
// browser does, from the vendored folder (scripts/vendor_pyodide.py), with the numpy wheel checked first.
// Node's loader reads a local wheel without checking its hash and, if the file is missing, silently tries the
// CDN: without this check a test or a snapshot could be made with a different numpy.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { compileKernel } from "../kernels/compile.mjs";
import { loadMatmulKernel } from "../kernels/matmul.js";

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
