// The totals cards and the layer table (one row per layer, as `netspec summary` prints them).
// Names and kinds are the user's: everything goes in as text nodes.
import type { IRGraph } from '../../ir/types.js';
import { fieldText, summaryRows } from '../../report/rows.js';
import { element } from './html.js';
import { formatBatchShape, formatBytes, formatCompact, formatCount } from '../../format/format.js';

export function renderTotals(container: HTMLElement, graph: IRGraph): void {
  const t = graph.totals;
  const cards: [string, string, string][] = [
    ['name', 'Model', graph.name],
    ['params', 'Total params', formatCount(t.params)],
    ['trainable', 'Trainable', formatCount(t.trainable)],
    ['non-trainable', 'Non-trainable', formatCount(t.nonTrainable)],
    ['macs', 'MACs', formatCompact(t.macs)],
    ['memory', 'Weights', formatBytes(t.weightBytes)],
  ];
  container.replaceChildren(
    ...cards.map(([key, label, value]) => {
      const card = element('div', `card ${key}`);
      card.dataset.total = key;
      card.append(element('div', 'k', label), element('div', 'v', value));
      return card;
    }),
  );
}

export function renderTable(body: HTMLTableSectionElement, graph: IRGraph): void {
  body.replaceChildren(
    ...summaryRows(graph).map((row) => {
      const tr = document.createElement('tr');
      tr.dataset.name = row.name;
      const name = element('td', '', `${row.name} `);
      name.style.paddingLeft = `${10 + 14 * row.level}px`;
      name.append(element('span', 'kind', `(${row.kind})`));
      tr.append(
        name,
        element('td', '', formatBatchShape(row.outputShape)),
        element('td', 'num', formatCount(row.trainable + row.nonTrainable)),
        element('td', 'num', formatCompact(row.macs)),
        element('td', 'num', fieldText(row.receptiveField)),
      );
      return tr;
    }),
  );
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
