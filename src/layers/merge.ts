// Merges: elementwise Add/Subtract/Multiply/Average/Maximum/Minimum (Keras's broadcasting) and Concatenate.
// No weights; by our MAC convention merges count 0 MACs.
import { kerasCompatArgs } from './common-args.js';
import { batchlessAxis } from './axes.js';
import { argInt, argNum } from './shape-math.js';
import { applyAll, customLayer, helperName, noTfjsEquivalent } from './tfjs-util.js';
import { LayerError, type Dim, type LayerKind, type Shape, type SymbolicTensor } from './types.js';
import { formatTuple } from '../format/format.js';

/** Keras's Merge._compute_elemwise_op_output_shape: align from the end; 1 broadcasts, None is unknown. */
function broadcastShapes(a: Shape, b: Shape): Shape {
  if (a.length < b.length) return broadcastShapes(b, a);
  if (b.length === 0) return a;
  const out: Dim[] = a.slice(0, a.length - b.length);
  a.slice(a.length - b.length).forEach((i, k) => {
    const j = b[k]!;
    if (i === null || j === null) out.push(null);
    else if (i === 1) out.push(j);
    else if (j === 1) out.push(i);
    else if (i !== j)
      throw new LayerError(`inputs have incompatible shapes: ${formatTuple(a)} and ${formatTuple(b)} (sizes ${i} and ${j} differ and neither is 1)`);
    else out.push(i);
  });
  return out;
}

type ElementwiseOp = 'Add' | 'Subtract' | 'Multiply' | 'Average' | 'Maximum' | 'Minimum';
const symbols: Record<ElementwiseOp, string> = { Add: '+', Subtract: '−', Multiply: '×', Average: 'mean', Maximum: 'max', Minimum: 'min' };
const tfjsMerge = { Add: 'add', Multiply: 'multiply', Average: 'average', Maximum: 'maximum', Minimum: 'minimum' } as const;

function makeElementwise(op: ElementwiseOp): LayerKind {
  const exactlyTwo = op === 'Subtract';
  return {
    className: op,
    family: 'merge',
    doc: `Elementwise ${op.toLowerCase()} of ${exactlyTwo ? 'exactly two inputs' : 'its inputs'}; shapes must match or broadcast (a size of 1 stretches).`,
    args: { dtype: kerasCompatArgs.dtype! },
    positional: [],
    inputs: exactlyTwo ? { min: 2, max: 2 } : { min: 1, max: Infinity },
    outputShape(inputs) {
      if (exactlyTwo && inputs.length !== 2) {
        throw new LayerError(`a Subtract layer should be called on exactly 2 inputs, got ${inputs.length}`);
      }
      if (inputs.length === 0) throw new LayerError(`a merge layer should be called on a list of at least 1 input`);
      return inputs.slice(1).reduce(broadcastShapes, inputs[0]!);
    },
    params: () => ({ trainable: 0, nonTrainable: 0 }),
    macs: () => 0,
    receptive: () => ({ kind: 'identity' }),
    explain: (inputs, _args, output) => [`${inputs.map(formatTuple).join(` ${symbols[op]} `)} → ${formatTuple(output)}`, 'params = 0'],
    build(tf, _args, ctx) {
      if (op === 'Subtract') return applyAll(customLayer(ctx, 'NetspecSubtract', {}, 'Subtract'));
      return applyAll(tf.layers[tfjsMerge[op]]({ name: ctx.name }));
    },
    label: () => (op === 'Average' || op === 'Maximum' || op === 'Minimum' ? op : symbols[op]),
  };
}

export const Add = makeElementwise('Add');
export const Subtract = makeElementwise('Subtract');
export const Multiply = makeElementwise('Multiply');
export const Average = makeElementwise('Average');
export const Maximum = makeElementwise('Maximum');
export const Minimum = makeElementwise('Minimum');

/**
 * Keras infers CustomScaleLayer's shape by tracing `inputs[0] + inputs[1] * scale` with the batch
 * included: equal ranks, and per axis equal sizes or a 1; an unknown size only meets another unknown or 1.
 */
function scaledSumShape(a: Shape, b: Shape): Shape {
  const refuse = () => new LayerError(`CustomScaleLayer: cannot add ${formatTuple(a)} and a scaled ${formatTuple(b)} (sizes must match, or one be 1)`);
  if (a.length !== b.length) throw refuse();
  return a.map((i, k) => {
    const j = b[k]!;
    if (i === j || j === 1) return i;
    if (i === 1) return j;
    throw refuse();
  });
}

