// Input preprocessing: Rescaling (x·scale + offset) and Normalization ((x − mean) / sqrt(variance)).
// MAC convention: one multiply-add per output element, as for the normalisation layers.
import { kerasCompatArgs } from './common-args.js';
import { axisList, batchlessAxis } from './axes.js';
import { argBool, argNum, knownProduct } from './shape-math.js';
import { applyOne, customLayer } from './tfjs-util.js';
import { LayerError, type Args, type LayerKind, type Shape } from './types.js';
import { formatFactor, formatTuple } from '../format/format.js';

export const Rescaling: LayerKind = {
  className: 'Rescaling',
  family: 'preprocessing',
  doc: 'Multiplies by `scale` and adds `offset` (e.g. scale=1/255 maps pixels to [0, 1]).',
  args: {
    scale: { type: 'float', required: true, doc: 'Multiplier, e.g. 1/255.' },
    offset: { type: 'float', default: 0, doc: 'Added after scaling.' },
    dtype: kerasCompatArgs.dtype!,
  },
  positional: ['scale', 'offset'],
  inputs: { min: 1, max: 1 },
  outputShape: ([input]) => input!,
  params: () => ({ trainable: 0, nonTrainable: 0 }),
  macs: (_inputs, _args, output) => knownProduct(output),
  receptive: () => ({ kind: 'identity' }),
  explain: (_inputs, args) => [`x·${args.scale} + ${args.offset}; params = 0`],
  build: (tf, args, ctx) => applyOne(tf.layers.rescaling({ name: ctx.name, scale: argNum(args, 'scale'), offset: argNum(args, 'offset') })),
  label: (args) =>
    `Rescale ×${formatFactor(argNum(args, 'scale'))}${argNum(args, 'offset') ? ` ${argNum(args, 'offset') > 0 ? '+' : '−'}${Math.abs(argNum(args, 'offset'))}` : ''}`,
};

/** Batch-less indices of the axes Normalization keeps (one statistic per position along them). */
function keptAxes(input: Shape, args: Args): number[] {
  return axisList(args, 'axis').map((a) => {
    const index = batchlessAxis(a, input.length);
    if (index === undefined) {
      throw new LayerError(
        `all \`axis\` values must be in the range [-ndim, ndim) and not the batch axis; got axis=${JSON.stringify(args.axis)} for input of ndim=${input.length + 1}`,
        'argument',
      );
    }
    return index;
  });
}

function statisticsShape(input: Shape, args: Args): Shape {
  return keptAxes(input, args)
    .sort((a, b) => a - b)
    .map((i) => input[i]!);
}

const hasValues = (args: Args) => args.mean !== null;

export const Normalization: LayerKind = {
  className: 'Normalization',
  family: 'preprocessing',
  doc: 'Standardises the input with a per-feature mean and variance (given, or adapted from data).',
  args: {
    axis: { type: 'axis', default: -1, nullable: true, doc: 'Axis or axes that keep their own statistics (-1: per channel); None: one scalar.' },
    mean: { type: 'any', default: null, doc: 'The mean (scalar or list); with variance, the layer holds no weights.' },
    variance: { type: 'any', default: null, doc: 'The variance (scalar or list).' },
    invert: { type: 'bool', default: false, doc: 'Undo the normalisation instead.' },
    dtype: kerasCompatArgs.dtype!,
  },
  positional: ['axis', 'mean', 'variance', 'invert'],
  inputs: { min: 1, max: 1 },
  check(args) {
    if ((args.mean === null) !== (args.variance === null)) {
      throw new LayerError(
        `when setting values directly, both \`mean\` and \`variance\` must be set (got mean=${JSON.stringify(args.mean)}, variance=${JSON.stringify(args.variance)})`,
        'argument',
      );
    }
  },
  outputShape([input], args) {
    const stats = statisticsShape(input!, args);
    if (stats.includes(null)) {
      throw new LayerError(
        `all \`axis\` values to be kept must have a known shape: axis=${JSON.stringify(args.axis)}, input ${formatTuple([null, ...input!])}`,
      );
    }
    return input!;
  },
  /** Adapted statistics are weights: mean C + variance C + count 1, all non-trainable. */
  params([input], args) {
    if (hasValues(args)) return { trainable: 0, nonTrainable: 0 };
    return { trainable: 0, nonTrainable: 2 * knownProduct(statisticsShape(input!, args)) + 1 };
  },
  macs: (_inputs, _args, output) => knownProduct(output),
  receptive: () => ({ kind: 'identity' }),
  explain([input], args, output) {
    if (hasValues(args)) return ['(x − mean) / sqrt(variance) with given values; params = 0 (constants, not weights)'];
    const c = knownProduct(statisticsShape(input!, args));
    return [`non-trainable = ${c} (mean) + ${c} (variance) + 1 (count) = ${this.params([input!], args, output).nonTrainable}`];
  },
  build(_tf, args, ctx) {
    const flat = (v: unknown): number[] | null => (v === null || v === undefined ? null : (([v] as unknown[]).flat(Infinity as 1) as number[]));
    return applyOne(
      customLayer(
        ctx,
        'NetspecNormalization',
        {
          // Kept axes counted with the batch axis, in order: the statistics' shape is Keras's.
          axes: keptAxes(ctx.inputShapes[0]!, args)
            .map((a) => a + 1)
            .sort((a, b) => a - b),
          invert: argBool(args, 'invert'),
          mean: flat(args.mean),
          variance: flat(args.variance),
        },
        'Normalization',
      ),
    );
  },
  label: () => 'Normalize',
};
