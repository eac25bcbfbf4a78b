/**
 * The example editor: CodeMirror 6 in TypeScript mode. Loaded only when a reader clicks Edit.
 *
 * Keyboard: Tab indents (what programmers expect); Escape then Tab leaves the editor, so it is no
 * keyboard trap (CodeMirror's tab-focus mode, switched on briefly by Escape); Ctrl/Cmd+Enter runs.
 */
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection } from '@codemirror/view';
import { EditorState } from '@codemirror/state';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, indentOnInput, syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language';
import { javascript } from '@codemirror/lang-javascript';

export interface EditorHandle {
  text(): string;
  setText(text: string): void;
  focus(): void;
  destroy(): void;
}

export interface EditorCallbacks {
  onChange(text: string): void;
  onRun(): void;
}

export function mountEditor(parent: HTMLElement, doc: string, callbacks: EditorCallbacks): EditorHandle {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        indentOnInput(),
        bracketMatching(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        javascript({ typescript: true }),
        keymap.of([
          { key: 'Mod-Enter', run: () => (callbacks.onRun(), true) },
          // Escape hands Tab back to the browser for a moment: Escape, then Tab, leaves the editor.
          { key: 'Escape', run: (v) => (v.setTabFocusMode(2000), true) },
          indentWithTab,
          ...defaultKeymap,
          ...historyKeymap,
        ]),
        EditorView.contentAttributes.of({ 'aria-label': 'Example source code (TypeScript)' }),
        EditorView.updateListener.of((u) => {
          if (!u.docChanged) return;
          clearTimeout(timer);
          // Save a moment after typing stops, not on every keystroke.
          timer = setTimeout(() => callbacks.onChange(u.state.doc.toString()), 300);
        }),
      ],
    }),
  });
  return {
    text: () => view.state.doc.toString(),
    setText: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    focus: () => view.focus(),
    destroy: () => {
      clearTimeout(timer);
      view.destroy();
    },
  };
}