/** InceptionResNetV2's residual scaling (keras.applications): inputs [x, r] → x + scale·r, no weights. */
export const CustomScaleLayer: LayerKind = {
  className: 'CustomScaleLayer',
  family: 'merge',
  doc: "InceptionResNetV2's residual merge: `inputs[0] + scale · inputs[1]` (shortcut first, then the branch); no weights.",
  args: { scale: { type: 'float', required: true, doc: 'Factor on the second input (0.17, 0.1, 0.2 in InceptionResNetV2).' }, dtype: kerasCompatArgs.dtype! },
  positional: ['scale'],
  inputs: { min: 2, max: 2 },
  outputShape(inputs) {
    if (inputs.length !== 2) throw new LayerError(`a CustomScaleLayer should be called on exactly 2 inputs [shortcut, branch], got ${inputs.length}`);
    return scaledSumShape(inputs[0]!, inputs[1]!);
  },
  params: () => ({ trainable: 0, nonTrainable: 0 }),
  macs: () => 0,
  receptive: () => ({ kind: 'identity' }),
  explain: (inputs, args, output) => [
    `${formatTuple(inputs[0]!)} + ${argNum(args, 'scale')} × ${formatTuple(inputs[1]!)} → ${formatTuple(output)}`,
    'params = 0',
  ],
  build(tf, args, ctx) {
    // tfjs has no such layer: add the shortcut to a rescaled copy of the branch.
    const scaled = tf.layers.rescaling({ name: helperName(ctx, 'scale'), scale: argNum(args, 'scale'), offset: 0 });
    const add = tf.layers.add({ name: ctx.name });
    return ([x, r]) => add.apply([x!, scaled.apply(r!) as SymbolicTensor]) as SymbolicTensor;
  },
  label: (args) => `+ ×${argNum(args, 'scale')}`,
};

/** Index of a Keras axis (batch counted as 0) in a batch-less shape of this rank. */
function concatAxis(axis: number, rank: number): number {
  const index = batchlessAxis(axis, rank);
  if (index === undefined) throw new LayerError(`Concatenate: axis ${axis} is out of range for inputs of rank ${rank + 1} (with batch)`, 'argument');
  return index;
}

export const Concatenate: LayerKind = {
  className: 'Concatenate',
  aliases: ['concat'],
  family: 'merge',
  doc: 'Joins its inputs along `axis` (default the last, channels); every other axis must match.',
  args: { axis: { type: 'int', default: -1, doc: 'Axis to join along (Keras counts the batch axis as 0; -1 is last).' }, dtype: kerasCompatArgs.dtype! },
  positional: ['axis'],
  inputs: { min: 1, max: Infinity },
  outputShape(inputs, args) {
    if (inputs.length === 0) throw new LayerError('a Concatenate layer should be called on a list of at least 1 input');
    const mismatch = () =>
      new LayerError(
        `a Concatenate layer requires inputs with matching shapes except for the concatenation axis (axis ${argInt(args, 'axis')}), got ${inputs.map(formatTuple).join(', ')}`,
      );
    const rank = inputs[0]!.length;
    if (inputs.some((s) => s.length !== rank)) throw mismatch();
    const axis = concatAxis(argInt(args, 'axis'), rank);
    for (let i = 0; i < rank; i++) {
      if (i === axis) continue;
      const known = new Set(inputs.map((s) => s[i]).filter((d) => d !== null));
      if (known.size > 1) throw mismatch();
    }
    const out = [...inputs[0]!];
    out[axis] = inputs.some((s) => s[axis] === null) ? null : inputs.reduce((sum, s) => sum + s[axis]!, 0);
    return out;
  },
  params: () => ({ trainable: 0, nonTrainable: 0 }),
  macs: () => 0,
  receptive: () => ({ kind: 'identity' }),
  explain(inputs, args, output) {
    const axis = concatAxis(argInt(args, 'axis'), inputs[0]!.length);
    return [`axis ${argInt(args, 'axis')}: ${inputs.map((s) => s[axis] ?? 'None').join(' + ')} = ${output[axis] ?? 'None'}`, 'params = 0'];
  },
  build(tf, args, ctx) {
    // tfjs wants the other axes identical, where Keras lets None match any size.
    const rank = ctx.inputShapes[0]!.length;
    const axis = concatAxis(argInt(args, 'axis'), rank);
    const others = (s: Shape) => JSON.stringify(s.filter((_, i) => i !== axis));
    if (new Set(ctx.inputShapes.map(others)).size > 1) noTfjsEquivalent('Concatenate of inputs where None meets a known size');
    return applyAll(tf.layers.concatenate({ name: ctx.name, axis: argInt(args, 'axis') }));
  },
  label: () => 'Concat',
};
