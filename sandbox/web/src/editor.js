// The code editor shared by sandbox cells and exercises: CodeMirror with Python, the run keys and a label.
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import { bracketMatching, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { EditorState } from "@codemirror/state";
import { drawSelection, EditorView, highlightActiveLine, keymap, lineNumbers } from "@codemirror/view";
import { classHighlighter } from "@lezer/highlight";

/**
 * A new editor state holding `code`. `onRun` is called by Shift+Enter and Ctrl/Cmd+Enter; `onChange` after every
 * edit; `label` names the editor for screen readers.
 * @param {string} code @param {{onRun: () => void, onChange: () => void, label: string}} options
 */
export function editorState(code, { onRun, onChange, label }) {
  const runKey = () => {
    onRun();
    return true;
  };
  return EditorState.create({
    doc: code,
    extensions: [
      lineNumbers(),
      history(),
      drawSelection(),
      highlightActiveLine(),
      indentOnInput(),
      bracketMatching(),
      // Token classes (tok-keyword, ...) coloured by sandbox.css for the light and the dark scheme alike.
      syntaxHighlighting(classHighlighter),
      python(),
      keymap.of([
        { key: "Shift-Enter", run: runKey },
        { key: "Mod-Enter", run: runKey },
        ...defaultKeymap,
        ...historyKeymap,
        // Tab indents; Escape then Tab leaves the editor (CodeMirror's documented tab-focus escape).
        indentWithTab,
      ]),
      // Long lines wrap rather than scroll: on a phone a scrolling editor is a region the keyboard cannot scroll.
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ "aria-label": label }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) onChange();
      }),
    ],
  });
}

export { EditorView };
