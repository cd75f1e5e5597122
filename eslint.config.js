// The front end's lint (run by scripts/test): ESLint's recommended rules for the sandbox's browser code, its
// workers, the theme's page scripts, and the Node scripts that build and test it.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["build/", "site/", "node_modules/", ".venv/"] },
  js.configs.recommended,
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module" },
    rules: {
      eqeqeq: ["error", "always"],
      "no-unused-vars": ["error", { args: "after-used", caughtErrors: "none" }],
      "prefer-const": "error",
      "no-var": "error",
    },
  },
  {
    files: ["sandbox/web/src/**/*.js", "sandbox/kernels/**/*.js"],
    languageOptions: { globals: { ...globals.browser, ...globals.worker } },
  },
  // The theme's own small page scripts (docs/overrides/assets/javascripts), classic scripts
  { files: ["docs/overrides/**/*.js"], languageOptions: { sourceType: "script", globals: globals.browser } },
  { files: ["**/*.mjs"], languageOptions: { globals: globals.node } },
];
