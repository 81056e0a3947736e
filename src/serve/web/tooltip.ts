// Hover card for a diagram box: output shape, parameters and the formulas behind them (the same
// text `netspec explain` prints), as text nodes.
import type { IRGraph, IRNode } from '../../ir/types.js';
import { lookupKind } from '../../layers/registry.js';
import { element } from './html.js';
import { formatBatchShape, formatCompact, formatCount } from '../../format/format.js';

function formulaLines(node: IRNode): string[] {
  const kind = lookupKind(node.kind);
  if (!kind || node.inputShapes.length === 0) return [];
  try {
    return kind.explain(node.inputShapes, node.args, node.outputShape);
  } catch {
    return [];
  }
}

function paramsText(trainable: number, nonTrainable: number): string {
  const total = formatCount(trainable + nonTrainable);
  return nonTrainable > 0 ? `${total} (${formatCount(trainable)} trainable, ${formatCount(nonTrainable)} non-trainable)` : total;
}

function title(name: string, kind: string): HTMLElement {
  const t = element('div', 't', `${name} `);
  t.append(element('span', 'kind', kind));
  return t;
}

function nodeCard(node: IRNode): HTMLElement[] {
  const formulas = formulaLines(node);
  return [
    title(node.name, node.kind),
    element('div', 'row', `input ${node.inputShapes.map(formatBatchShape).join(' + ') || '–'} → output ${formatBatchShape(node.outputShape)}`),
    element('div', 'row', `params ${paramsText(node.params.trainable, node.params.nonTrainable)} · MACs ${formatCompact(node.macs)}`),
    ...(formulas.length ? [element('pre', '', formulas.join('\n'))] : []),
  ];
}

function groupCard(graph: IRGraph, id: string): HTMLElement[] | undefined {
  const group = graph.groups.find((g) => g.id === id);
  if (!group) return undefined;
  const members = new Set(group.nodes);
  const nodes = graph.nodes.filter((n) => members.has(n.name));
  const last = nodes[nodes.length - 1];
  const { trainable, nonTrainable, macs } = group.totals;
  return [
    title(id, group.blockName ?? group.kind),
    element('div', 'row', `${nodes.length} layers${last ? ` → output ${formatBatchShape(last.outputShape)}` : ''}`),
    element('div', 'row', `params ${paramsText(trainable, nonTrainable)} · MACs ${formatCompact(macs)}`),
  ];
}

export class Tooltip {
  private shownFor: string | undefined;

  constructor(private readonly element: HTMLElement) {}

  show(graph: IRGraph, id: string, x: number, y: number): void {
    if (this.shownFor !== id) {
      const node = graph.nodes.find((n) => n.name === id);
      const card = node ? nodeCard(node) : groupCard(graph, id);
      if (!card) return this.hide();
      this.element.replaceChildren(...card);
      this.shownFor = id;
    }
    this.element.hidden = false;
    const { width, height } = this.element.getBoundingClientRect();
    const left = x + 16 + width > window.innerWidth ? x - width - 12 : x + 16;
    const top = Math.min(y + 14, window.innerHeight - height - 8);
    this.element.style.left = `${Math.max(4, left)}px`;
    this.element.style.top = `${Math.max(4, top)}px`;
  }

  hide(): void {
    this.element.hidden = true;
    this.shownFor = undefined;
  }
}
