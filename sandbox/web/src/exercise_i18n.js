// The exercises' text, Korean and English: the controls, and the feedback for each reason the checker gives
// (sandbox/exercise_check/check.py, REASONS), in a teacher's order. The page's <html lang> picks one.

const code = (text) => `\`${text}\``;

const STRINGS = {
  en: {
    check: "Check",
    checkTitle: "Check your answer (Shift+Enter or Ctrl/Cmd+Enter)",
    startOver: "Start over",
    startOverTitle: "Put the starter code back and forget this exercise's progress",
    startedOver: "Starter code restored; progress cleared.",
    editorLabel: "Your answer, editable Python. Shift+Enter checks it. To leave the editor, press Escape, then Tab.",
    checking: "Checking…",
    loadingPython: "Loading Python to check your answer…",
    checkedIn: (ms) => `Checked in ${Math.round(ms)} ms.`,
    states: { solved: "Solved", attempted: "Attempted", new: "Not started" },
    chapterProgress: (solved, total) => `${solved} of ${total} exercises solved in this chapter.`,
    indexProgress: (solved, total) => `${solved} of ${total} exercises solved.`,
    passed: (cases) => `Correct! Your code gives torch's answers on all ${cases} input sets.`,
    inCase: (n, cases, inputs) => `Input set ${n} of ${cases}${inputs ? ` (${inputs})` : ""}:`,
    kinds: {
      tensor: "a tensor",
      number: "a number",
      bool: "a bool",
      str: "a string",
      dtype: "a torch.dtype",
      sequence: "a tuple",
      none: "None",
      ellipsis: "still ... (the starter's placeholder)",
    },
    printed: "Your code printed:",
    needsSandbox: "Checking needs the in-browser sandbox, which could not start here. The task, hints and solution " +
      "are still here to read.",
    checkFailed: (detail) => `The check itself failed (this is the site's fault, not yours): ${detail}`,
    stopped: "The check was stopped.",
    reasons: {
      error: (v) =>
        `Your code raised ${v.error_type}${v.line ? ` on line ${v.line}` : ""}: ${v.message}`,
      missing: (v) => `Your code does not define ${code(v.name)}.`,
      type: (v, kind) => `${code(v.name)} should be ${kind(v.expected_kind)}, but it is ${kind(v.actual_kind)}.`,
      shape: (v) =>
        `${code(v.name)} has shape (${v.actual_shape.join(", ")}), but the answer has shape ` +
        `(${v.expected_shape.join(", ")}).${v.transposed ? " Transposed?" : ""}`,
      dtype: (v) => `${code(v.name)} has dtype torch.${v.actual_dtype}, but the answer has torch.${v.expected_dtype}.`,
      valuesTensor: (v) =>
        `${code(v.name)} has the right shape and dtype, but ${v.wrong} of its ${v.total} values differ ` +
        `(beyond atol=${v.atol}, rtol=${v.rtol}). First at index [${v.index.join(", ")}]: expected ` +
        `${v.expected_value}, got ${v.actual_value}.`,
      valuesPredict: (v) => `${code(v.name)} is ${v.actual}: that is not what torch gives. Look again.`,
      values: (v) => `${code(v.name)} is ${v.actual}, but the answer is ${v.expected}.`,
      gradMissing: (v) => `${code(`${v.name}.grad`)} is None: no gradient reached ${code(v.name)}. Did backward() run?`,
      gradUnexpected: (v) => `${code(`${v.name}.grad`)} should stay None, but your code gave it a gradient.`,
      grad: (v) =>
        `${code(`${v.name}.grad`)} is wrong` +
        (v.index ? `: at index [${v.index.join(", ")}] expected ${v.expected_value}, got ${v.actual_value}.` : "."),
      shares: (v) =>
        `${code(v.name)} has the right values but does not share memory with ${code(v.input)}: it is a copy. ` +
        "Make a view instead.",
      noLoop: (v) => `The task asks for no loop, but line ${v.line} has one (for, while or a comprehension).`,
    },
  },
  ko: {
    check: "확인",
    checkTitle: "답 확인 (Shift+Enter 또는 Ctrl/Cmd+Enter)",
    startOver: "처음부터",
    startOverTitle: "시작 코드로 되돌리고 이 문제의 진행 상황을 지웁니다",
    startedOver: "시작 코드로 되돌렸고 진행 상황을 지웠습니다.",
    editorLabel: "답을 쓰는 편집 가능한 파이썬 코드. Shift+Enter로 확인합니다. 편집기에서 나가려면 Escape를 누른 뒤 Tab을 누르세요.",
    checking: "확인하는 중…",
    loadingPython: "답을 확인하려고 파이썬을 불러오는 중…",
    checkedIn: (ms) => `${Math.round(ms)} ms 만에 확인했습니다.`,
    states: { solved: "해결", attempted: "시도함", new: "시작 전" },
    chapterProgress: (solved, total) => `이 장의 연습 문제 ${total}개 중 ${solved}개를 풀었습니다.`,
    indexProgress: (solved, total) => `연습 문제 ${total}개 중 ${solved}개를 풀었습니다.`,
    passed: (cases) => `정답입니다! 입력 ${cases}가지 모두에서 torch와 같은 답을 냅니다.`,
    inCase: (n, cases, inputs) => `입력 ${cases}가지 중 ${n}번째${inputs ? ` (${inputs})` : ""}:`,
    kinds: {
      tensor: "텐서",
      number: "수",
      bool: "bool",
      str: "문자열",
      dtype: "torch.dtype",
      sequence: "튜플",
      none: "None",
      ellipsis: "아직 시작 코드의 ... 그대로",
    },
    printed: "코드가 출력한 내용:",
    needsSandbox: "답을 확인하려면 브라우저 샌드박스가 필요한데, 여기서는 시작하지 못했습니다. 과제, 힌트, 풀이는 " +
      "그대로 볼 수 있습니다.",
    checkFailed: (detail) => `확인 과정 자체가 실패했습니다 (여러분이 아니라 사이트의 문제입니다): ${detail}`,
    stopped: "확인을 멈췄습니다.",
    reasons: {
      error: (v) => `코드${v.line ? `의 ${v.line}번째 줄` : ""}에서 ${v.error_type} 오류가 났습니다: ${v.message}`,
      missing: (v) => `코드가 ${code(v.name)}를 정의하지 않습니다.`,
      type: (v, kind) => `${code(v.name)}는 ${kind(v.expected_kind)}여야 하는데 ${kind(v.actual_kind)}입니다.`,
      shape: (v) =>
        `${code(v.name)}의 모양은 (${v.actual_shape.join(", ")})인데, 답의 모양은 (${v.expected_shape.join(", ")})입니다.` +
        (v.transposed ? " 전치된 것은 아닌가요?" : ""),
      dtype: (v) => `${code(v.name)}의 dtype은 torch.${v.actual_dtype}인데, 답은 torch.${v.expected_dtype}입니다.`,
      valuesTensor: (v) =>
        `${code(v.name)}의 모양과 dtype은 맞지만 값 ${v.total}개 중 ${v.wrong}개가 다릅니다 ` +
        `(허용 오차 atol=${v.atol}, rtol=${v.rtol}). 처음 다른 곳은 [${v.index.join(", ")}]: 답은 ` +
        `${v.expected_value}, 여러분의 값은 ${v.actual_value}입니다.`,
      valuesPredict: (v) => `${code(v.name)}는 ${v.actual}인데, torch의 결과와 다릅니다. 다시 살펴보세요.`,
      values: (v) => `${code(v.name)}는 ${v.actual}인데, 답은 ${v.expected}입니다.`,
      gradMissing: (v) =>
        `${code(`${v.name}.grad`)}가 None입니다. ${code(v.name)}까지 기울기가 오지 않았습니다. backward()를 호출했나요?`,
      gradUnexpected: (v) => `${code(`${v.name}.grad`)}는 None이어야 하는데 코드가 기울기를 만들었습니다.`,
      grad: (v) =>
        `${code(`${v.name}.grad`)}가 틀렸습니다` +
        (v.index ? `. [${v.index.join(", ")}]에서 답은 ${v.expected_value}, 여러분의 값은 ${v.actual_value}입니다.` : "."),
      shares: (v) =>
        `${code(v.name)}의 값은 맞지만 ${code(v.input)}와 메모리를 공유하지 않습니다. 복사본입니다. 뷰를 만드세요.`,
      noLoop: (v) => `반복문 없이 풀어야 하는데 ${v.line}번째 줄에 반복문(for, while, 컴프리헨션)이 있습니다.`,
    },
  },
};

