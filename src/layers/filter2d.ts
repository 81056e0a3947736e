// Filter2D: a fixed (non-trainable) image filter from the lecture, applied depthwise to each channel.
// Not a Keras layer: its shapes follow DepthwiseConv2D with depth_multiplier 1 and no bias.
import { AXIS_NAMES } from './conv.js';
import { argInts, argNum, argStr, convLength, explainConvLength, knownProduct, requirePositive, requireRank, type Padding } from './shape-math.js';
import { applyOne, customLayer } from './tfjs-util.js';
import { LayerError, type Args, type LayerKind } from './types.js';
import { formatTuple } from '../format/format.js';

export const FILTER_PRESETS = ['mean', 'gaussian', 'blur', 'sharpen', 'outline', 'emboss', 'sobel_x', 'sobel_y', 'identity'] as const;

const FIXED: Record<string, number[][]> = {
  blur: [
    [1, 2, 1],
    [2, 4, 2],
    [1, 2, 1],
  ].map((r) => r.map((v) => v / 16)),
  sharpen: [
    [0, -1, 0],
    [-1, 5, -1],
    [0, -1, 0],
  ],
  outline: [
    [-1, -1, -1],
    [-1, 8, -1],
    [-1, -1, -1],
  ],
  emboss: [
    [-2, -1, 0],
    [-1, 1, 1],
    [0, 1, 2],
  ],
  sobel_x: [
    [-1, 0, 1],
    [-2, 0, 2],
    [-1, 0, 1],
  ],
  sobel_y: [
    [-1, -2, -1],
    [0, 0, 0],
    [1, 2, 1],
  ],
};

const square = (n: number, f: (i: number, j: number) => number): number[][] =>
  Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => f(i, j)));

/** The filter's kernel: the explicit `kernel`, or the preset's (mean/gaussian/identity use `size`). */
export function filterKernel(args: Args): number[][] {
  if (args.kernel !== null && args.kernel !== undefined) return args.kernel as number[][];
  const preset = argStr(args, 'preset');
  const n = (args.size ?? 3) as number;
  if (preset === 'mean') return square(n, () => 1 / (n * n));
  if (preset === 'identity') return square(n, (i, j) => (i === (n - 1) / 2 && j === i ? 1 : 0));
  if (preset === 'gaussian') {
    const sigma = (args.sigma ?? 1) as number;
    const c = (n - 1) / 2;
    const raw = square(n, (i, j) => Math.exp(-((i - c) ** 2 + (j - c) ** 2) / (2 * sigma * sigma)));
    const total = raw.flat().reduce((s, v) => s + v, 0);
    return raw.map((row) => row.map((v) => v / total));
  }
  return FIXED[preset]!;
}

function kernelSize(args: Args): [number, number] {
  const k = filterKernel(args);
  return [k.length, k[0]!.length];
}

export const Filter2D: LayerKind = {
  className: 'Filter2D',
  aliases: ['filter'],
  family: 'filter',
  doc: `A fixed image filter (explicit \`kernel\` or a preset: ${FILTER_PRESETS.join(', ')}) applied to each channel separately; not trained.`,
  args: {
    preset: { type: 'enum', values: FILTER_PRESETS, default: null, nullable: true, doc: 'A named filter; give this or `kernel`.' },
    kernel: { type: 'matrix', default: null, nullable: true, doc: 'An explicit kernel matrix; give this or `preset`.' },
    size: { type: 'int', min: 1, default: 3, doc: "Kernel size for 'mean', 'gaussian' and 'identity' (the other presets are 3×3)." },
    sigma: { type: 'float', min: 0, default: 1, doc: "Standard deviation for 'gaussian'." },
    padding: { type: 'enum', values: ['valid', 'same'], default: 'valid', doc: "'valid' (default) or 'same'." },
    strides: { type: 'tuple', rank: 2, min: 1, default: 1, doc: 'Step of the window: an int or (sh, sw).' },
  },
  positional: ['preset', 'size', 'sigma', 'padding', 'strides'],
  inputs: { min: 1, max: 1 },
  check(args) {
    if ((args.preset === null) === (args.kernel === null)) {
      throw new LayerError(`Filter2D needs exactly one of \`preset\` (${FILTER_PRESETS.join(', ')}) or \`kernel\` (a matrix)`, 'argument');
    }
    if (args.preset === 'gaussian' && argNum(args, 'sigma') <= 0) throw new LayerError(`Filter2D: sigma must be positive, got ${args.sigma}`, 'argument');
  },
  outputShape([input], args) {
    const x = requireRank(input, 3, 'Filter2D');
    const k = kernelSize(args);
    const s = argInts(args, 'strides');
    const padding = argStr(args, 'padding') as Padding;
    return requirePositive(
      [...x.slice(0, 2).map((n, i) => convLength(n, k[i]!, s[i]!, 1, padding)), x[2]!],
      `kernel ${k.join('×')} does not fit input ${formatTuple(x)}`,
    );
  },
  /** The fixed kernel, one copy per channel, counted as non-trainable weights. */
  params: ([input], args) => ({ trainable: 0, nonTrainable: knownProduct(kernelSize(args)) * (input![2] ?? 0) }),
  macs: (_inputs, args, output) => knownProduct(output) * knownProduct(kernelSize(args)),
  receptive: (args) => ({ kind: 'window', kernel: kernelSize(args), stride: argInts(args, 'strides') }),
  explain([input], args, output) {
    const k = kernelSize(args);
    const s = argInts(args, 'strides');
    const padding = argStr(args, 'padding') as Padding;
    return [
      ...AXIS_NAMES[2]!.map((axis, i) => `${axis} = ${explainConvLength(input![i] ?? null, k[i]!, s[i]!, 1, padding)}`),
      `C = ${output[2]} (each channel filtered on its own)`,
      `non-trainable = ${k.join('·')}·${input![2]} = ${this.params([input!], args, output).nonTrainable}  (fixed kernel per channel)`,
    ];
  },
  build: (_tf, args, ctx) =>
    applyOne(
      customLayer(
        ctx,
        'NetspecFixedFilter',
        { kernel: filterKernel(args), strides: argInts(args, 'strides'), padding: argStr(args, 'padding') as 'valid' | 'same' },
        'Filter2D',
      ),
    ),
  label(args) {
    const k = kernelSize(args);
    const name = args.preset === null ? 'kernel' : args.preset === 'gaussian' ? `gaussian σ=${args.sigma}` : String(args.preset);
    return `Filter ${name} ${k.join('×')}${argInts(args, 'strides').some((v) => v > 1) ? ` /${argInts(args, 'strides').join('×')}` : ''}`;
  },
};
