// The exercises' texts in the page's language (translations.js): the controls, and the feedback for each reason the
// checker gives (sandbox/exercise_check/check.py, REASONS), in a teacher's order.
import { fill, translation } from "./translations.js";

/** @typedef {ReturnType<typeof exerciseStrings>} ExerciseStrings */

export function exerciseStrings(lang) {
  const t = translation(lang).sandbox_exercise;
  return {
    ...t,
    checkedIn: (ms) => fill(t.checkedIn, { ms: Math.round(ms) }),
    chapterProgress: (solved, total) => fill(t.chapterProgress, { solved, total }),
    indexProgress: (solved, total) => fill(t.indexProgress, { solved, total }),
    passed: (cases) => fill(t.passed, { cases }),
    inCase: (n, cases, inputs) => fill(inputs ? t.inCaseWith : t.inCase, { n, cases, inputs }),
    checkFailed: (detail) => fill(t.checkFailed, { detail }),
  };
}

/**
 * The feedback for one verdict of the checker, as plain text.
 * @param {ExerciseStrings} t @param {any} verdict @param {string} exerciseKind
 */
export function feedback(t, verdict, exerciseKind) {
  if (verdict.passed) return t.passed(verdict.cases);
  const r = t.reasons;
  const kind = (k) => t.kinds[k] || fill(t.kindUnknown, { kind: k });
  // An item of a tuple answer is named by its position: answer[0].
  const v = verdict.position === undefined ? verdict : { ...verdict, name: `${verdict.name}[${verdict.position}]` };
  const say = (template, values = {}) => fill(template, { ...v, ...values });
  switch (v.reason) {
    case "error":
      return say(v.line ? r.errorOnLine : r.error);
    case "missing":
      return say(r.missing);
    case "type":
      return say(r.type, { expected_kind: kind(v.expected_kind), actual_kind: kind(v.actual_kind) });
    case "shape": {
      const shapes = { actual_shape: v.actual_shape.join(", "), expected_shape: v.expected_shape.join(", ") };
      return say(v.transposed ? r.shapeTransposed : r.shape, shapes);
    }
    case "dtype":
      return say(r.dtype);
    case "values":
      if (v.index) return say(r.valuesTensor, { index: v.index.join(", ") });
      return say(exerciseKind === "predict" ? r.valuesPredict : r.values);
    case "grad":
      if (v.missing) return say(r.gradMissing);
      if (v.unexpected) return say(r.gradUnexpected);
      return v.index ? say(r.gradAt, { index: v.index.join(", ") }) : say(r.grad);
    case "property":
      return say(v.property === "no-loop" ? r.noLoop : r.shares);
    default:
      return v.reason;
  }
}
