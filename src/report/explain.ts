// `netspec explain`: every number with its formula filled in.
import { didYouMean } from '../diagnostics/format.js';
import type { IRGraph, IRNode } from '../ir/types.js';
import { kerasObjectLines } from '../layers/keras-objects.js';
import { lookupKind } from '../layers/registry.js';
import { modelMarks, nodeMarks } from './expect-marks.js';
import { fieldText } from './rows.js';
import { formatBatchShape, formatBytes, formatCount } from '../format/format.js';

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
        `  total params = ${sumTerms(graph.nodes)} = ${formatCount(t.params)}`,
        `  trainable = ${formatCount(t.trainable)}, non-trainable = ${formatCount(t.nonTrainable)}`,
        `  weight memory = ${formatCount(t.params)} · 4 bytes = ${formatCount(t.weightBytes)} bytes (${formatBytes(t.weightBytes)})`,
        `  MACs = ${formatCount(t.macs)}`,
        ...modelMarks(graph).map((m) => `  ${m}`),
      ].join('\n'),
    );
  }
  return { text: parts.join('\n\n') + '\n' };
}

/** Beyond this many terms the sum shows its ends only: a 100k-term line helps nobody. */
const MAX_SUM_TERMS = 40;

function sumTerms(nodes: readonly IRNode[]): string {
  const terms = nodes.filter((n) => n.params.trainable + n.params.nonTrainable > 0).map((n) => formatCount(n.params.trainable + n.params.nonTrainable));
  if (terms.length <= MAX_SUM_TERMS) return terms.join(' + ') || '0';
  const half = MAX_SUM_TERMS / 2;
  return `${terms.slice(0, half).join(' + ')} + … + ${terms.slice(-half).join(' + ')} (${formatCount(terms.length)} layers with parameters)`;
}

function explainNode(node: IRNode): string {
  const kind = lookupKind(node.kind);
  const inputs = node.inputShapes.map(formatBatchShape).join(' + ') || '-';
  const lines = [
    ...(kind && node.inputShapes.length > 0 ? kind.explain(node.inputShapes, node.args, node.outputShape) : [`shape = ${formatBatchShape(node.outputShape)}`]),
    ...(kind ? kerasObjectLines(kind.args, node.args) : []),
  ];
  const params = node.params.trainable + node.params.nonTrainable;
  const tail = [`receptive field = ${fieldText(node.receptiveField)}${node.receptiveField ? `, jump = ${node.receptiveField.jump.join('×')}` : ''}`];
  if (!node.trainable && params > 0) tail.unshift(`trainable=False: all ${formatCount(params)} parameters are non-trainable`);
  // The formula gives the weights the layer has; a shared call (`use:`) reuses them.
  if (node.sharedWith) tail.unshift(`shared with ${node.sharedWith}: these weights are ${node.sharedWith}'s, counted there once; 0 new params here`);
  // Several outputs: Keras's list, then what each one is and how a spec picks it.
  const shapes = node.outputShapes ? `[${node.outputShapes.map(formatBatchShape).join(', ')}]` : formatBatchShape(node.outputShape);
  const local = node.name.slice(node.name.lastIndexOf('.') + 1);
  if (node.outputShapes)
    tail.unshift(`outputs: ${node.outputShapes.map((shape, k) => `${local}[${k}] ${node.outputNames?.[k] ?? ''} ${formatBatchShape(shape)}`).join(', ')}`);
  return [`${node.name} (${node.kind})  ${inputs} → ${shapes}`, ...[...lines, ...tail].map((l) => `  ${l}`)].join('\n');
}
