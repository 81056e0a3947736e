import { formatSummary, SUMMARY_FORMATS, type SummaryFormat } from '../../report/summary.js';
import { UsageError, type Command } from '../command.js';
import { SPEC_USAGE, specOptions } from '../load.js';
import { loadReportGraph } from '../report-graph.js';

export function parseDepth(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const depth = Number(value);
  if (!Number.isInteger(depth) || depth < 0) throw new UsageError(`--depth expects a whole number, got '${String(value)}'`);
  return depth;
}

export const command: Command = {
  name: 'summary',
  summary: 'Print every layer with output shape, parameters, MACs and receptive field, and the totals.',
  usage: `netspec summary ${SPEC_USAGE} [--format table|markdown|json|csv] [--depth N]`,
  options: { ...specOptions, format: { type: 'string', short: 'f', default: 'table' }, depth: { type: 'string', short: 'd' } },
  async run(values, [spec], io) {
    const format = values.format as string;
    if (!SUMMARY_FORMATS.includes(format as SummaryFormat)) throw new UsageError(`--format must be one of ${SUMMARY_FORMATS.join(', ')}`);
    const depth = parseDepth(values.depth);
    const loaded = await loadReportGraph(spec, values, io);
    if (typeof loaded === 'number') return loaded;
    io.stdout(formatSummary(loaded.graph, format as SummaryFormat, depth));
    return loaded.finish();
  },
};
