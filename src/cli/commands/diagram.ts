// `netspec diagram`: an architecture diagram as SVG or PNG (graph or stack view).
import { extname } from 'node:path';
import { resolve } from 'node:path';
import { UsageError, type Command, type OptionValues } from '../command.js';
import { SPEC_USAGE, specOptions } from '../load.js';
import { loadReportGraph } from '../report-graph.js';
import { writeFileAtomic } from '../write-file.js';

function choice<T extends string>(values: OptionValues, name: string, allowed: readonly T[], fallback: T): T {
  const value = values[name] ?? fallback;
  if (typeof value !== 'string' || !allowed.includes(value as T)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got '${String(value)}'`);
  return value as T;
}

function positive(values: OptionValues, name: string, integer: boolean): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} expects a positive ${integer ? 'whole number' : 'number'}, got '${String(raw)}'`);
  }
  return n;
}

const SHOW = ['shape', 'params', 'activation', 'macs'] as const;

/** `--show shape,params`: a comma-separated subset of SHOW. */
function showFields(raw: OptionValues[string]): (typeof SHOW)[number][] | undefined {
  if (raw === undefined) return undefined;
  const fields = String(raw).split(',').map((f) => f.trim()).filter((f) => f !== '');
  const unknown = fields.filter((f) => !(SHOW as readonly string[]).includes(f));
  if (unknown.length) throw new UsageError(`--show: unknown field '${unknown[0]}'; choose from ${SHOW.join(', ')}`);
  return fields as (typeof SHOW)[number][];
}

export const command: Command = {
  name: 'diagram',
  summary: 'Draw the architecture as a slide-ready SVG or PNG (graph or stacked-boxes view).',
  usage:
    `netspec diagram ${SPEC_USAGE} -o <file.svg | file.png> [--view graph|stack] [--depth N] ` +
    '[--direction TB|LR] [--theme light|dark] [--scale 2] [--width PX] [--force]\n' +
    '  [--layout auto|u|line|wrap] [--block NAME] [--show shape,params,activation,macs]\n' +
    '  --depth N: draw N levels of blocks; blocks at level N are one box (1 = top-level blocks collapsed)\n' +
    '  --layout: u draws an encoder–decoder as a U (auto: when the network is one), line one row, wrap rows\n' +
    '  --block NAME: draw one block alone, expanded (names as in `netspec summary --depth 1`)\n' +
    '  --show: the text under each layer (default shape,activation)',
  options: {
    ...specOptions,
    output: { type: 'string', short: 'o' },
    view: { type: 'string', default: 'graph' },
    depth: { type: 'string', short: 'd' },
    direction: { type: 'string' },
    theme: { type: 'string', default: 'light' },
    scale: { type: 'string' },
    width: { type: 'string', short: 'w' },
    force: { type: 'boolean', short: 'f' },
    layout: { type: 'string' },
    block: { type: 'string' },
    show: { type: 'string' },
  },
  async run(values, [spec], io) {
    const output = values.output;
    if (typeof output !== 'string' || output === '') throw new UsageError('missing the output file: -o diagram.svg or -o diagram.png');
    const format = extname(output).toLowerCase();
    if (format !== '.svg' && format !== '.png') throw new UsageError(`-o ${output}: the file name must end in .svg or .png`);
    const view = choice(values, 'view', ['graph', 'stack'] as const, 'graph');
    const direction = choice(values, 'direction', ['TB', 'LR'] as const, 'TB');
    const theme = choice(values, 'theme', ['light', 'dark'] as const, 'light');
    const depth = positive(values, 'depth', true);
    const scale = positive(values, 'scale', false);
    const width = positive(values, 'width', true);
    const layout = choice(values, 'layout', ['auto', 'u', 'line', 'wrap'] as const, 'auto');
    const show = showFields(values.show);
    const block = typeof values.block === 'string' ? values.block : undefined;

    const loaded = await loadReportGraph(spec, values, io);
    if (typeof loaded === 'number') return loaded;
    const graph = loaded.graph;
    // The renderer (d3, elkjs, resvg) loads only when a diagram is asked for.
    const { renderDiagram, svgToPng, UnknownBlockError } = await import('../../render/index.js');
    const notice = (line: string) => io.stderr(`netspec diagram: ${line}\n`);
    let svg: string;
    try {
      svg = await renderDiagram(graph, {
        view,
        direction,
        theme,
        fit: '16:9',
        layout,
        onNotice: notice,
        ...(show ? { show } : {}),
        ...(block !== undefined ? { block } : {}),
        ...(depth ? { depth } : {}),
        ...(format === '.svg' && width ? { width } : {}),
      });
    } catch (err) {
      if (err instanceof UnknownBlockError) throw new UsageError(err.message);
      throw err;
    }
    const data = format === '.svg' ? svg : svgToPng(svg, { scale: scale ?? 2, ...(width ? { width } : {}), onNotice: (line) => io.stderr(`netspec diagram: ${line}\n`) });
    await writeFileAtomic(resolve(io.cwd, output), data, { force: values.force === true });
    if (io.isTTY) io.stdout(`wrote ${output}\n`);
    return loaded.finish();
  },
};
