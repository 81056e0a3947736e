// The list of diagnostics under the editor; clicking one puts the cursor on it.
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { escapeHtml } from './html.js';

export function renderProblems(container: HTMLElement, diagnostics: Diagnostic[], file: string, goTo: (offset: number) => void): void {
  container.replaceChildren(
    ...diagnostics.map((d) => {
      const row = document.createElement('div');
      row.className = `problem ${d.severity}`;
      row.dataset.line = String(d.line);
      const where = d.file === file ? `line ${d.line}:${d.column}` : `${d.file.split('/').pop()}:${d.line}`;
      row.innerHTML =
        `<span class="sev">${d.severity}</span><span class="where">${escapeHtml(where)}</span>` +
        `<span class="msg">${escapeHtml(d.message)}${d.suggestion ? ` <span class="hint">— ${escapeHtml(d.suggestion)}</span>` : ''}</span>`;
      if (d.file === file) row.addEventListener('click', () => goTo(d.range[0]));
      return row;
    }),
  );
}
