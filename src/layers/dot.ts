// Dot: the dot product of two inputs along one axis each (Keras's batch_dot), optionally of
// L2-normalised inputs (cosine similarity). No weights, but a matmul: one MAC per output element
// and contracted position (XLA's dot_general), as Attention's scores count.
import { kerasCompatArgs } from './common-args.js';
import { defineKind } from './define-kind.js';
import { argBool, knownProduct } from './shape-math.js';
import { formatTuple } from '../format/format.js';
import { applyAll, customLayer } from './tfjs-util.js';
import { LayerError, type Args, type Shape } from './types.js';

/** Keras's axes, with the batch axis counted: an int for both inputs, or one per input; negatives count from the end. */
function dotAxes(args: Args, a: Shape, b: Shape): [number, number] {
  const given = args.axes as number | number[];
  const [ra, rb] = [a.length + 1, b.length + 1];
  const pair = Array.isArray(given) ? given : given < 0 ? [((given % ra) + ra) % ra, ((given % rb) + rb) % rb] : [given, given];
  if (pair.length !== 2 || pair[0]! < 1 || pair[0]! >= ra || pair[1]! < 1 || pair[1]! >= rb) {
    throw new LayerError(
      `Dot: axes ${JSON.stringify(given)} must name a non-batch axis of each input, got inputs ${formatTuple([null, ...a])} and ${formatTuple([null, ...b])}`,
      'argument',
    );
  }
  return [pair[0]!, pair[1]!];
}

export const Dot = defineKind({
  className: 'Dot',
  family: 'merge',
  doc: 'Dot product of two inputs along `axes` (one axis per input, the batch counted as 0); `normalize=True` gives the cosine similarity.',
  args: {
    axes: { type: 'axis', required: true, doc: 'An axis for both inputs, or (axis of the first, axis of the second).' },
    normalize: { type: 'bool', default: false, doc: 'L2-normalise both inputs along the axes first.' },
    dtype: kerasCompatArgs.dtype!,
  },
  positional: ['axes', 'normalize'],
  inputs: { min: 2, max: 2 },
  outputShape(inputs, args) {
    if (inputs.length !== 2) throw new LayerError(`a Dot layer should be called on a list of 2 inputs, got ${inputs.length}`);
    const [a, b] = inputs as [Shape, Shape];
    const [i, j] = dotAxes(args, a, b);
    const [da, db] = [a[i - 1], b[j - 1]];
    if (da !== null && db !== null && da !== db) {
      throw new LayerError(
        `incompatible input shapes: axis values ${da} (at axis ${i}) != ${db} (at axis ${j}); full input shapes ${formatTuple([null, ...a])}, ${formatTuple([null, ...b])}`,
      );
    }
    const out = [...a.filter((_, k) => k !== i - 1), ...b.filter((_, k) => k !== j - 1)];
    return out.length === 0 ? [1] : out;
  },
  params: () => ({ trainable: 0, nonTrainable: 0 }),
  macs(inputs, args, output) {
    const [a, b] = inputs as [Shape, Shape];
    const [i, j] = dotAxes(args, a, b);
    return knownProduct(output) * (a[i - 1] ?? b[j - 1] ?? 0);
  },
  receptive: () => ({ kind: 'global' }),
  explain: (_inputs, _args, output) => [`output ${formatTuple(output)}; params = 0`],
  build: (_tf, args, ctx) => {
    const [a, b] = ctx.inputShapes as [Shape, Shape];
    // tfjs's own Dot stops at rank 3; the custom layer computes Keras's batch_dot at any rank.
    return applyAll(customLayer(ctx, 'NetspecDot', { axes: dotAxes(args, a, b), normalize: argBool(args, 'normalize') }, 'Dot'));
  },
  label: (args) => `Dot ${JSON.stringify(args.axes)}${argBool(args, 'normalize') ? ' cos' : ''}`,
});
