// What the type checker (tsconfig.json) cannot see in the JavaScript itself.

// esbuild's text loader (build.mjs): a .py file imports as its source text.
declare module "*.py" {
  const source: string;
  export default source;
}

// Pyodide's pyodide.js, loaded into the worker with importScripts.
interface WorkerGlobalScope {
  loadPyodide(options: object): Promise<any>;
}
