// Activation layers: Activation, ReLU, LeakyReLU, PReLU, ELU, Softmax.
// Bare activation names as steps (`relu`, `softmax`) are Activation layers (the expander's job), so
// these kinds have no aliases that collide with activation names.
// MAC convention: elementwise nonlinearities count 0 MACs.
import { kerasCompatArgs, weightCompatArgs } from './common-args.js';
import { tfjsActivation } from './activations.js';
import { axisList } from './axes.js';
import { argInts, argNum } from './shape-math.js';
import { defineKind } from './define-kind.js';
import { acrossAxes } from './normalization.js';
import { applyOne, customLayer } from './tfjs-util.js';
import { LayerError, type Args, type LayerKind, type Shape } from './types.js';
import { formatTuple } from '../format/format.js';
import { tfjsWeightOptions } from './tfjs-objects.js';

/** The parts every elementwise activation layer shares: shape unchanged (no weights: defineKind's default). */
function elementwise(className: string, doc: string): Pick<LayerKind, 'className' | 'family' | 'doc' | 'outputShape'> {
  return { className, family: 'activation', doc, outputShape: ([input]) => input! };
}

const dtypeArg = { dtype: kerasCompatArgs.dtype! };

export const Activation = defineKind({
  ...elementwise('Activation', 'Applies an activation function elementwise.'),
  args: { activation: { type: 'activation', required: true, doc: "Activation name: 'relu', 'softmax', …" }, ...dtypeArg },
  positional: ['activation'],
  check(args) {
    if (args.activation === null) throw new LayerError('Activation requires an activation name, got None', 'argument');
  },
  explain: (_i, args) => [`${args.activation}(x), shape unchanged, params = 0`],
  build(tf, args, ctx) {
    const activation = tfjsActivation(args.activation as string, ctx) ?? 'linear';
    return applyOne(tf.layers.activation({ name: ctx.name, activation: activation as 'linear' }));
  },
  label: (args) => String(args.activation),
});

export const ReLU = defineKind({
  ...elementwise('ReLU', 'Rectified linear unit with optional cap (max_value), leak (negative_slope) and threshold.'),
  args: {
    max_value: { type: 'float', min: 0, default: null, nullable: true, doc: 'Upper bound of the output (None: unbounded).' },
    negative_slope: { type: 'float', min: 0, default: 0, doc: 'Slope below the threshold.' },
    threshold: { type: 'float', min: 0, default: 0, doc: 'Values below it are leaked/zeroed.' },
    ...dtypeArg,
  },
  positional: ['max_value', 'negative_slope', 'threshold'],
  explain(_i, args) {
    const cap = args.max_value === null ? '' : `, capped at ${args.max_value}`;
    return [`max(x, 0)${cap}${argNum(args, 'negative_slope') ? `, slope ${args.negative_slope} below ${args.threshold}` : ''}; params = 0`];
  },
  build(tf, args, ctx) {
    if (argNum(args, 'negative_slope') !== 0 || argNum(args, 'threshold') !== 0) {
      return applyOne(
        customLayer(
          ctx,
          'NetspecElementwise',
          {
            op: 'relu',
            maxValue: args.max_value === null ? null : argNum(args, 'max_value'),
            negativeSlope: argNum(args, 'negative_slope'),
            threshold: argNum(args, 'threshold'),
          },
          'ReLU with negative_slope or threshold',
        ),
      );
    }
    const maxValue = args.max_value === null ? undefined : argNum(args, 'max_value');
    return applyOne(tf.layers.reLU({ name: ctx.name, maxValue }));
  },
  label: (args) => (args.max_value === null ? 'ReLU' : `ReLU ≤${args.max_value}`),
});

export const LeakyReLU = defineKind({
  ...elementwise('LeakyReLU', 'Leaky ReLU: x for x ≥ 0, negative_slope·x otherwise (layer default 0.3).'),
  args: {
    negative_slope: { type: 'float', min: 0, default: 0.3, doc: 'Slope for x < 0.' },
    alpha: { type: 'float', min: 0, default: null, nullable: true, doc: "Keras 2's name for negative_slope (deprecated alias)." },
    ...dtypeArg,
  },
  positional: ['negative_slope'],
  derive(args) {
    // Keras 3 pops `alpha` and uses it as negative_slope.
    if (args.alpha !== null) {
      args.negative_slope = args.alpha!;
      args.alpha = null;
    }
  },
  explain: (_i, args) => [`x if x ≥ 0 else ${args.negative_slope}·x; params = 0`],
  build: (tf, args, ctx) => applyOne(tf.layers.leakyReLU({ name: ctx.name, alpha: argNum(args, 'negative_slope') })),
  label: (args) => `LeakyReLU ${args.negative_slope}`,
});