export function exerciseStrings(lang = document.documentElement.lang) {
  return STRINGS[(lang || "").slice(0, 2)] || STRINGS.ko;
}

/** The feedback for one verdict of the checker, as plain text. @param {any} verdict @param {string} exerciseKind */
export function feedback(t, verdict, exerciseKind) {
  if (verdict.passed) return t.passed(verdict.cases);
  const kindName = (k) => t.kinds[k] || (t === STRINGS.en ? `a ${k}` : k);
  const r = t.reasons;
  // An item of a tuple answer is named by its position: answer[0].
  const v = verdict.position === undefined ? verdict : { ...verdict, name: `${verdict.name}[${verdict.position}]` };
  switch (v.reason) {
    case "error":
      return r.error(v);
    case "missing":
      return r.missing(v);
    case "type":
      return r.type(v, kindName);
    case "shape":
      return r.shape(v);
    case "dtype":
      return r.dtype(v);
    case "values":
      if (v.index) return r.valuesTensor(v);
      return exerciseKind === "predict" ? r.valuesPredict(v) : r.values(v);
    case "grad":
      if (v.missing) return r.gradMissing(v);
      if (v.unexpected) return r.gradUnexpected(v);
      return r.grad(v);
    case "property":
      return v.property === "no-loop" ? r.noLoop(v) : r.shares(v);
    default:
      return v.reason;
  }
}
