// The totals cards and the layer table (one row per layer, as `netspec summary` prints them).
import type { IRGraph } from '../../ir/types.js';
import { batchShape, bytes, commas, compact } from '../../report/format-numbers.js';
import { fieldText, summaryRows } from '../../report/rows.js';
import { escapeHtml } from './html.js';

export function renderTotals(container: HTMLElement, graph: IRGraph): void {
  const t = graph.totals;
  const cards: [string, string, string][] = [
    ['name', 'Model', graph.name],
    ['params', 'Total params', commas(t.params)],
    ['trainable', 'Trainable', commas(t.trainable)],
    ['non-trainable', 'Non-trainable', commas(t.nonTrainable)],
    ['macs', 'MACs', compact(t.macs)],
    ['memory', 'Weights', bytes(t.weightBytes)],
  ];
  container.innerHTML = cards.map(([key, label, value]) => `<div class="card ${key}" data-total="${key}"><div class="k">${label}</div><div class="v">${escapeHtml(value)}</div></div>`).join('');
}

export function renderTable(body: HTMLTableSectionElement, graph: IRGraph): void {
  body.innerHTML = summaryRows(graph)
    .map((row) => {
      const indent = `padding-left:${10 + 14 * row.level}px`;
      return (
        `<tr data-name="${escapeHtml(row.name)}">` +
        `<td style="${indent}">${escapeHtml(row.name)} <span class="kind">(${escapeHtml(row.kind)})</span></td>` +
        `<td>${batchShape(row.outputShape)}</td>` +
        `<td class="num">${commas(row.trainable + row.nonTrainable)}</td>` +
        `<td class="num">${compact(row.macs)}</td>` +
        `<td class="num">${fieldText(row.receptiveField)}</td></tr>`
      );
    })
    .join('');
}

/** Marks the rows of `names` and scrolls the first into view. */
export function selectRows(body: HTMLTableSectionElement, names: Set<string>, scroll: boolean): void {
  let first: HTMLElement | undefined;
  for (const row of body.querySelectorAll<HTMLTableRowElement>('tr')) {
    const on = names.has(row.dataset.name ?? '');
    row.classList.toggle('selected', on);
    if (on && !first) first = row;
  }
  if (scroll && first) first.scrollIntoView({ block: 'nearest' });
}
