// Core kinds: InputLayer, Dense (on the last axis of any rank, as Keras), Embedding.
import { activationArg, biasCompatArgs, kerasCompatArgs, useBiasArg, weightCompatArgs } from './common-args.js';
import { tfjsActivation } from './activations.js';
import { argBool, argInt, knownProduct, requireMinRank } from './shape-math.js';
import { applyOne, overLastAxis } from './tfjs-util.js';
import { LayerError, type LayerKind, type Shape, type SymbolicTensor } from './types.js';
import { formatTuple } from '../format/format.js';
import { tfjsWeightOptions } from './tfjs-objects.js';

export const InputLayer: LayerKind = {
  className: 'InputLayer',
  family: 'input',
  doc: 'A model input of the given shape (without the batch axis; None is any size).',
  args: {
    shape: { type: 'ints', noneItems: true, required: true, doc: 'Shape without the batch axis, e.g. (224, 224, 3).' },
    batch_size: { type: 'int', min: 1, default: null, nullable: true, doc: 'Fixed batch size (accepted; netspec works per sample).' },
    dtype: kerasCompatArgs.dtype!,
    sparse: { type: 'any', default: null, doc: 'Accepted for Keras compatibility.' },
    optional: { type: 'bool', default: false, doc: 'Accepted for Keras compatibility.' },
  },
  positional: ['shape', 'batch_size', 'dtype'],
  inputs: { min: 0, max: 0 },
  outputShape: (_inputs, args) => args.shape as Shape,
  params: () => ({ trainable: 0, nonTrainable: 0 }),
  macs: () => 0,
  receptive: () => ({ kind: 'identity' }),
  explain: (_inputs, _args, output) => [`shape = ${formatTuple(output)}`],
  build(tf, args, ctx) {
    const input = tf.input({ name: ctx.name, shape: args.shape as number[] });
    return (): SymbolicTensor => input;
  },
  label: (args) => `Input ${formatTuple(args.shape as Shape)}`,
};

export const Dense: LayerKind = {
  className: 'Dense',
  aliases: ['fc'],
  family: 'dense',
  doc: 'Fully connected layer on the last axis: every output unit sees every input feature.',
  args: {
    units: { type: 'int', min: 1, required: true, doc: 'Number of output features.' },
    activation: activationArg,
    use_bias: useBiasArg,
    ...weightCompatArgs('kernel', 'glorot_uniform'),
    ...biasCompatArgs,
  },
  positional: ['units', 'activation', 'use_bias'],
  inputs: { min: 1, max: 1 },
  outputShape([input], args) {
    const x = requireMinRank(input, 1, 'Dense');
    if (x.at(-1) === null) {
      throw new LayerError(`the last dimension of the inputs to a Dense layer should be defined, found None (input shape ${formatTuple(x)})`);
    }
    return [...x.slice(0, -1), argInt(args, 'units')];
  },
  params([input], args) {
    const cin = input!.at(-1) ?? 0;
    const units = argInt(args, 'units');
    return { trainable: cin * units + (argBool(args, 'use_bias') ? units : 0), nonTrainable: 0 };
  },
  macs([input], args) {
    return knownProduct(input!) * argInt(args, 'units');
  },
  receptive: (_args, [input]) => (input && input.length > 1 ? { kind: 'identity' } : { kind: 'global' }),
  explain([input], args, output) {
    const cin = input!.at(-1);
    const units = argInt(args, 'units');
    const params = this.params([input!], args, output).trainable;
    const lead =
      input!.length > 1
        ? ` (applied at each of ${input!
            .slice(0, -1)
            .map((d) => d ?? 'None')
            .join('·')} positions)`
        : '';
    return [
      `units = ${units}${lead}`,
      argBool(args, 'use_bias') ? `params = (${cin} + 1)·${units} = ${params}` : `params = ${cin}·${units} = ${params}  (use_bias=False)`,
      `MACs = ${input!.map((d) => d ?? 'None').join('·')}·${units} = ${this.macs([input!], args, output)}`,
    ];
  },
  build(tf, args, ctx) {
    return overLastAxis(
      tf,
      ctx,
      tf.layers.dense({
        name: ctx.name,
        units: argInt(args, 'units'),
        activation: tfjsActivation(args.activation as string | null, ctx) as undefined,
        useBias: argBool(args, 'use_bias'),
        trainable: ctx.trainable,
        ...tfjsWeightOptions(tf, args),
      }),
    );
  },
  label: (args) => `Dense ${argInt(args, 'units')}`,
};

export const Embedding: LayerKind = {
  className: 'Embedding',
  family: 'embedding',
  doc: 'Looks up a learned output_dim vector for each integer index in [0, input_dim).',
  args: {
    input_dim: { type: 'int', min: 1, required: true, doc: 'Vocabulary size (largest index + 1).' },
    output_dim: { type: 'int', min: 1, required: true, doc: 'Length of each embedding vector.' },
    ...weightCompatArgs('embeddings', 'uniform'),
    mask_zero: { type: 'bool', default: false, doc: 'Treat index 0 as padding (masked).' },
    weights: { type: 'any', default: null, doc: 'Initial weights (accepted; not used by the IR).' },
    /** Keras 3 still accepts it (with a deprecation warning) and ignores it, so Keras 2 code keeps working. */
    input_length: {
      type: 'int',
      min: 1,
      default: null,
      nullable: true,
      doc: "Keras 2's sequence length; Keras 3 ignores it (the input shape gives the length).",
    },
    dtype: kerasCompatArgs.dtype!,
  },
  positional: ['input_dim', 'output_dim', 'embeddings_initializer', 'embeddings_regularizer', 'embeddings_constraint', 'mask_zero'],
  inputs: { min: 1, max: 1 },
  outputShape: ([input], args) => [...input!, argInt(args, 'output_dim')],
  params: (_inputs, args) => ({ trainable: argInt(args, 'input_dim') * argInt(args, 'output_dim'), nonTrainable: 0 }),
  /** A lookup multiplies nothing. */
  macs: () => 0,
  receptive: () => ({ kind: 'identity' }),
  explain(_inputs, args) {
    const p = argInt(args, 'input_dim') * argInt(args, 'output_dim');
    return [`output = input shape + (${argInt(args, 'output_dim')},)`, `params = ${argInt(args, 'input_dim')}·${argInt(args, 'output_dim')} = ${p}`];
  },
  build(tf, args, ctx) {
    return applyOne(
      tf.layers.embedding({
        name: ctx.name,
        inputDim: argInt(args, 'input_dim'),
        outputDim: argInt(args, 'output_dim'),
        maskZero: argBool(args, 'mask_zero') && !ctx.inertMask,
        trainable: ctx.trainable,
        ...tfjsWeightOptions(tf, args),
      }),
    );
  },
  label: (args) => `Embedding ${argInt(args, 'input_dim')}→${argInt(args, 'output_dim')}`,
};
