// Shared by the browser worker, the build's snapshot step and the Node check: installs the runner and the torch stand-in into a Pyodide.
export const LIB_DIR = "/home/pyodide/sandbox_lib";

/**
 * With the engine's package already in LIB_DIR: write the runner next to it, make `import torch` import the
 * engine, and import numpy, the runner and torch once so the reader's first run does not pay for it.
 * `runnerSource` is runner.py's text. Returns the runner's session object (a PyProxy).
 */
export function importEngine(pyodide, runnerSource) {
  pyodide.FS.mkdirTree(LIB_DIR);
  pyodide.FS.writeFile(`${LIB_DIR}/sandbox_runner.py`, runnerSource);
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

