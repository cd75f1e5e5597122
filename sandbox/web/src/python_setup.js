// Shared by the browser worker and the Node check: installs the runner and the torch stand-in into a Pyodide.
export const LIB_DIR = "/home/pyodide/sandbox_lib";

/**
 * Unpack the engine (a zip holding the `npgrad` package), write the runner next to it, make `import torch`
 * import npgrad, and import both once so the reader's first run does not pay for it.
 * `runnerSource` is runner.py's text. Returns the runner's session object (a PyProxy).
 */
export function setupPython(pyodide, engineZip, runnerSource, engine = "npgrad") {
  pyodide.FS.mkdirTree(LIB_DIR);
  pyodide.unpackArchive(engineZip, "zip", { extractDir: LIB_DIR });
  pyodide.FS.writeFile(`${LIB_DIR}/sandbox_runner.py`, runnerSource);
  pyodide.runPython(`
import sys
sys.path.insert(0, ${JSON.stringify(LIB_DIR)})
import numpy, sandbox_runner
sandbox_runner.install_torch_alias(${JSON.stringify(engine)})
import torch
sandbox_runner.SESSION.reset()
`);
  return pyodide.globals.get("sandbox_runner").SESSION;
}
