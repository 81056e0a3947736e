// ZeroPadding, Cropping and UpSampling in 1D/2D/3D: change spatial sizes, no weights, no MACs.
import { AXIS_NAMES } from './conv.js';
import { dataFormatArg, kerasCompatArgs } from './common-args.js';
import { argInts, argPairs, argStr, requireRank } from './shape-math.js';
import { applyOne, customLayer, noTfjsEquivalent } from './tfjs-util.js';
import { LayerError, type ArgSpec, type LayerKind } from './types.js';
import { withChannelsFirst } from './data-format.js';
import { formatTuple } from '../format/format.js';

const noWeights = { params: () => ({ trainable: 0, nonTrainable: 0 }), macs: () => 0 };

/** Keras's defaults: ZeroPadding 1 everywhere; Cropping1D (1, 1), Cropping2D none, Cropping3D 1 everywhere. */
const padDefault = {
  1: 1,
  2: [1, 1],
  3: [
    [1, 1],
    [1, 1],
    [1, 1],
  ],
};
const cropDefault = {
  1: [1, 1],
  2: [
    [0, 0],
    [0, 0],
  ],
  3: [
    [1, 1],
    [1, 1],
    [1, 1],
  ],
};

/** Keras gives every one of these a data_format except Cropping1D and UpSampling1D. */
function rankArgs(withDataFormat: boolean, key: string, spec: ArgSpec): Record<string, ArgSpec> {
  return withDataFormat ? { [key]: spec, data_format: dataFormatArg, dtype: kerasCompatArgs.dtype! } : { [key]: spec, dtype: kerasCompatArgs.dtype! };
}

function makeZeroPadding(rank: 1 | 2 | 3): LayerKind {
  const className = `ZeroPadding${rank}D`;
  return {
    className,
    aliases: [`zeropad${rank}d`, `pad${rank}d`],
    family: 'reshape',
    doc: `Adds rows/columns of zeros around the ${rank}D input; channels unchanged.`,
    args: rankArgs(true, 'padding', { type: 'padding', rank, default: padDefault[rank], doc: 'An int, one int per axis, or (before, after) per axis.' }),
    positional: ['padding', 'data_format'],
    inputs: { min: 1, max: 1 },
    outputShape([input], args) {
      const x = requireRank(input, rank + 1, className);
      const pads = argPairs(args, 'padding');
      return [...x.slice(0, rank).map((n, i) => (n === null ? null : n + pads[i]![0] + pads[i]![1])), x[rank]!];
    },
    ...noWeights,
    receptive: () => ({ kind: 'identity' }),
    explain([input], args, output) {
      const pads = argPairs(args, 'padding');
      return AXIS_NAMES[rank]!.map((axis, i) => `${axis} = ${input![i] ?? 'None'} + ${pads[i]![0]} + ${pads[i]![1]} = ${output[i] ?? 'None'}`);
    },
    build(tf, args, ctx) {
      if (rank !== 2) return applyOne(customLayer(ctx, 'NetspecResample', { op: 'pad', amounts: argPairs(args, 'padding') }, className));
      const [h, w] = argPairs(args, 'padding');
      return applyOne(tf.layers.zeroPadding2d({ name: ctx.name, padding: [h!, w!] }));
    },
    label: (args) =>
      `ZeroPad ${argPairs(args, 'padding')
        .map((p) => (p[0] === p[1] ? p[0] : `${p[0]},${p[1]}`))
        .join('×')}`,
  };
}

function makeCropping(rank: 1 | 2 | 3): LayerKind {
  const className = `Cropping${rank}D`;
  return {
    className,
    aliases: [`crop${rank}d`],
    family: 'reshape',
    doc: `Removes rows/columns at the borders of the ${rank}D input; channels unchanged.`,
    args: rankArgs(rank !== 1, 'cropping', {
      type: 'padding',
      rank,
      default: cropDefault[rank],
      doc: 'An int, one int per axis, or (before, after) per axis.',
    }),
    positional: rank === 1 ? ['cropping'] : ['cropping', 'data_format'],
    inputs: { min: 1, max: 1 },
    outputShape([input], args) {
      const x = requireRank(input, rank + 1, className);
      const crops = argPairs(args, 'cropping');
      const out = x.slice(0, rank).map((n, i) => (n === null ? null : n - crops[i]![0] - crops[i]![1]));
      if (out.some((n) => n !== null && n <= 0)) {
        throw new LayerError(
          `values in \`cropping\` should be smaller than the corresponding spatial dimension of the input (${className}): input ${formatTuple([null, ...x])}, cropping=${JSON.stringify(crops)} would leave ${formatTuple(out)}`,
        );
      }
      return [...out, x[rank]!];
    },
    ...noWeights,
    receptive: () => ({ kind: 'identity' }),
    explain([input], args, output) {
      const crops = argPairs(args, 'cropping');
      return AXIS_NAMES[rank]!.map((axis, i) => `${axis} = ${input![i] ?? 'None'} − ${crops[i]![0]} − ${crops[i]![1]} = ${output[i] ?? 'None'}`);
    },
    build(tf, args, ctx) {
      if (rank !== 2) return applyOne(customLayer(ctx, 'NetspecResample', { op: 'crop', amounts: argPairs(args, 'cropping') }, className));
      // tfjs computes a negative symbolic size for an unknown (None) axis; netspec's layer keeps it None.
      if (ctx.inputShapes[0]!.slice(0, 2).includes(null)) {
        return applyOne(
          customLayer(ctx, 'NetspecResample', { op: 'crop', amounts: argPairs(args, 'cropping') }, 'Cropping2D on an input with unknown (None) spatial sizes'),
        );
      }
      const [h, w] = argPairs(args, 'cropping');
      return applyOne(tf.layers.cropping2D({ name: ctx.name, cropping: [h!, w!] }));
    },
    label: (args) =>
      `Crop ${argPairs(args, 'cropping')
        .map((p) => (p[0] === p[1] ? p[0] : `${p[0]},${p[1]}`))
        .join('×')}`,
  };
}

