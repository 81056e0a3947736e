// The list of diagnostics under the editor; clicking one puts the cursor on it. Messages quote
// user text (names, values), so everything goes in as text nodes.
import type { Diagnostic } from '../../diagnostics/diagnostic.js';

function span(className: string, text: string): HTMLSpanElement {
  const element = document.createElement('span');
  element.className = className;
  element.textContent = text;
  return element;
}

export function renderProblems(container: HTMLElement, diagnostics: Diagnostic[], file: string, goTo: (offset: number) => void): void {
  container.replaceChildren(
    ...diagnostics.map((d) => {
      const row = document.createElement('div');
      row.className = `problem ${d.severity}`;
      row.dataset.line = String(d.line);
      const where = d.file === file ? `line ${d.line}:${d.column}` : `${d.file.split('/').pop()}:${d.line}`;
      const message = span('msg', d.message);
      if (d.suggestion) message.append(' ', span('hint', `— ${d.suggestion}`));
      row.append(span('sev', d.severity), span('where', where), message);
      if (d.file === file) row.addEventListener('click', () => goTo(d.range[0]));
      return row;
    }),
  );
}
