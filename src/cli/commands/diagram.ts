// `netspec diagram`: an architecture diagram as SVG or PNG (graph or stack view).
import { extname } from 'node:path';
import { resolve } from 'node:path';
import { EXIT_USAGE, UsageError, type Command, type OptionValues } from '../command.js';
import { SPEC_USAGE, specOptions } from '../load.js';
import { loadReportGraph } from '../report-graph.js';
import { writeFileAtomic } from '../../io/write-file.js';
import type { RenderedDiagram } from '../../render/types.js';
import { formatPx } from '../../format/format.js';

const DIRECTION_WORDS = { TB: 'top to bottom', LR: 'left to right' } as const;

/** `graph view, depth 1, top to bottom in 4 columns, fit 16:9` — what the search chose, in the CLI's depth terms. */
/** Rounded down, so a drawing below the 12-px bar never reads as meeting it (11.6 px, not 12). */

function describe(drawn: RenderedDiagram, fit: string): string {
  const parts = [`${drawn.view} view`];
  if (drawn.depth !== undefined) parts.push(drawn.depth === Number.POSITIVE_INFINITY ? 'every block open' : `depth ${drawn.depth - 1}`);
  if (drawn.arrangement === 'u') parts.push('drawn as a U');
  else if (drawn.direction) {
    const pieces = drawn.pieces ?? 1;
    const unit = drawn.direction === 'TB' ? 'column' : 'row';
    parts.push(pieces > 1 ? `${DIRECTION_WORDS[drawn.direction]} in ${pieces} ${unit}s` : DIRECTION_WORDS[drawn.direction]);
  }
  parts.push(`fit ${fit}`);
  if (fit !== 'none') parts.push(`smallest text ${formatPx(drawn.shownFontPx)} px on a 1,920-px slide`);
  return parts.join(', ');
}

function choice<T extends string>(values: OptionValues, name: string, allowed: readonly T[], fallback: T): T {
  const value = values[name] ?? fallback;
  if (typeof value !== 'string' || !allowed.includes(value as T))
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got '${String(value)}'`);
  return value as T;
}

/** `--depth N`: N levels of blocks open (0 = top-level blocks collapsed), as `summary --depth N`. */
function depthOption(values: OptionValues): number | undefined {
  const raw = values.depth;
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--depth expects a whole number (0 = top-level blocks as one box each), got '${String(raw)}'`);
  return n;
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
  const fields = String(raw)
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  const unknown = fields.filter((f) => !(SHOW as readonly string[]).includes(f));
  if (unknown.length) throw new UsageError(`--show: unknown field '${unknown[0]}'; choose from ${SHOW.join(', ')}`);
  return fields as (typeof SHOW)[number][];
}

