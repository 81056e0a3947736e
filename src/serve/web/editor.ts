// The YAML editor: CodeMirror 6 with line numbers, diagnostics as lint marks on their lines, and a
// highlighted line for the layer selected in the diagram or the table.
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic as LintDiagnostic } from '@codemirror/lint';
import { EditorState, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';

export interface EditorCallbacks {
  /** The text changed (typing, paste, undo, or a new document). */
  onChange(text: string): void;
  /** The cursor moved to `offset` by the user. */
  onCursor(offset: number): void;
}

const setSelectedLines = StateEffect.define<number[]>();

/** Line decorations for the selected layer's source lines. */
const selectedLines = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, tr) {
    let next = decorations.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(setSelectedLines)) continue;
      const mark = Decoration.line({ class: 'cm-ns-selected' });
      next = Decoration.set(
        effect.value.map((pos) => mark.range(pos)),
        true,
      );
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

export class SpecEditor {
  readonly view: EditorView;

  constructor(parent: HTMLElement, callbacks: EditorCallbacks) {
    const listener: Extension = EditorView.updateListener.of((update) => {
      if (update.docChanged) callbacks.onChange(update.state.doc.toString());
      else if (update.selectionSet && update.transactions.some((tr) => tr.isUserEvent('select'))) callbacks.onCursor(update.state.selection.main.head);
    });
    this.view = new EditorView({
      parent,
      state: EditorState.create({
        doc: '',
        extensions: [basicSetup, lintGutter(), yaml(), EditorView.lineWrapping, EditorState.tabSize.of(2), selectedLines, listener],
      }),
    });
  }

  get text(): string {
    return this.view.state.doc.toString();
  }

  /** Replaces the whole document (a gallery pick or the file changing on disk). */
  setText(text: string): void {
    if (text === this.text) return;
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text } });
  }

  showDiagnostics(diagnostics: Diagnostic[], file: string): void {
    const length = this.view.state.doc.length;
    const marks: LintDiagnostic[] = diagnostics
      .filter((d) => d.file === file)
      .map((d) => {
        const from = Math.min(d.range[0], length);
        // An empty range still marks one character, so the squiggle is visible.
        const to = Math.min(Math.max(d.range[1], from + 1), length);
        return { from, to: Math.max(from, to), severity: d.severity, message: d.suggestion ? `${d.message} (${d.suggestion})` : d.message, source: d.code };
      });
    this.view.dispatch(setDiagnostics(this.view.state, marks));
  }

  /** Highlights the lines spanned by [start, end) and scrolls them into view. */
  highlightRange(start: number, end: number, scroll: boolean): void {
    const doc = this.view.state.doc;
    const first = doc.lineAt(Math.min(start, doc.length));
    const last = doc.lineAt(Math.min(Math.max(start, end - 1), doc.length));
    const lines: number[] = [];
    for (let n = first.number; n <= last.number; n++) lines.push(doc.line(n).from);
    const effects = [setSelectedLines.of(lines), ...(scroll ? [EditorView.scrollIntoView(first.from, { y: 'center' })] : [])];
    this.view.dispatch({ effects });
  }

  clearHighlight(): void {
    this.view.dispatch({ effects: setSelectedLines.of([]) });
  }

  /** Puts the cursor at a diagnostic's position. */
  goTo(offset: number): void {
    const pos = Math.min(offset, this.view.state.doc.length);
    this.view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
    this.view.focus();
  }
}
