// `netspec summary` output: a Keras-style table, Markdown, CSV, or the stable JSON interface.
import type { IRGraph } from '../ir/types.js';
import { rowMarks, totalsMarks } from './expect-marks.js';
import { exactJson, jsonShape } from './format-numbers.js';
import { fieldText, summaryRows, type SummaryRow } from './rows.js';
import { formatBatchShape, formatBytes, formatCompact, formatCount } from '../format/format.js';

export type SummaryFormat = 'table' | 'markdown' | 'json' | 'csv';
export const SUMMARY_FORMATS: readonly SummaryFormat[] = ['table', 'markdown', 'json', 'csv'];

export function formatSummary(graph: IRGraph, format: SummaryFormat, depth?: number): string {
  switch (format) {
    case 'json':
      return exactJson(summaryJson(graph), 2) + '\n';
    case 'csv':
      return summaryCsv(summaryRows(graph, depth));
    case 'markdown':
      return summaryMarkdown(graph, summaryRows(graph, depth));
    case 'table':
      return summaryTable(graph, summaryRows(graph, depth));
  }
}

const HEADERS = ['Layer (type)', 'Output Shape', 'Param #', 'MACs', 'RF', 'Connected to'];

function cells(row: SummaryRow, indent: boolean): string[] {
  const pad = indent ? '  '.repeat(row.level) : '';
  return [
    `${pad}${row.name} (${row.kind}${row.collapsed ? ', collapsed' : ''}${row.sharedWith ? `, shared with ${row.sharedWith}` : ''})`,
    shapesText(row),
    formatCount(row.trainable + row.nonTrainable),
    formatCompact(row.macs),
    fieldText(row.receptiveField),
    row.inputs.join(', ') || '-',
  ];
}

/** One shape, or Keras's list of them for a layer with several outputs: `[(None, 8), (None, 8)]`. */
function shapesText(row: SummaryRow): string {
  return row.outputShapes ? `[${row.outputShapes.map(formatBatchShape).join(', ')}]` : formatBatchShape(row.outputShape);
}

function totalsLines(graph: IRGraph): string[] {
  const t = graph.totals;
  const marks = totalsMarks(graph);
  const mark = (key: 'params' | 'trainable' | 'nonTrainable' | 'macs'): string => (marks.has(key) ? `   ${marks.get(key)!.join('; ')}` : '');
  return [
    `Total params: ${formatCount(t.params)} (${formatBytes(t.params * 4)})${mark('params')}`,
    `Trainable params: ${formatCount(t.trainable)} (${formatBytes(t.trainable * 4)})${mark('trainable')}`,
    `Non-trainable params: ${formatCount(t.nonTrainable)} (${formatBytes(t.nonTrainable * 4)})${mark('nonTrainable')}`,
    `MACs: ${formatCount(t.macs)} (${formatCompact(t.macs)})${mark('macs')}`,
    `Weight memory: ${formatBytes(t.weightBytes)}; activation memory per sample: ${formatBytes(t.activationBytes)}`,
  ];
}

function summaryTable(graph: IRGraph, rows: SummaryRow[]): string {
  const body = rows.map((r) => cells(r, true));
  const widths = HEADERS.map((h) => h.length);
  // A loop, not Math.max(...column): spreading 120k+ rows into one call overflows the stack.
  for (const c of body) for (let i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i]!, c[i]!.length);
  for (let i = 0; i < widths.length; i++) widths[i] = Math.min(60, widths[i]!);
  const numeric = new Set([2, 3, 4]);
  const line = (c: string[]): string =>
    c
      .map((v, i) => (numeric.has(i) ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const rule = '─'.repeat(widths.reduce((s, w) => s + w + 2, -2));
  const marks = rowMarks(
    graph,
    rows.map((r) => r.name),
  );
  const marked = (r: SummaryRow, i: number): string => line(body[i]!) + (marks.has(r.name) ? `   ${marks.get(r.name)!.join('; ')}` : '');
  const out = [`Model: "${graph.name}"`, rule, line(HEADERS), rule, ...rows.map(marked), rule, ...totalsLines(graph)];
  return out.join('\n') + '\n';
}

function summaryMarkdown(graph: IRGraph, rows: SummaryRow[]): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  const marks = rowMarks(
    graph,
    rows.map((r) => r.name),
  );
  const out = [
    `### ${esc(graph.name)}`,
    '',
    `| ${HEADERS.join(' | ')} |`,
    '|---|---|---:|---:|---:|---|',
    ...rows.map((r) => `| ${cells(r, false).map(esc).join(' | ')}${marks.has(r.name) ? ` ${esc(marks.get(r.name)!.join('; '))}` : ''} |`),
    '',
    ...totalsLines(graph).map((l) => `- ${l}`),
  ];
  return out.join('\n') + '\n';
}

function summaryCsv(rows: SummaryRow[]): string {
  const quote = (v: string | number): string => (typeof v === 'number' ? String(v) : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const header = 'name,kind,output_shape,params,trainable_params,non_trainable_params,macs,receptive_field,inputs,shared_with';
  const lines = rows.map((r) =>
    [
      r.name,
      r.kind,
      shapesText(r),
      r.trainable + r.nonTrainable,
      r.trainable,
      r.nonTrainable,
      r.macs,
      fieldText(r.receptiveField),
      r.inputs.join(' '),
      r.sharedWith ?? '',
    ]
      .map(quote)
      .join(','),
  );
  return [header, ...lines].join('\n') + '\n';
}

/** The stable machine interface; shapes carry the batch dimension as null, like Keras's. */
export function summaryJson(graph: IRGraph) {
  return {
    name: graph.name,
    inputs: graph.inputs.map((i) => ({ name: i.name, shape: jsonShape(i.shape) })),
    outputs: graph.outputs.map((o) => ({ name: o.name, shape: jsonShape(o.shape), ...(o.output === undefined ? {} : { output: o.output }) })),
    layers: graph.nodes.map((n) => ({
      name: n.name,
      kind: n.kind,
      inputs: n.inputs,
      // Which output of each input (present when some input has several outputs).
      ...(n.inputPorts ? { input_outputs: n.inputPorts } : {}),
      output_shape: jsonShape(n.outputShape),
      ...(n.outputShapes ? { output_shapes: n.outputShapes.map(jsonShape), output_names: n.outputNames } : {}),
      params: n.params.trainable + n.params.nonTrainable,
      trainable_params: n.params.trainable,
      non_trainable_params: n.params.nonTrainable,
      macs: n.macs,
      receptive_field: n.receptiveField?.size ?? null,
      groups: n.groupPath,
      ...(n.sharedWith ? { shared_with: n.sharedWith } : {}),
    })),
    total_params: graph.totals.params,
    trainable_params: graph.totals.trainable,
    non_trainable_params: graph.totals.nonTrainable,
    macs: graph.totals.macs,
    weight_bytes: graph.totals.weightBytes,
    activation_bytes: graph.totals.activationBytes,
    ...(graph.expectFailures
      ? { expect_failures: graph.expectFailures.map((f) => ({ step: f.step ?? null, figure: f.figure, expected: f.expected, actual: f.actual })) }
      : {}),
  };
}
