// The texts the browser shows, in every language of the site: the `sandbox` and `sandbox_exercise` sections of
// translations/<language>.json (bundled by build.mjs's translations plugin, translations.mjs), the languages in the
// order of translations/languages.json, the default first. builder/translations.py reads the same files.
import TRANSLATIONS from "translations:sandbox";

/** The site's languages, the default first. */
export const LANGUAGES = TRANSLATIONS.languages;
export const DEFAULT_LANGUAGE = LANGUAGES[0];

/** The texts of a language (by default the page's <html lang>); the default language's for one the site lacks. */
export function translation(lang = document.documentElement.lang) {
  return TRANSLATIONS.texts[(lang || "").slice(0, 2)] || TRANSLATIONS.texts[DEFAULT_LANGUAGE];
}

/**
 * A template with its {placeholders} filled in, as Python's str.format fills the build's ({{ and }} are braces).
 * @param {string} template @param {Record<string, unknown>} values
 */
export function fill(template, values) {
  return template.replace(/\{\{|\}\}|\{(\w+)\}/g, (match, name) => (name === undefined ? match[0] : String(values[name])));
}
