// Evaluates a JavaScript expression over the sandbox's texts as the browser gets them: src/i18n.js,
// src/exercise_i18n.js and src/translations.js bundled with build.mjs's translations plugin, as `m`; prints its
// value as JSON.
// Usage: node texts_cli.mjs 'm.strings("ko").reasons'
import { build } from "esbuild";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { translationsPlugin } from "../../sandbox/web/translations.mjs";

const src = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "sandbox", "web", "src");
const entry =
  'export { strings } from "./i18n.js";\nexport { exerciseStrings, feedback } from "./exercise_i18n.js";\n' +
  'export { LANGUAGES, DEFAULT_LANGUAGE, translation } from "./translations.js";\n';
const bundled = await build({
  stdin: { contents: entry, resolveDir: src, loader: "js" },
  bundle: true,
  format: "esm",
  write: false,
  plugins: [translationsPlugin],
  logLevel: "error",
});
const folder = mkdtempSync(join(tmpdir(), "texts-"));
try {
  const file = join(folder, "texts.mjs");
  writeFileSync(file, bundled.outputFiles[0].text);
  const m = await import(pathToFileURL(file).href);
  process.stdout.write(JSON.stringify(new Function("m", `return (${process.argv[2]});`)(m)));
} finally {
  rmSync(folder, { recursive: true, force: true });
}
