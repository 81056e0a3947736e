// ConvLSTM1D/2D/3D: an LSTM whose input and recurrent transformations are convolutions, over a
// (timesteps, spatial…, channels) sequence, as Keras's ConvLSTM (keras/src/layers/rnn/conv_lstm.py):
// the input convolution takes strides, padding and dilation; the recurrent one is always
// stride 1, 'same'. Weights: kernel k·C×4f, recurrent kernel k·f×4f, bias 4f (k = kernel volume).
import { activationArg, biasCompatArgs, dataFormatArg, useBiasArg, weightCompatArgs } from './common-args.js';
import { tfjsActivation } from './activations.js';
import { AXIS_NAMES, checkStridesWithDilation, explainWindow, windowArgs, windowLabel, windowOutput } from './conv.js';
import { applyRecurrent, checkInitialStates, checkSequenceArgs, recurrentOutputs, sequenceArgs, stateLines, tfRecurrentConfig } from './recurrent.js';
import { formatTuple } from '../format/format.js';
import { argBool, argInt, argInts, argStr, knownProduct, requirePositive, requireRank } from './shape-math.js';
import { customLayer, helperName, noTfjsEquivalent } from './tfjs-util.js';
import { tfjsWeightOptions, weightObjectArgs } from './tfjs-objects.js';
import { LayerError, type Applicable, type Args, type BuildContext, type LayerKind, type Shape, type SymbolicTensor, type Tf } from './types.js';

const GATES = 4;
/** The states return_state adds and initial_state takes, as LSTM's. */
const STATES = ['state_h', 'state_c'] as const;

/** A state is one time step of the output: (spatial…, filters). */
const stateShape = (args: Args, output: Shape): Shape => (argBool(args, 'return_sequences') ? output.slice(1) : output);