/** Keras 3's UpSampling2D interpolations; tfjs matches Keras only for 'nearest'. */
const INTERPOLATIONS = ['nearest', 'bilinear', 'bicubic', 'lanczos3', 'lanczos5'];
/**
 * Input pixels an upsampled output pixel reads: twice the kernel's radius, since with half-pixel
 * centres an output pixel falls between input pixels (nearest reads one).
 */
const INTERPOLATION_SPAN: Record<string, number> = { nearest: 1, bilinear: 2, bicubic: 4, lanczos3: 6, lanczos5: 10 };

function makeUpSampling(rank: 1 | 2 | 3): LayerKind {
  const className = `UpSampling${rank}D`;
  const args: Record<string, ArgSpec> = rankArgs(rank !== 1, 'size', { type: 'tuple', rank, min: 1, default: 2, doc: 'Repeat factor per axis.' });
  if (rank === 2) args.interpolation = { type: 'enum', values: INTERPOLATIONS, default: 'nearest', doc: "'nearest' (repeat) or 'bilinear', …" };
  return {
    className,
    aliases: [`upsample${rank}d`],
    family: 'reshape',
    doc: `Repeats each ${rank === 1 ? 'step' : 'row/column'} \`size\` times (2D: or interpolates).`,
    args,
    positional: rank === 2 ? ['size', 'data_format', 'interpolation'] : rank === 3 ? ['size', 'data_format'] : ['size'],
    inputs: { min: 1, max: 1 },
    outputShape([input], a) {
      const x = requireRank(input, rank + 1, className);
      const size = argInts(a, 'size');
      return [...x.slice(0, rank).map((n, i) => (n === null ? null : n * size[i]!)), x[rank]!];
    },
    ...noWeights,
    receptive: (a) => ({
      kind: 'upsample',
      factor: argInts(a, 'size'),
      span: argInts(a, 'size').map((f) => (f > 1 ? (INTERPOLATION_SPAN[argStr(a, 'interpolation')] ?? 1) : 1)),
    }),
    explain([input], a, output) {
      const size = argInts(a, 'size');
      return AXIS_NAMES[rank]!.map((axis, i) => `${axis} = ${input![i] ?? 'None'}·${size[i]} = ${output[i] ?? 'None'}`);
    },
    build(tf, a, ctx) {
      const factors = argInts(a, 'size').map((f) => [f, f]);
      if (rank !== 2) return applyOne(customLayer(ctx, 'NetspecResample', { op: 'nearest', amounts: factors }, className));
      // tfjs's bilinear resize does not use Keras's half-pixel centres; netspec's layer does.
      if (argStr(a, 'interpolation') === 'bilinear')
        return applyOne(customLayer(ctx, 'NetspecResample', { op: 'bilinear', amounts: factors }, `UpSampling2D with interpolation='bilinear'`));
      if (argStr(a, 'interpolation') !== 'nearest') noTfjsEquivalent(`UpSampling2D with interpolation='${argStr(a, 'interpolation')}'`);
      return applyOne(tf.layers.upSampling2d({ name: ctx.name, size: argInts(a, 'size'), interpolation: 'nearest' }));
    },
    label: (a) => `UpSample ×${argInts(a, 'size').every((s) => s === argInts(a, 'size')[0]) ? argInts(a, 'size')[0] : argInts(a, 'size').join('×')}`,
  };
}

export const ZeroPadding1D = withChannelsFirst(makeZeroPadding(1), 1);
export const ZeroPadding2D = withChannelsFirst(makeZeroPadding(2), 2);
export const ZeroPadding3D = withChannelsFirst(makeZeroPadding(3), 3);
export const Cropping1D = makeCropping(1);
export const Cropping2D = withChannelsFirst(makeCropping(2), 2);
export const Cropping3D = withChannelsFirst(makeCropping(3), 3);
export const UpSampling1D = makeUpSampling(1);
export const UpSampling2D = withChannelsFirst(makeUpSampling(2), 2);
export const UpSampling3D = withChannelsFirst(makeUpSampling(3), 3);
