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
    errors: {
      core: "Python (Pyodide) could not be loaded from this site. Check your connection and reload the page.",
      package:
        "numpy could not be loaded from this site. Check your connection and reload the page.",
      tampered:
        "The numpy package this site served does not match its published checksum, so it was not run. " +
        "Reload the page; if this persists, the site's copy is damaged.",
      engine: "The npgrad engine could not be loaded from this site. Reload the page.",
      timeout: "Loading Python is taking too long. Check your connection and reload the page.",
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
      "적은 리프 텐서이고, 화살표는 순전파 방향이며 backward()는 이를 거꾸로 따라갑니다.",
    graphTruncated: "앞부분 노드만 그렸습니다.",
    errors: {
      core: "이 사이트에서 파이썬(Pyodide)을 불러오지 못했습니다. 연결을 확인하고 페이지를 새로 고치세요.",
      package: "이 사이트에서 numpy를 불러오지 못했습니다. 연결을 확인하고 페이지를 새로 고치세요.",
      tampered:
        "이 사이트가 보낸 numpy 패키지가 공개된 체크섬과 달라서 실행하지 않았습니다. 페이지를 새로 고치고, " +
        "계속되면 사이트의 파일이 손상된 것입니다.",
      engine: "이 사이트에서 npgrad 엔진을 불러오지 못했습니다. 페이지를 새로 고치세요.",
      timeout: "파이썬을 불러오는 데 너무 오래 걸립니다. 연결을 확인하고 페이지를 새로 고치세요.",
    },
  },
};

export function strings(lang = document.documentElement.lang) {
  return STRINGS[(lang || "").slice(0, 2)] || STRINGS.ko;
}
