// GroupNormalization (statistics per sample over groups of channels) and UnitNormalization (each
// sample scaled to unit L2 norm over the given axes). MACs: one per output element, as the other
// normalisation layers. Receptive field: a group's statistics read every position, so a spatial
// input leaves no finite field (as after global pooling); UnitNormalization likewise when its norm
// runs over a spatial axis.
import { axisList } from './axes.js';
import { kerasCompatArgs, weightCompatArgs } from './common-args.js';
import { defineKind } from './define-kind.js';
import { acrossAxes, resolveAxis } from './normalization.js';
import { argBool, argInt, argNum, knownProduct } from './shape-math.js';
import { formatTuple } from '../format/format.js';
import { applyOne, customLayer } from './tfjs-util.js';
import { weightObjectArgs } from './tfjs-objects.js';
import { LayerError, type Args, type Shape } from './types.js';

function channels(input: Shape, args: Args): number {
  const axis = argInt(args, 'axis');
  const c = input[resolveAxis(axis, input, 'GroupNormalization')];
  if (c === null || c === undefined) {
    throw new LayerError(
      `GroupNormalization: axis ${axis} of input tensor should have a defined dimension, but the layer received an input with shape ${formatTuple([null, ...input])}`,
    );
  }
  return c;
}

/** Keras's group count: -1 is one group per channel (instance normalisation). */
const groupsOf = (args: Args, c: number): number => (argInt(args, 'groups') === -1 ? c : argInt(args, 'groups'));

export const GroupNormalization = defineKind({
  className: 'GroupNormalization',
  aliases: ['groupnorm', 'group_norm'],
  family: 'norm',
  doc: 'Normalises each sample over groups of channels (Wu & He 2018); groups=-1 is instance normalisation, groups=1 layer normalisation over all axes.',
  args: {
    groups: { type: 'int', default: 32, doc: 'Number of channel groups (-1: one per channel); must divide the channels.' },
    axis: { type: 'int', default: -1, doc: 'The channel axis (Keras counts the batch axis as 0).' },
    epsilon: { type: 'float', min: 0, default: 1e-3, doc: 'Added to the variance to avoid dividing by zero.' },
    center: { type: 'bool', default: true, doc: 'Add the learned offset beta.' },
    scale: { type: 'bool', default: true, doc: 'Multiply by the learned gamma.' },
    ...weightCompatArgs('beta', 'zeros'),
    ...weightCompatArgs('gamma', 'ones'),
    dtype: kerasCompatArgs.dtype!,
  },
  positional: ['groups', 'axis', 'epsilon', 'center', 'scale'],
  check(args) {
    const g = argInt(args, 'groups');
    if (g === 0 || g < -1) throw new LayerError(`GroupNormalization: groups must be a positive number of groups or -1, got ${g}`, 'argument');
  },
  outputShape([input], args) {
    const c = channels(input!, args);
    const g = groupsOf(args, c);
    if (g > c) throw new LayerError(`number of groups (${g}) cannot be more than the number of channels (${c})`);
    if (c % g !== 0) throw new LayerError(`number of groups (${g}) must be a multiple of the number of channels (${c})`);
    return input!;
  },
  params([input], args) {
    const c = channels(input!, args);
    return { trainable: (Number(argBool(args, 'center')) + Number(argBool(args, 'scale'))) * c, nonTrainable: 0 };
  },
  macs: (_inputs, _args, output) => knownProduct(output),
  receptive: () => ({ kind: 'global' }),
  explain([input], args) {
    const c = channels(input!, args);
    const n = Number(argBool(args, 'center')) + Number(argBool(args, 'scale'));
    return [`C = ${c} in ${groupsOf(args, c)} groups of ${c / groupsOf(args, c)}`, `params = ${n}·${c} = ${n * c}  (gamma, beta)`];
  },
  build(_tf, args, ctx) {
    const input = ctx.inputShapes[0]!;
    const c = channels(input, args);
    return applyOne(
      customLayer(
        ctx,
        'NetspecGroupNormalization',
        {
          groups: groupsOf(args, c),
          axis: resolveAxis(argInt(args, 'axis'), input, 'GroupNormalization') + 1,
          epsilon: argNum(args, 'epsilon'),
          center: argBool(args, 'center'),
          scale: argBool(args, 'scale'),
          weightObjects: weightObjectArgs(args, true),
        },
        'GroupNormalization',
      ),
    );
  },
  label: (args) => `GroupNorm ${argInt(args, 'groups') === -1 ? 'per channel' : `${argInt(args, 'groups')} groups`}`,
});

export const UnitNormalization = defineKind({
  className: 'UnitNormalization',
  family: 'norm',
  doc: 'Scales each sample to unit L2 norm over `axis`: x / sqrt(max(Σx², 1e-12)).',
  args: { axis: { type: 'axis', default: -1, doc: 'Axis or axes of the norm (Keras counts the batch axis as 0).' }, dtype: kerasCompatArgs.dtype! },
  positional: ['axis'],
  outputShape([input], args) {
    for (const a of axisList(args, 'axis')) resolveAxis(a, input!, 'UnitNormalization');
    return input!;
  },
  receptive: (args, [input]) => acrossAxes(axisList(args, 'axis'), input),
  build: (_tf, args, ctx) =>
    applyOne(
      customLayer(
        ctx,
        'NetspecUnitNormalization',
        { axes: axisList(args, 'axis').map((a) => resolveAxis(a, ctx.inputShapes[0]!, 'UnitNormalization') + 1) },
        'UnitNormalization',
      ),
    ),
  label: () => 'UnitNorm',
});
