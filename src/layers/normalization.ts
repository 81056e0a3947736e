// BatchNormalization and LayerNormalization.
// MAC convention: at inference a normalisation is one multiply-add per output element (x·a + b).
import { kerasCompatArgs, weightCompatArgs } from './common-args.js';
import { axisList, batchlessAxis } from './axes.js';
import { argBool, argInt, argNum, knownProduct } from './shape-math.js';
import { applyOne, compilerOnly, helperName, noTfjsEquivalent } from './tfjs-util.js';
import { LayerError, type LayerKind, type ReceptiveRule, type Shape } from './types.js';
import type { BuildContext, SymbolicTensor, Tf } from './types.js';
import { formatTuple } from '../format/format.js';
import { tfjsWeightOptions } from './tfjs-objects.js';

/**
 * Keras counts axes with the batch axis as 0; shapes here have no batch axis.
 * Returns the index into the batch-less shape, or throws Keras's range error.
 */
export function resolveAxis(axis: number, shape: Shape, layer: string): number {
  const index = batchlessAxis(axis, shape.length);
  if (index === undefined) {
    throw new LayerError(
      `${layer}: axis ${axis} is out of range for input of rank ${shape.length + 1} (with batch) ${formatTuple([null, ...shape])}; the batch axis (0) cannot be normalised`,
      'argument',
    );
  }
  return index;
}

/**
 * The receptive-field rule of a layer that mixes values along `axes`: an axis other than the last
 * (channels) of a spatial input makes every output depend on that whole axis, which netspec's
 * per-axis field cannot say; it reports none (as after global pooling). Otherwise unchanged.
 */
export function acrossAxes(axes: number[], input: Shape | undefined): ReceptiveRule {
  if (!input || input.length < 2) return { kind: 'identity' };
  const spatial = axes.some((a) => (batchlessAxis(a, input.length) ?? input.length) < input.length - 1);
  return spatial ? { kind: 'global' } : { kind: 'identity' };
}

function knownDim(shape: Shape, index: number, layer: string, axis: number): number {
  const d = shape[index];
  if (d === null || d === undefined) {
    throw new LayerError(
      `${layer}: axis ${axis} of input tensor should have a defined dimension, but the layer received an input with shape ${formatTuple([null, ...shape])}`,
    );
  }
  return d;
}

const affineArgs = {
  center: { type: 'bool', default: true, doc: 'Add the learned offset beta.' },
  scale: { type: 'bool', default: true, doc: 'Multiply by the learned gamma.' },
} as const;

export const BatchNormalization: LayerKind = {
  className: 'BatchNormalization',
  aliases: ['batchnorm', 'bn', 'batch_norm'],
  family: 'norm',
  doc: 'Normalises each channel with batch statistics (moving averages at inference).',
  args: {
    axis: { type: 'int', default: -1, doc: 'The channel axis (Keras counts the batch axis as 0; -1 is last).' },
    momentum: { type: 'float', min: 0, max: 1, default: 0.99, doc: 'Momentum of the moving averages.' },
    epsilon: { type: 'float', min: 0, default: 1e-3, doc: 'Added to the variance to avoid dividing by zero.' },
    ...affineArgs,
    ...weightCompatArgs('beta', 'zeros'),
    ...weightCompatArgs('gamma', 'ones'),
    moving_mean_initializer: { type: 'initializer', default: 'zeros', doc: 'Initializer for the moving mean.' },
    moving_variance_initializer: { type: 'initializer', default: 'ones', doc: 'Initializer for the moving variance.' },
    renorm: { type: 'bool', default: false, doc: 'Batch renormalisation (not modelled: must be False).' },
    renorm_clipping: { type: 'any', default: null, doc: 'Accepted with renorm=False only.' },
    renorm_momentum: { type: 'float', default: 0.99, doc: 'Accepted with renorm=False only.' },
    synchronized: { type: 'bool', default: false, doc: 'Accepted; no effect on shapes or counts.' },
    dtype: kerasCompatArgs.dtype!,
  },
  positional: ['axis', 'momentum', 'epsilon', 'center', 'scale'],
  inputs: { min: 1, max: 1 },
  check(args) {
    if (argBool(args, 'renorm')) throw new LayerError('BatchNormalization with renorm=True is not supported by netspec', 'argument');
  },
  outputShape([input], args) {
    knownDim(input!, resolveAxis(argInt(args, 'axis'), input!, 'BatchNormalization'), 'BatchNormalization', argInt(args, 'axis'));
    return input!;
  },
  params([input], args) {
    const c = input![resolveAxis(argInt(args, 'axis'), input!, 'BatchNormalization')] ?? 0;
    const affine = (argBool(args, 'center') ? c : 0) + (argBool(args, 'scale') ? c : 0);
    return { trainable: affine, nonTrainable: 2 * c };
  },
  macs: (_inputs, _args, output) => knownProduct(output),
  receptive: () => ({ kind: 'identity' }),
  explain([input], args, output) {
    const c = input![resolveAxis(argInt(args, 'axis'), input!, 'BatchNormalization')];
    const p = this.params([input!], args, output);
    const parts = [argBool(args, 'scale') ? 'gamma' : '', argBool(args, 'center') ? 'beta' : ''].filter(Boolean);
    return [
      `C = ${c} (axis ${argInt(args, 'axis')})`,
      `trainable = ${parts.length}·${c} = ${p.trainable}  (${parts.join(' + ') || 'none'})`,
      `non-trainable = 2·${c} = ${p.nonTrainable}  (moving mean + moving variance)`,
    ];
  },
  build(tf, args, ctx) {
    const input = ctx.inputShapes[0]!;
    const axis = resolveAxis(argInt(args, 'axis'), input, 'BatchNormalization');
    // tfjs normalises a rank-5+ input over its last axis only (axis=1 of channels_first 3D data):
    // move the axis last around it.
    if (input.length > 3 && axis !== input.length - 1) {
      compilerOnly(ctx, `BatchNormalization over axis ${argInt(args, 'axis')} of a rank-${input.length + 1} input`);
      const order = [...input.keys()].filter((i) => i !== axis).concat(axis);
      const moved = this.build(tf, { ...args, axis: -1 }, { ...ctx, inputShapes: [order.map((i) => input[i]!)] });
      const there = tf.layers.permute({ name: helperName(ctx, 'axis_last'), dims: order.map((i) => i + 1) });
      const back = tf.layers.permute({ name: helperName(ctx, 'axis_back'), dims: [...input.keys()].map((i) => order.indexOf(i) + 1) });
      return (inputs) => back.apply(moved([there.apply(inputs[0]!) as SymbolicTensor])) as SymbolicTensor;
    }
    return viaRank4(tf, ctx, 'BatchNormalization', (name) =>
      tf.layers.batchNormalization({
        name,
        axis: input.length > 3 ? -1 : argInt(args, 'axis'),
        momentum: argNum(args, 'momentum'),
        epsilon: argNum(args, 'epsilon'),
        center: argBool(args, 'center'),
        scale: argBool(args, 'scale'),
        trainable: ctx.trainable,
        ...tfjsWeightOptions(tf, args),
      }),
    );
  },
  label: () => 'BatchNorm',
};