function makeConvLSTM(rank: 1 | 2 | 3): LayerKind {
  const className = `ConvLSTM${rank}D`;
  const kernelVolume = (args: Args): number => knownProduct(argInts(args, 'kernel_size'));
  const weights = (input: Shape, args: Args): number => {
    const filters = argInt(args, 'filters');
    const channels = input[rank + 1] ?? 0;
    return GATES * filters * kernelVolume(args) * (channels + filters) + (argBool(args, 'use_bias') ? GATES * filters : 0);
  };
  return {
    className,
    family: 'sequence',
    doc: `LSTM with ${rank}D convolutions for the input and recurrent transformations, over (timesteps, ${AXIS_NAMES[rank]!.join(', ')}, channels).`,
    args: {
      filters: { type: 'int', min: 1, required: true, doc: 'Number of output channels (the state has as many).' },
      ...windowArgs(rank, ['valid', 'same']),
      data_format: dataFormatArg,
      activation: { ...activationArg, default: 'tanh', doc: 'Activation of the candidate state and output.' },
      recurrent_activation: { ...activationArg, default: 'sigmoid', doc: 'Activation of the gates.' },
      use_bias: useBiasArg,
      ...weightCompatArgs('kernel', 'glorot_uniform'),
      ...weightCompatArgs('recurrent', 'orthogonal'),
      ...biasCompatArgs,
      unit_forget_bias: { type: 'bool', default: true, doc: 'Start the forget gate bias at 1.' },
      ...sequenceArgs,
    },
    positional: ['filters', 'kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', 'activation', 'recurrent_activation', 'use_bias'],
    /** The sequence, then optionally the initial states h and c. */
    inputs: { min: 1, max: 1 + STATES.length },
    check(args) {
      checkStridesWithDilation(args);
      checkSequenceArgs(args);
    },
    outputShape(inputs, args) {
      const input = inputs[0];
      const x = requireRank(input, rank + 2, className);
      if (x[rank + 1] === null)
        throw new LayerError(`the channel dimension of the input to ${className} must be known, found None (input shape ${formatTuple(x)})`);
      const spatial = requirePositive(
        windowOutput(x.slice(1), rank, args),
        `kernel ${JSON.stringify(argInts(args, 'kernel_size'))} does not fit input ${JSON.stringify(x)}`,
      );
      const filters = argInt(args, 'filters');
      checkInitialStates(className, inputs, [...spatial, filters], STATES);
      return argBool(args, 'return_sequences') ? [x[0]!, ...spatial, filters] : [...spatial, filters];
    },
    outputs: (_inputs, args, output) => recurrentOutputs(args, output, stateShape(args, output), STATES),
    params: ([input], args) => ({ trainable: weights(input!, args), nonTrainable: 0 }),
    /** Per time step, at each output position: the input conv (k·C·4f) and the recurrent conv (k·f·4f). */
    macs([input], args, output) {
      const spatial = argBool(args, 'return_sequences') ? output.slice(1, -1) : output.slice(0, -1);
      const filters = argInt(args, 'filters');
      return (input![0] ?? 0) * knownProduct(spatial) * GATES * filters * kernelVolume(args) * ((input![rank + 1] ?? 0) + filters);
    },
    receptive: () => ({ kind: 'global' }),
    explain(inputs, args, output) {
      const input = inputs[0];
      const filters = argInt(args, 'filters');
      const k = argInts(args, 'kernel_size').join('·');
      const channels = input![rank + 1];
      const bias = argBool(args, 'use_bias') ? ` + ${filters}` : '';
      return [
        ...explainWindow(input!.slice(1), rank, args),
        argBool(args, 'return_sequences') ? `output = (timesteps, …, filters) = ${formatTuple(output)}` : `output = last time step = ${formatTuple(output)}`,
        `params = 4·(${k}·(${channels} + ${filters})·${filters}${bias}) = ${weights(input!, args)}`,
        `MACs = ${input![0] ?? 'None'} steps · ${formatTuple(argBool(args, 'return_sequences') ? output.slice(1, -1) : output.slice(0, -1))} positions · 4·${filters}·${k}·(${channels} + ${filters}) = ${this.macs([input!], args, output)}`,
        ...stateLines(args, inputs, stateShape(args, output), STATES),
      ];
    },
    build(tf, args, ctx) {
      // tfjs's ConvLSTM2D throws when called on initial states (its output-shape rule reads the input list as one shape): netspec's layer then.
      if (rank === 2 && ctx.inputShapes.length > 1) return applyRecurrent(ownConvLstm(2, args, ctx, ctx.name));
      if (rank === 2) return applyRecurrent(tf.layers.convLstm2d({ ...convLstmConfig(args, ctx, 2), ...tfjsWeightOptions(tf, args), name: ctx.name }));
      if (rank === 1) return convLstm1dAs2d(tf, args, ctx);
      return convLstm3d(args, ctx);
    },
    label: (args) =>
      `${className} ${argInt(args, 'filters')} ${windowLabel(args)}${argBool(args, 'return_sequences') ? ' · seq' : ''}${argBool(args, 'return_state') ? ' · states' : ''}`,
  };
}

/** tfjs's convLstm2d config; a 1D case is given as a 2D one with a height-1 window. */
function convLstmConfig(args: Args, ctx: BuildContext, rank: 1 | 2 | 3) {
  const lift = (values: number[]): number[] => (rank === 1 ? [1, ...values] : values);
  return {
    ...tfRecurrentConfig(args, ctx),
    filters: argInt(args, 'filters'),
    kernelSize: lift(argInts(args, 'kernel_size')),
    strides: lift(argInts(args, 'strides')),
    dilationRate: lift(argInts(args, 'dilation_rate')) as [number, number],
    padding: argStr(args, 'padding') as 'valid' | 'same',
    recurrentActivation: tfjsActivation(args.recurrent_activation as string | null, ctx) as undefined,
    unitForgetBias: argBool(args, 'unit_forget_bias'),
  };
}

/**
 * ConvLSTM1D on (T, L, C) is ConvLSTM2D on (T, 1, L, C) with a 1×k window: the same sums over the
 * same taps, and the same weight count. Reshape in (the initial states too), ConvLSTM2D, reshape
 * out (every output: with return_state the states (L', f) come back from (1, L', f)).
 */
