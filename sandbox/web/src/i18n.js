// The sandbox's UI text, Korean and English; the page's <html lang> picks one.

const megabytes = (bytes) => (bytes / 1e6).toFixed(1);

const STRINGS = {
  en: {
    run: "Run",
    runTitle: "Run this cell (Shift+Enter or Ctrl/Cmd+Enter)",
    stop: "Stop",
    reset: "Reset",
    resetTitle: "Restore the original code and start a fresh namespace for this page's cells",
    runInBrowser: "Run in browser",
    runInBrowserTitle: "Open this code as an editable cell that runs in your browser",
    editorLabel: "Python code, editable. Shift+Enter runs it. To leave the editor, press Escape, then Tab.",
    cellLabel: (n) => `Python cell ${n}`,
    outputLabel: "Output",
    torchOutput: "Printed by PyTorch when the site was built",
    browserOutput: "Printed in your browser (npgrad)",
    noteEngine:
      "In the browser, `import torch` loads npgrad, a small numpy engine that copies the part of torch these " +
      "lessons use. Anything outside it fails with a message saying so.",
    noteNamespace:
      "All cells on this page share one namespace, in the order you run them, like a notebook. Reset clears it.",
    noteKeys: "Keyboard: Shift+Enter or Ctrl/Cmd+Enter runs a cell; Escape, then Tab, leaves the editor.",
    idle: "Python loads when you start using a cell.",
    loading: {
      core: "Loading Python (1/3)…",
      download: "Loading Python (1/3)…",
      numpy: "Loading numpy (2/3)…",
      engine: "Loading npgrad (3/3)…",
    },
    downloadLabel: "Downloading Python and numpy",
    downloaded: (loaded, total) => `${megabytes(loaded)} of ${megabytes(total)} MB downloaded`,
    ready: "Ready.",
    running: "Running…",
    queued: "Waiting for the cell before it…",
    preparing: "Running the earlier cells of this example first…",
    done: (ms) => `Done in ${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms.`,
    failed: "Failed with an error.",
    stopped: "Stopped. The namespace was kept.",
    lost: "Stopped by restarting Python: everything defined so far on this page was lost. Run the cells again.",
    resetDone: "Reset: original code restored, namespace cleared.",
    noOutput: "(no output)",
    showGraph: "Show the graph",
    hideGraph: "Hide the graph",
    graphLabel: (name) => `Autograd graph behind ${name}`,
    graphCaption:
      "Recorded while the code ran (define-by-run). Boxes are grad_fn nodes, rounded boxes are leaf tensors " +
      "with their shape; arrows follow the forward computation, and backward() walks them in reverse.",
    graphTruncated: "Only the first nodes are drawn.",
    count: (n) => `[${n}]`,
    countTitle: (n) => `Run number ${n} of this page's cells, counted in the order you ran them`,
    elapsed: (s) => `Running… ${s} s`,
    stoppedQueued: "Stopped before it started.",
    lostQueued:
      "Not run: Python was restarted, and everything defined so far on this page was lost. Run the cells again.",
    crashed: {
      stack:
        "Python's stack overflowed (the calls went too deep), so Python was restarted: everything defined so far " +
        "on this page was lost.",
      crash:
        "Python stopped working (perhaps out of memory), so it was restarted: everything defined so far on this " +
        "page was lost.",
    },
    limits: {
      output: "Output cut: this cell printed too much, so it was stopped. Only the beginning of its output is shown.",
      input: "input() cannot read from the keyboard in the browser sandbox: write the value into the code instead.",
      recursion:
        "Stack overflow: the calls went deeper than Python's recursion limit, so Python stopped them with a " +
        "RecursionError. The namespace was kept.",
      memory: "Out of memory: the browser gives Python only a limited amount of memory.",
    },
    random:
      "This cell used random numbers. npgrad's random number generator is not torch's, so the numbers printed " +
      "here differ from torch's beside it, even with the same seed.",
    notRunnable: (reason) => `This cell runs only when the site is built, not in the browser: ${reason}.`,
    reasons: {},
    retry: "Retry",
    edited: "edited",
    editedTitle: "You changed this code; your version is kept in this browser. Reset restores the original.",
    undoReset: "Undo reset",
    copyOutput: "Copy output",
    copied: "Copied.",
    traceback: "Traceback: where the error happened",
    share: "Copy a link that opens the playground with this code (the code travels in the link, never to a server)",
    shareCopied: "Link copied.",
    shareInAddressBar: "The link is in the address bar.",
    runAll: "Run all cells",
    clearOutputs: "Clear all output",
    errors: {
      core: "Python (Pyodide) could not be loaded from this site. Check your connection, then press Retry.",
      package:
        "numpy could not be loaded from this site. Check your connection, then press Retry.",
      tampered:
        "The numpy package this site served does not match its published checksum, so it was not run. " +
        "Reload the page; if this persists, the site's copy is damaged.",
      engine: "The npgrad engine could not be loaded from this site. Press Retry.",
      stalled: (s) => `Loading stopped: no data arrived for ${s} seconds. Check your connection, then press Retry.`,
    },
  },
  ko: {
    run: "실행",
    runTitle: "이 셀 실행 (Shift+Enter 또는 Ctrl/Cmd+Enter)",
    stop: "중지",
    reset: "초기화",
    resetTitle: "원래 코드로 되돌리고 이 페이지 셀들의 이름공간을 새로 시작합니다",
    runInBrowser: "브라우저에서 실행",
    runInBrowserTitle: "이 코드를 브라우저에서 실행되는 편집 가능한 셀로 엽니다",
    editorLabel: "편집 가능한 파이썬 코드. Shift+Enter로 실행합니다. 편집기에서 나가려면 Escape를 누른 뒤 Tab을 누르세요.",
    cellLabel: (n) => `파이썬 셀 ${n}`,
    outputLabel: "출력",
    torchOutput: "사이트를 빌드할 때 PyTorch가 출력한 결과",
    browserOutput: "브라우저에서 출력한 결과 (npgrad)",
    noteEngine:
      "브라우저에서는 `import torch`가 npgrad를 불러옵니다. npgrad는 이 강의가 쓰는 torch 기능만 numpy로 " +
      "따라 만든 작은 엔진이라, 그 밖의 기능은 그렇다고 알려 주는 오류를 냅니다.",
    noteNamespace:
      "이 페이지의 모든 셀은 노트북처럼 실행한 순서대로 하나의 이름공간을 함께 씁니다. 초기화하면 비워집니다.",
    noteKeys: "키보드: Shift+Enter 또는 Ctrl/Cmd+Enter로 셀을 실행하고, Escape를 누른 뒤 Tab으로 편집기에서 나갑니다.",
    idle: "셀을 사용하기 시작하면 파이썬을 불러옵니다.",
    loading: {
      core: "파이썬 불러오는 중 (1/3)…",
      download: "파이썬 불러오는 중 (1/3)…",
      numpy: "numpy 불러오는 중 (2/3)…",
      engine: "npgrad 불러오는 중 (3/3)…",
    },
    downloadLabel: "파이썬과 numpy 내려받기",
    downloaded: (loaded, total) => `${megabytes(total)} MB 중 ${megabytes(loaded)} MB 받음`,
    ready: "준비됨.",
    running: "실행 중…",
    queued: "앞 셀이 끝나기를 기다리는 중…",
    preparing: "이 예제의 앞 셀들을 먼저 실행하는 중…",
    done: (ms) => `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms 만에 완료.`,
    failed: "오류로 끝났습니다.",
    stopped: "중지했습니다. 이름공간은 그대로입니다.",
    lost: "파이썬을 다시 시작해서 중지했습니다. 이 페이지에서 지금까지 정의한 것은 모두 사라졌으니 셀을 다시 실행하세요.",
    resetDone: "초기화: 원래 코드로 되돌리고 이름공간을 비웠습니다.",
    noOutput: "(출력 없음)",
    showGraph: "그래프 보기",
    hideGraph: "그래프 숨기기",
    graphLabel: (name) => `${name}의 autograd 그래프`,
    graphCaption:
      "코드가 실행되는 동안 기록된 그래프입니다(define-by-run). 네모는 grad_fn 노드, 둥근 네모는 모양(shape)을 " +
      "적은 잎 텐서이고, 화살표는 순전파 방향이며 backward()는 이를 거꾸로 따라갑니다.",
    graphTruncated: "앞부분 노드만 그렸습니다.",
    count: (n) => `[${n}]`,
    countTitle: (n) => `이 페이지에서 실행한 순서로 센 ${n}번째 실행`,
    elapsed: (s) => `실행 중… ${s}초`,
    stoppedQueued: "시작하기 전에 중지했습니다.",
    lostQueued: "실행하지 않았습니다. 파이썬을 다시 시작해서 이 페이지에서 지금까지 정의한 것이 모두 사라졌으니 셀을 다시 실행하세요.",
    crashed: {
      stack:
        "파이썬의 스택이 넘쳐서(호출이 너무 깊어서) 파이썬을 다시 시작했습니다. 이 페이지에서 지금까지 정의한 것은 " +
        "모두 사라졌습니다.",
      crash: "파이썬이 멈춰서(메모리가 모자랐을 수 있습니다) 다시 시작했습니다. 이 페이지에서 지금까지 정의한 것은 모두 사라졌습니다.",
    },
    limits: {
      output: "출력을 잘랐습니다. 이 셀이 너무 많이 출력해서 중지했고, 출력의 앞부분만 보여 줍니다.",
      input: "브라우저 샌드박스에서는 input()으로 키보드 입력을 받을 수 없습니다. 값을 코드에 직접 적으세요.",
      recursion:
        "스택 넘침: 호출이 파이썬의 재귀 한도보다 깊어져서 파이썬이 RecursionError로 멈췄습니다. 이름공간은 그대로입니다.",
      memory: "메모리 부족: 브라우저는 파이썬에 한정된 메모리만 줍니다.",
    },
    random:
      "이 셀은 난수를 썼습니다. npgrad의 난수 생성기는 torch의 것과 달라서, 시드가 같아도 여기 출력된 수는 옆의 torch " +
      "출력과 다릅니다.",
    notRunnable: (reason) => `이 셀은 브라우저에서는 실행되지 않고 사이트를 빌드할 때만 실행됩니다. 이유: ${reason}`,
    // Snippet files give their reasons in English (sandbox="no: ..."); each one's Korean is here, and
    // tests/sandbox/test_sandbox_i18n.py fails for a reason a snippet uses that has none.
    reasons: {
      "needs a CUDA GPU": "CUDA GPU가 필요합니다",
      "build tools": "사이트를 만드는 도구의 코드입니다",
      "depends on how torch was built": "torch를 빌드한 방식에 따라 달라집니다",
      "npgrad has no inference_mode": "npgrad에는 inference_mode가 없습니다",
      "torch.compile is outside the sandbox engine": "torch.compile은 샌드박스 엔진이 다루지 않습니다",
      "torch.autograd.functional is outside the sandbox engine": "torch.autograd.functional은 샌드박스 엔진이 다루지 않습니다",
      "numpy's default integer is 32-bit in the browser": "브라우저의 numpy는 기본 정수가 32비트입니다",
      "npgrad has no float16 and no torch.result_type": "npgrad에는 float16과 torch.result_type이 없습니다",
      "npgrad does not implement torch.accelerator": "npgrad에는 torch.accelerator가 없습니다",
      "npgrad does not implement _base": "npgrad에는 _base가 없습니다",
    },
    retry: "다시 시도",
    edited: "수정됨",
    editedTitle: "이 코드를 고쳤습니다. 고친 코드는 이 브라우저에 보관되며, 초기화하면 원래 코드로 돌아갑니다.",
    undoReset: "초기화 취소",
    copyOutput: "출력 복사",
    copied: "복사했습니다.",
    traceback: "트레이스백: 오류가 난 곳",
    share: "이 코드로 실습장을 여는 링크 복사 (코드는 링크에만 담기고 서버로 가지 않습니다)",
    shareCopied: "링크를 복사했습니다.",
    shareInAddressBar: "링크가 주소창에 있습니다.",
    runAll: "모든 셀 실행",
    clearOutputs: "모든 출력 지우기",
    errors: {
      core: "이 사이트에서 파이썬(Pyodide)을 불러오지 못했습니다. 연결을 확인하고 다시 시도를 누르세요.",
      package: "이 사이트에서 numpy를 불러오지 못했습니다. 연결을 확인하고 다시 시도를 누르세요.",
      tampered:
        "이 사이트가 보낸 numpy 패키지가 공개된 체크섬과 달라서 실행하지 않았습니다. 페이지를 새로 고치고, " +
        "계속되면 사이트의 파일이 손상된 것입니다.",
      engine: "이 사이트에서 npgrad 엔진을 불러오지 못했습니다. 다시 시도를 누르세요.",
      stalled: (s) => `불러오기가 멈췄습니다. ${s}초 동안 데이터가 오지 않았습니다. 연결을 확인하고 다시 시도를 누르세요.`,
    },
  },
};

export function strings(lang = document.documentElement.lang) {
  return STRINGS[(lang || "").slice(0, 2)] || STRINGS.ko;
}
