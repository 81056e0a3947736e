// Flatten, Reshape and Permute: they move values around, with no weights and no MACs.
import { dataFormatArg, kerasCompatArgs } from './common-args.js';
import { argInts, knownProduct } from './shape-math.js';
import { defineKind } from './define-kind.js';
import { applyOne, noTfjsEquivalent } from './tfjs-util.js';
import { LayerError, type Shape } from './types.js';
import { withChannelsFirst } from './data-format.js';
import { formatTuple } from '../format/format.js';

// channels_first: Keras moves the channels last before flattening, as the wrapper does.
export const Flatten = withChannelsFirst(
  defineKind({
    className: 'Flatten',
    family: 'reshape',
    doc: 'Flattens every axis but the batch into one.',
    args: { data_format: dataFormatArg, dtype: kerasCompatArgs.dtype! },
    positional: ['data_format'],
    outputShape: ([input]) => [input!.includes(null) ? null : knownProduct(input!)],
    receptive: () => ({ kind: 'global' }),
    explain: ([input], _args, output) => [`${input!.map((d) => d ?? 'None').join('·') || '1'} = ${output[0] ?? 'None'}`],
    build(tf, _args, ctx) {
      // tfjs's Flatten wants rank ≥ 3 (with batch); on (batch, n) Keras's Flatten is the identity.
      if (ctx.inputShapes[0]!.length < 2) return applyOne(tf.layers.reshape({ name: ctx.name, targetShape: ctx.inputShapes[0] as number[] }));
      if (ctx.inputShapes[0]!.includes(null)) noTfjsEquivalent('Flatten on an input with unknown (None) sizes');
      return applyOne(tf.layers.flatten({ name: ctx.name }));
    },
    label: () => 'Flatten',
  }),
  null,
);

/** Keras's compute_reshape_output_shape, with its error messages. */
function reshapeOutput(input: Shape, target: number[]): Shape {
  const unknown = target.filter((d) => d === -1).length;
  if (unknown > 1 || target.some((d) => d !== -1 && d <= 0)) {
    throw new LayerError(`target_shape ${formatTuple(target)} is invalid: at most one -1 is allowed and every other size must be positive`, 'argument');
  }
  if (input.includes(null)) return target.map((d) => (d === -1 ? null : d));
  const size = knownProduct(input);
  const known = target.filter((d) => d !== -1).reduce((p, d) => p * d, 1);
  if (unknown === 0) {
    if (known !== size) {
      throw new LayerError(
        `the total size of the tensor must be unchanged: input ${formatTuple(input)} has ${size} values, target_shape ${formatTuple(target)} has ${known}`,
      );
    }
    return target;
  }
  if (size % known !== 0) {
    throw new LayerError(
      `the total size of the tensor must be unchanged: input ${formatTuple(input)} has ${size} values, which target_shape ${formatTuple(target)} cannot hold (${size} is not divisible by ${known})`,
    );
  }
  return target.map((d) => (d === -1 ? size / known : d));
}

export const Reshape = defineKind({
  className: 'Reshape',
  family: 'reshape',
  doc: 'Reshapes to target_shape (without batch); one size may be -1 (inferred).',
  args: { target_shape: { type: 'ints', required: true, doc: 'New shape without the batch axis; one -1 allowed.' }, dtype: kerasCompatArgs.dtype! },
  positional: ['target_shape'],
  outputShape: ([input], args) => reshapeOutput(input!, argInts(args, 'target_shape')),
  receptive: () => ({ kind: 'global' }),
  explain: ([input], args, output) => [`${formatTuple(input!)} → target_shape ${formatTuple(argInts(args, 'target_shape'))} = ${formatTuple(output)}`],
  build(tf, args, ctx) {
    // Give tfjs the resolved sizes: its symbolic shape leaves a -1 unknown even when it is not.
    const resolved = ctx.outputShape.includes(null) ? argInts(args, 'target_shape') : (ctx.outputShape as number[]);
    return applyOne(tf.layers.reshape({ name: ctx.name, targetShape: resolved }));
  },
  label: (args) => `Reshape ${formatTuple(argInts(args, 'target_shape'))}`,
});

export const Permute = defineKind({
  className: 'Permute',
  family: 'reshape',
  doc: 'Permutes the non-batch axes; dims are 1-based (1 is the first axis after the batch).',
  args: { dims: { type: 'ints', required: true, doc: 'A permutation of 1..rank, e.g. (2, 1).' }, dtype: kerasCompatArgs.dtype! },
  positional: ['dims'],
  check(args) {
    const dims = argInts(args, 'dims');
    const sorted = [...dims].sort((a, b) => a - b);
    if (!sorted.every((d, i) => d === i + 1)) {
      throw new LayerError(
        `invalid permutation argument \`dims\` for Permute: the set of indices in \`dims\` must be consecutive and start from 1, got dims=${formatTuple(dims)}`,
        'argument',
      );
    }
  },
  outputShape([input], args) {
    const dims = argInts(args, 'dims');
    if (input!.length !== dims.length) {
      throw new LayerError(
        `Permute with dims=${formatTuple(dims)} expects input of rank ${dims.length + 1} (with batch), got ${formatTuple([null, ...input!])}`,
      );
    }
    return dims.map((d) => input![d - 1]!);
  },
  receptive: () => ({ kind: 'global' }),
  explain: ([input], args, output) => [`axes ${formatTuple(argInts(args, 'dims'))} of ${formatTuple(input!)} = ${formatTuple(output)}`],
  build: (tf, args, ctx) => applyOne(tf.layers.permute({ name: ctx.name, dims: argInts(args, 'dims') })),
  label: (args) => `Permute ${formatTuple(argInts(args, 'dims'))}`,
});
