// Shared by the browser worker, the build's snapshot step and the Node harness: installs the runner and the torch stand-in into a Pyodide.
export const LIB_DIR = "/home/pyodide/sandbox_lib";

/**
 * The runner's Python files: where each goes in LIB_DIR, and where it lives in the repository. The worker bundles
 * their text (worker.js imports each); Node reads them from disk (node_pyodide.mjs). The cell runner is shared
 * with the site's build (sandbox/cell_runner); prepare.mjs checks that this list names all of it.
 */
export const RUNNER_FILES = {
  "sandbox_runner.py": "sandbox/web/src/runner.py",
  "cell_runner/__init__.py": "sandbox/cell_runner/__init__.py",
  "cell_runner/result.py": "sandbox/cell_runner/result.py",
  "cell_runner/run.py": "sandbox/cell_runner/run.py",
  "cell_runner/torch_alias.py": "sandbox/cell_runner/torch_alias.py",
};

/** Write the runner's files (`sources`: their text by place in LIB_DIR, as RUNNER_FILES names them) into LIB_DIR. */
export function writeRunner(pyodide, sources) {
  const expected = Object.keys(RUNNER_FILES).sort().join();
  if (Object.keys(sources).sort().join() !== expected) throw new Error(`the runner's files must be ${expected}`);
  for (const [place, text] of Object.entries(sources)) {
    pyodide.FS.mkdirTree(`${LIB_DIR}/${place}`.replace(/\/[^/]+$/, ""));
    pyodide.FS.writeFile(`${LIB_DIR}/${place}`, text);
  }
}

/**
 * With the engine's package already in LIB_DIR: write the runner next to it, make `import torch` import the
 * engine, and import numpy, the runner and torch once so the reader's first run does not pay for it.
 * `sources` are the runner's files (writeRunner). Returns the runner's session object (a PyProxy).
 */
export function importEngine(pyodide, sources) {
  writeRunner(pyodide, sources);
  pyodide.runPython(`
import importlib.machinery, sys
# Files were written after the import system may have listed these folders. importlib.invalidate_caches() would
# do, but it imports importlib.metadata (a third of a second here); the folders' own finders are enough.
for finder in list(sys.path_importer_cache.values()):
    if isinstance(finder, importlib.machinery.FileFinder):
        finder.invalidate_caches()
sys.path.insert(0, ${JSON.stringify(LIB_DIR)})
import numpy, sandbox_runner
sandbox_runner.install_torch_alias("npgrad")
import torch
sandbox_runner.SESSION.reset()
`);
  return pyodide.globals.get("sandbox_runner").SESSION;
}
