// Bundles the sandbox's front end into build/web/ (run by `npm run build`); the site hook copies it into the site.
import { build } from "esbuild";
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { prepare } from "./prepare.mjs";
import { translationsPlugin } from "./translations.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "..", "build", "web");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const common = {
  bundle: true,
  minify: true,
  target: ["es2020"],
  loader: { ".py": "text" },
  plugins: [translationsPlugin],
  logLevel: "warning",
};
// The page script is an ES module split in two: a small loader every snippet page gets, and the editor chunk it
// imports only when the reader shows intent.
await build({
  ...common,
  entryPoints: { sandbox: join(here, "src", "loader.js") },
  outdir: out,
  format: "esm",
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
});
// Workers are classic scripts: Pyodide's pyodide.js is loaded with importScripts (and the service worker alike).
const workers = { "sandbox-worker": join(here, "src", "worker.js"), "sandbox-sw": join(here, "src", "sw.js") };
await build({ ...common, entryPoints: workers, outdir: out, format: "iife" });
copyFileSync(join(here, "sandbox.css"), join(out, "sandbox.css"));
console.log(`sandbox front end bundled into ${out}`);

// The numpy bundle and the memory snapshot need the vendored Pyodide (scripts/vendor_pyodide.py runs first).
const pyodideDir = join(here, "..", "..", "build", "pyodide");
if (!existsSync(join(pyodideDir, "pyodide-lock.json"))) {
  console.error(`Pyodide is not vendored in ${pyodideDir}: run \`.venv/bin/python scripts/vendor_pyodide.py\` first`);
  process.exit(1);
}
const manifest = await prepare({
  pyodideDir,
  engineDir: join(here, "..", "npgrad"),
  root: join(here, "..", ".."),
  out: join(out, "boot"),
});
const mb = (n) => (n / 1e6).toFixed(1);
console.log(
  `numpy bundle ${mb(manifest.bundle.bytes)} MB, snapshot ${mb(manifest.snapshot.bytes)} MB ` +
    `(${manifest.snapshotModules} modules pre-imported) in ${join(out, "boot")}`,
);