export const command: Command = {
  name: 'diagram',
  summary: 'Draw the architecture as a slide-ready SVG or PNG (graph or stacked-boxes view).',
  usage:
    `netspec diagram ${SPEC_USAGE} -o <file.svg | file.png | file.pdf> [--view graph|stack] [--fit 16:9|4:3|none] [--depth N] ` +
    '[--direction TB|LR] [--theme light|dark] [--scale 2] [--width PX] [--force]\n' +
    '  [--layout auto|u|line|wrap] [--block NAME] [--show shape,params,activation,macs]\n' +
    '  --fit: the slide frame the drawing is fitted to (default 16:9); none = natural size, nothing collapsed or wrapped\n' +
    '  --depth N: draw N levels of blocks open, deeper blocks as one box each (0 = every top-level block one box), as in `summary --depth N`\n' +
    '  --layout: u draws an encoder–decoder as a U (auto: when the network is one), line one row, wrap rows\n' +
    '  --block NAME: draw one block alone, expanded (names as in `netspec summary --depth 1`)\n' +
    '  --show: the text under each layer (default shape,activation)\n' +
    'Examples:\n' +
    '  netspec diagram specs/resnet50.yaml -o resnet50.png\n' +
    '  netspec diagram specs/vgg16.yaml -o vgg16.pdf --view stack --fit 4:3',
  options: {
    ...specOptions,
    output: { type: 'string', short: 'o' },
    view: { type: 'string', default: 'graph' },
    fit: { type: 'string', default: '16:9' },
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
    if (typeof output !== 'string' || output === '') throw new UsageError('missing the output file: -o diagram.svg, -o diagram.png or -o diagram.pdf');
    const format = extname(output).toLowerCase();
    if (format !== '.svg' && format !== '.png' && format !== '.pdf') throw new UsageError(`-o ${output}: the file name must end in .svg, .png or .pdf`);
    const view = choice(values, 'view', ['graph', 'stack'] as const, 'graph');
    const direction = values.direction === undefined ? undefined : choice(values, 'direction', ['TB', 'LR'] as const, 'TB');
    const theme = choice(values, 'theme', ['light', 'dark'] as const, 'light');
    const depth = depthOption(values);
    const fit = choice(values, 'fit', ['16:9', '4:3', 'none'] as const, '16:9');
    const scale = positive(values, 'scale', false);
    const width = positive(values, 'width', true);
    const layout = choice(values, 'layout', ['auto', 'u', 'line', 'wrap'] as const, 'auto');
    const show = showFields(values.show);
    const block = typeof values.block === 'string' ? values.block : undefined;

    const loaded = await loadReportGraph(spec, values, io);
    if (typeof loaded === 'number') return loaded;
    const graph = loaded.graph;
    // The renderer (d3, elkjs, resvg, pdfkit) loads only when a diagram is asked for.
    const { drawDiagram, pngZoom, svgToPng, UnknownBlockError, TooLargeError } = await import('../../render/index.js');
    const notice = (line: string) => io.stderr(`netspec diagram: ${line}\n`);
    let drawn: RenderedDiagram;
    try {
      drawn = await drawDiagram(graph, {
        view,
        theme,
        fit,
        layout,
        onNotice: notice,
        ...(direction ? { direction } : {}),
        ...(show ? { show } : {}),
        ...(block !== undefined ? { block } : {}),
        // The renderer counts the collapsed level too: `--depth 0` draws level 1 collapsed.
        ...(depth !== undefined ? { depth: depth + 1 } : {}),
        ...(format === '.svg' && width ? { width } : {}),
      });
    } catch (err) {
      if (err instanceof UnknownBlockError) throw new UsageError(err.message);
      if (err instanceof TooLargeError) {
        io.stderr(`netspec diagram: ${err.message}\n  help: ${err.help}\n`);
        return EXIT_USAGE;
      }
      throw err;
    }
    let data: string | Uint8Array;
    let size: string;
    if (format === '.svg') {
      data = drawn.svg;
      const shown = width ?? drawn.width;
      size = `${Math.round(shown)}×${Math.round((shown * drawn.height) / drawn.width)} px`;
    } else if (format === '.png') {
      const pngOptions = { scale: scale ?? 2, ...(width ? { width } : {}) };
      const { zoom } = pngZoom(drawn.svg, pngOptions);
      if (drawn.width * zoom < 1 || drawn.height * zoom < 1) {
        throw new UsageError(
          `${width ? `--width ${width}` : `--scale ${scale}`} makes a ${(drawn.width * zoom).toPrecision(2)}×${(drawn.height * zoom).toPrecision(2)}-px image; a PNG needs at least 1 px each way`,
        );
      }
      const png = svgToPng(drawn.svg, { ...pngOptions, onNotice: notice });
      data = png;
      const header = Buffer.from(png.buffer, png.byteOffset, 24);
      size = `${header.readUInt32BE(16)}×${header.readUInt32BE(20)} px`;
    } else {
      // pdfkit (and its font tables) loads only for a PDF: it costs a third of a second to start.
      const { svgToPdf } = await import('../../render/pdf.js');
      const pdf = await svgToPdf(drawn.svg);
      data = pdf.data;
      size = `${Math.round(pdf.width)}×${Math.round(pdf.height)} pt`;
    }
    await writeFileAtomic(resolve(io.cwd, output), data, { force: values.force === true });
    io.stdout(`wrote ${output}: ${size}, ${describe(drawn, fit)}\n`);
    return loaded.finish();
  },
};