/** PReLU's alpha shape: the input shape with the shared axes (1-based, Keras's counting) set to 1. */
function preluAlphaShape(input: Shape, args: Args): Shape {
  const shape = [...input];
  for (const axis of axisList(args, 'shared_axes')) {
    // Not batchlessAxis: Keras indexes param_shape[axis - 1] Python-style, so 0 is the last axis
    // and −1 the one before it.
    const index = axis - 1 < 0 ? shape.length + axis - 1 : axis - 1;
    if (index < 0 || index >= shape.length) {
      throw new LayerError(`PReLU: shared axis ${axis} is out of range for input ${formatTuple([null, ...input])}`, 'argument');
    }
    shape[index] = 1;
  }
  return shape;
}

export const PReLU = defineKind({
  ...elementwise('PReLU', 'Parametric ReLU: a learned slope for x < 0 per element (shared along shared_axes).'),
  aliases: ['prelu'],
  args: {
    ...weightCompatArgs('alpha', 'Zeros'),
    shared_axes: { type: 'axis', default: null, nullable: true, doc: 'Axes (1-based, batch is 0) along which alpha is shared, e.g. [1, 2] for H, W.' },
    ...dtypeArg,
  },
  positional: ['alpha_initializer', 'alpha_regularizer', 'alpha_constraint', 'shared_axes'],
  outputShape([input], args) {
    const alpha = preluAlphaShape(input!, args);
    if (alpha.includes(null)) {
      throw new LayerError(
        `PReLU needs every non-shared axis known to size alpha; alpha shape would be ${formatTuple(alpha)} for input ${formatTuple([null, ...input!])}`,
      );
    }
    return input!;
  },
  params: ([input], args) => ({ trainable: (preluAlphaShape(input!, args) as number[]).reduce((p, d) => p * d, 1), nonTrainable: 0 }),
  macs: () => 0,
  receptive: () => ({ kind: 'identity' }),
  explain([input], args) {
    const alpha = preluAlphaShape(input!, args);
    return [`alpha shape = ${formatTuple(alpha)} (shared axes set to 1)`, `params = ${alpha.join('·')} = ${(alpha as number[]).reduce((p, d) => p * d, 1)}`];
  },
  build(tf, args, ctx) {
    const shared = args.shared_axes === null ? undefined : ([] as number[]).concat(args.shared_axes as number | number[]);
    return applyOne(tf.layers.prelu({ name: ctx.name, sharedAxes: shared, trainable: ctx.trainable, ...tfjsWeightOptions(tf, args) }));
  },
  label: () => 'PReLU',
});

export const ELU = defineKind({
  ...elementwise('ELU', 'Exponential linear unit: x for x > 0, alpha·(exp(x) − 1) otherwise.'),
  args: { alpha: { type: 'float', default: 1.0, doc: 'Scale of the negative part.' }, ...dtypeArg },
  positional: ['alpha'],
  explain: (_i, args) => [`x if x > 0 else ${args.alpha}·(exp(x) − 1); params = 0`],
  build(tf, args, ctx) {
    if (argNum(args, 'alpha') !== 1)
      return applyOne(customLayer(ctx, 'NetspecElementwise', { op: 'elu', alpha: argNum(args, 'alpha') }, `ELU with alpha=${args.alpha}`));
    return applyOne(tf.layers.elu({ name: ctx.name }));
  },
  label: () => 'ELU',
});

export const Softmax = defineKind({
  ...elementwise('Softmax', 'Softmax along an axis (default the last).'),
  args: { axis: { type: 'axis', default: -1, doc: 'Axis (or axes) to normalise over.' }, ...dtypeArg },
  positional: ['axis'],
  explain: (_i, args) => [`softmax over axis ${JSON.stringify(args.axis)}; params = 0`],
  receptive: (args, [input]) => acrossAxes(axisList(args, 'axis'), input),
  build(tf, args, ctx) {
    if (Array.isArray(args.axis))
      return applyOne(customLayer(ctx, 'NetspecElementwise', { op: 'softmax', axes: argInts(args, 'axis') }, 'Softmax over several axes'));
    return applyOne(tf.layers.softmax({ name: ctx.name, axis: args.axis as number }));
  },
  label: () => 'Softmax',
});
