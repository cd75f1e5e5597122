// The sandbox's UI texts in the page's language (translations.js): the texts as written, and each template as a
// function that formats its values the same way in every language.
import { fill, translation } from "./translations.js";

/** @typedef {ReturnType<typeof strings>} SandboxStrings */

const megabytes = (bytes) => (bytes / 1e6).toFixed(1);

export function strings(lang) {
  const t = translation(lang).sandbox;
  return {
    ...t,
    cellLabel: (n) => fill(t.cellLabel, { n }),
    downloaded: (loaded, total) => fill(t.downloaded, { loaded: megabytes(loaded), total: megabytes(total) }),
    done: (ms) => fill(t.done, { ms: ms < 10 ? ms.toFixed(1) : Math.round(ms) }),
    graphLabel: (name) => fill(t.graphLabel, { name }),
    count: (n) => fill(t.count, { n }),
    countTitle: (n) => fill(t.countTitle, { n }),
    elapsed: (s) => fill(t.elapsed, { s }),
    inexact: (places) => fill(t.inexact, { ops: places.join(", ") }),
    // Snippet files give their reasons in English (sandbox="no: ..."): reasons holds each one's translation, and
    // tests/sandbox/test_sandbox_i18n.py fails for a reason a snippet uses that a language lacks.
    notRunnable: (reason) => fill(t.notRunnable, { reason }),
    errors: { ...t.errors, stalled: (s) => fill(t.errors.stalled, { s }) },
  };
}