function convLstm1dAs2d(tf: Tf, args: Args, ctx: BuildContext): (inputs: SymbolicTensor[]) => SymbolicTensor | SymbolicTensor[] {
  const [steps, length, channels] = ctx.inputShapes[0]!;
  if (steps === null || length === null) noTfjsEquivalent('ConvLSTM1D with an unknown number of timesteps or length (built as ConvLSTM2D, which needs them)');
  const outputs = ctx.outputShapes ?? [ctx.outputShape];
  const reshape = (name: string, shape: Shape, x: SymbolicTensor): SymbolicTensor =>
    tf.layers.reshape({ name, targetShape: shape as number[] }).apply(x) as SymbolicTensor;
  return (inputs) => {
    const lifted = inputs.map((x, i) =>
      i === 0 ? reshape(helperName(ctx, 'lift'), [steps, 1, length, channels!], x) : reshape(helperName(ctx, `lift_state${i}`), [1, ...ctx.inputShapes[i]!], x),
    );
    const name = helperName(ctx, 'conv_lstm2d');
    const layer =
      inputs.length > 1 ? ownConvLstm(1, args, ctx, name) : tf.layers.convLstm2d({ ...convLstmConfig(args, ctx, 1), ...tfjsWeightOptions(tf, args), name });
    const recurrent = [layer.apply(lifted.length === 1 ? lifted[0]! : lifted) as SymbolicTensor | SymbolicTensor[]].flat();
    const out = recurrent.map((y, i) => reshape(i === 0 ? ctx.name : helperName(ctx, `state${i}`), outputs[i]!, y));
    return out.length === 1 ? out[0]! : out;
  };
}

/** ConvLSTM3D as netspec's own layer (tfjs has only ConvLSTM2D). */
function convLstm3d(args: Args, ctx: BuildContext): (inputs: SymbolicTensor[]) => SymbolicTensor | SymbolicTensor[] {
  return applyRecurrent(ownConvLstm(3, args, ctx, ctx.name));
}

/**
 * netspec's ConvLSTM layer (NetspecConvLSTM2D/3D): for ConvLSTM3D, and for ConvLSTM1D/2D started
 * from initial states (1D lifted to 2D). Dropout in training is refused, not approximated.
 */
function ownConvLstm(rank: 1 | 2 | 3, args: Args, ctx: BuildContext, name: string): Applicable {
  const className = `ConvLSTM${rank}D`;
  if ((args.dropout as number) > 0 || (args.recurrent_dropout as number) > 0)
    noTfjsEquivalent(
      `${className} with ${rank === 3 ? '' : 'initial_state and '}dropout (netspec's ConvLSTM${rank === 3 ? 3 : 2}D layer does not apply dropout)`,
    );
  const config = convLstmConfig(args, ctx, rank);
  const id = (activation: unknown): string | null => tfjsActivation(activation as string | null, ctx) ?? null;
  return customLayer(
    ctx,
    rank === 3 ? 'NetspecConvLSTM3D' : 'NetspecConvLSTM2D',
    {
      name,
      filters: config.filters,
      kernelSize: config.kernelSize,
      strides: config.strides,
      padding: config.padding,
      dilationRate: config.dilationRate,
      activation: id(args.activation),
      recurrentActivation: id(args.recurrent_activation),
      useBias: config.useBias,
      unitForgetBias: config.unitForgetBias,
      returnSequences: config.returnSequences,
      returnState: config.returnState,
      goBackwards: config.goBackwards,
      weightObjects: weightObjectArgs(args, true),
    },
    rank === 3
      ? 'ConvLSTM3D (TensorFlow.js has only ConvLSTM2D)'
      : `${className} with initial_state (TensorFlow.js's ConvLSTM2D cannot be called on initial states)`,
  );
}

export const ConvLSTM1D = makeConvLSTM(1);
export const ConvLSTM2D = makeConvLSTM(2);
export const ConvLSTM3D = makeConvLSTM(3);
