// `netspec explain`: every number with its formula filled in.
import { didYouMean } from '../diagnostics/format.js';
import type { IRGraph, IRNode } from '../ir/types.js';
import { lookupKind } from '../layers/registry.js';
import { modelMarks, nodeMarks } from './expect-marks.js';
import { batchShape, commas } from './format-numbers.js';
import { fieldText } from './rows.js';

export function explainGraph(graph: IRGraph, layer?: string): { text: string; error?: string; suggestion?: string } {
  const nodes = layer === undefined ? graph.nodes : graph.nodes.filter((n) => n.name === layer || n.name.endsWith(`.${layer}`));
  if (nodes.length === 0) {
    const names = graph.nodes.map((n) => n.name);
    const listed = names.length > 20 ? `${names.slice(0, 20).join(', ')}, … (${names.length - 20} more; netspec summary lists them all)` : names.join(', ');
    const guess = didYouMean(layer!, names);
    return { text: '', error: `no layer named '${layer}'`, suggestion: `${guess ? `${guess} ` : ''}--layer takes a name from the summary: ${listed}` };
  }
  const marks = nodeMarks(graph);
  const parts = nodes.map((n) => [explainNode(n), ...(marks.get(n.name) ?? []).map((m) => `  ${m}`)].join('\n'));
  if (layer === undefined) {
    const t = graph.totals;
    parts.push(
      [
        'Totals',
        `  total params = ${sumTerms(graph.nodes)} = ${commas(t.params)}`,
        `  trainable = ${commas(t.trainable)}, non-trainable = ${commas(t.nonTrainable)}`,
        `  weight memory = ${commas(t.params)} · 4 bytes = ${commas(t.weightBytes)} bytes`,
        `  MACs = ${commas(t.macs)}`,
        ...modelMarks(graph).map((m) => `  ${m}`),
      ].join('\n'),
    );
  }
  return { text: parts.join('\n\n') + '\n' };
}

/** Beyond this many terms the sum shows its ends only: a 100k-term line helps nobody. */
const MAX_SUM_TERMS = 40;

function sumTerms(nodes: readonly IRNode[]): string {
  const terms = nodes.filter((n) => n.params.trainable + n.params.nonTrainable > 0).map((n) => commas(n.params.trainable + n.params.nonTrainable));
  if (terms.length <= MAX_SUM_TERMS) return terms.join(' + ') || '0';
  const half = MAX_SUM_TERMS / 2;
  return `${terms.slice(0, half).join(' + ')} + … + ${terms.slice(-half).join(' + ')} (${commas(terms.length)} layers with parameters)`;
}

function explainNode(node: IRNode): string {
  const kind = lookupKind(node.kind);
  const inputs = node.inputShapes.map(batchShape).join(' + ') || '-';
  const lines = kind && node.inputShapes.length > 0 ? kind.explain(node.inputShapes, node.args, node.outputShape) : [`shape = ${batchShape(node.outputShape)}`];
  const params = node.params.trainable + node.params.nonTrainable;
  const tail = [`receptive field = ${fieldText(node.receptiveField)}${node.receptiveField ? `, jump = ${node.receptiveField.jump.join('×')}` : ''}`];
  if (!node.trainable && params > 0) tail.unshift(`trainable=False: all ${commas(params)} parameters are non-trainable`);
  return [`${node.name} (${node.kind})  ${inputs} → ${batchShape(node.outputShape)}`, ...[...lines, ...tail].map((l) => `  ${l}`)].join('\n');
}
