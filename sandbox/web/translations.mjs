// The esbuild plugin behind `import TRANSLATIONS from "translations:sandbox"` (src/translations.js): the languages of
// translations/languages.json, the default first, and of each one's translations/<language>.json only the sections
// the browser shows (the build's own texts stay out of the bundle).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const TRANSLATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "translations");
export const BROWSER_SECTIONS = ["sandbox", "sandbox_exercise"];

const read = (name) => JSON.parse(readFileSync(join(TRANSLATIONS_DIR, name), "utf-8"));

/** { languages, texts: { <language>: { sandbox, sandbox_exercise } } }, read now from translations/. */
export function browserTranslations() {
  const languages = read("languages.json");
  const texts = Object.fromEntries(
    languages.map((language) => {
      const all = read(`${language}.json`);
      return [language, Object.fromEntries(BROWSER_SECTIONS.map((section) => [section, all[section]]))];
    }),
  );
  return { languages, texts };
}

export const translationsPlugin = {
  name: "translations",
  setup(build) {
    build.onResolve({ filter: /^translations:sandbox$/ }, (args) => ({ path: args.path, namespace: "translations" }));
    build.onLoad({ filter: /.*/, namespace: "translations" }, () => {
      const { languages, texts } = browserTranslations();
      const watchFiles = ["languages.json", ...languages.map((l) => `${l}.json`)].map((f) => join(TRANSLATIONS_DIR, f));
      return { contents: JSON.stringify({ languages, texts }), loader: "json", watchFiles };
    });
  },
};