export const LayerNormalization: LayerKind = {
  className: 'LayerNormalization',
  aliases: ['layernorm', 'layer_norm'],
  family: 'norm',
  doc: 'Normalises each sample over the given axes (default: the last).',
  args: {
    axis: { type: 'axis', default: -1, doc: 'Axis or axes to normalise over (Keras counts the batch axis as 0).' },
    epsilon: { type: 'float', min: 0, default: 1e-3, doc: 'Added to the variance to avoid dividing by zero.' },
    ...affineArgs,
    ...weightCompatArgs('beta', 'zeros'),
    ...weightCompatArgs('gamma', 'ones'),
    dtype: kerasCompatArgs.dtype!,
  },
  positional: ['axis', 'epsilon', 'center', 'scale'],
  inputs: { min: 1, max: 1 },
  outputShape([input], args) {
    for (const a of axisList(args, 'axis')) knownDim(input!, resolveAxis(a, input!, 'LayerNormalization'), 'LayerNormalization', a);
    return input!;
  },
  params([input], args) {
    const size = axisList(args, 'axis').reduce((p, a) => p * (input![resolveAxis(a, input!, 'LayerNormalization')] ?? 0), 1);
    return { trainable: (argBool(args, 'center') ? size : 0) + (argBool(args, 'scale') ? size : 0), nonTrainable: 0 };
  },
  macs: (_inputs, _args, output) => knownProduct(output),
  receptive: (args, [input]) => acrossAxes(axisList(args, 'axis'), input),
  explain([input], args, output) {
    const dims = axisList(args, 'axis').map((a) => input![resolveAxis(a, input!, 'LayerNormalization')]);
    const p = this.params([input!], args, output).trainable;
    const n = Number(argBool(args, 'center')) + Number(argBool(args, 'scale'));
    return [`normalised size = ${dims.join('·')}`, `params = ${n}·${dims.join('·')} = ${p}  (gamma, beta)`];
  },
  build(tf, args, ctx) {
    const input = ctx.inputShapes[0]!;
    const axes = ([] as number[]).concat(args.axis as number | number[]);
    if (input.length > 3 && !(axes.length === 1 && (axes[0] === -1 || axes[0] === input.length))) {
      noTfjsEquivalent(`LayerNormalization over axes ${JSON.stringify(args.axis)} of a rank-${input.length + 1} input`);
    }
    return viaRank4(tf, ctx, 'LayerNormalization', (name) =>
      tf.layers.layerNormalization({
        name,
        axis: input.length > 3 ? -1 : (args.axis as number | number[]),
        epsilon: argNum(args, 'epsilon'),
        center: argBool(args, 'center'),
        scale: argBool(args, 'scale'),
        trainable: ctx.trainable,
        ...tfjsWeightOptions(tf, args),
      }),
    );
  },
  label: () => 'LayerNorm',
};

/**
 * Applies a per-channel normalisation layer, reshaping a rank-5+ input (batch, D, H, W, C) to
 * (batch, D·H·W, C) and back around it: tfjs's batchNormalization stops at rank 4 (and throws
 * NotImplementedError when the model runs), and over the last axis the normalised values are the same.
 */
function viaRank4(tf: Tf, ctx: BuildContext, className: string, make: (name: string) => { apply(x: SymbolicTensor): unknown }) {
  const input = ctx.inputShapes[0]!;
  if (input.length <= 3) return applyOne(make(ctx.name));
  compilerOnly(ctx, `${className} on rank-${input.length + 1} input`);
  const layer = make(ctx.name);
  const flat = tf.layers.reshape({ name: helperName(ctx, 'merge'), targetShape: [-1, input[input.length - 1] as number] });
  const back = tf.layers.reshape({ name: helperName(ctx, 'split'), targetShape: input as number[] });
  return (inputs: SymbolicTensor[]) => back.apply(layer.apply(flat.apply(inputs[0]!) as SymbolicTensor) as SymbolicTensor) as SymbolicTensor;
}
