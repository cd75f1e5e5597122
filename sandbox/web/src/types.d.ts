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

// build.mjs's translations plugin (translations.mjs): each language's browser sections of
// translations/<language>.json, typed by the default language's file.
declare module "translations:sandbox" {
  type Texts = typeof import("../../../translations/ko.json");
  const translations: {
    languages: string[];
    texts: Record<string, { sandbox: Texts["sandbox"]; sandbox_exercise: Texts["sandbox_exercise"] }>;
  };
  export default translations;
}
