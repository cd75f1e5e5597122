// Bundles the sandbox's front end into build/web/ (run by `npm run build`); the site hook copies it into the site.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "..", "build", "web");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const common = { bundle: true, minify: true, target: ["es2020"], loader: { ".py": "text" }, logLevel: "warning" };
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
// Workers are classic scripts: Pyodide's pyodide.js is loaded with importScripts.
await build({ ...common, entryPoints: { "sandbox-worker": join(here, "src", "worker.js") }, outdir: out, format: "iife" });
await build({ ...common, entryPoints: { "sandbox-sw": join(here, "src", "sw.js") }, outdir: out, format: "iife" });
copyFileSync(join(here, "sandbox.css"), join(out, "sandbox.css"));
console.log(`sandbox front end bundled into ${out}`);
