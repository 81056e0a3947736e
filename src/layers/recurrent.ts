// Recurrent layers: SimpleRNN, LSTM and GRU over a (timesteps, features) sequence, as Keras 3
// builds them (keras/src/layers/rnn/). A cell has `gates` blocks of `units`: SimpleRNN 1, LSTM 4,
// GRU 3. Weights: kernel F×(gates·units), recurrent kernel units×(gates·units), bias gates·units
// (GRU with reset_after: two biases, input and recurrent).
import { activationArg, biasCompatArgs, useBiasArg, weightCompatArgs } from './common-args.js';
import { tfjsActivation } from './activations.js';
import { formatTuple } from '../format/format.js';
import { argBool, argInt, requireRank } from './shape-math.js';
import { customLayer } from './tfjs-util.js';
import { tfjsWeightOptions, weightObjectArgs } from './tfjs-objects.js';
import {
  LayerError,
  type Applicable,
  type Args,
  type ArgSpec,
  type BuildContext,
  type LayerKind,
  type NamedOutput,
  type Shape,
  type SymbolicTensor,
} from './types.js';

/** The arguments every recurrent layer (and ConvLSTM) shares after its own. */
export const sequenceArgs: Record<string, ArgSpec> = {
  dropout: { type: 'float', min: 0, max: 1, default: 0, doc: 'Fraction of the inputs dropped during training.' },
  recurrent_dropout: { type: 'float', min: 0, max: 1, default: 0, doc: 'Fraction of the recurrent state dropped during training.' },
  seed: { type: 'int', default: null, nullable: true, doc: 'Random seed for dropout (no effect on shapes).' },
  return_sequences: { type: 'bool', default: false, doc: 'Output every time step (timesteps, units) instead of the last one.' },
  return_state: {
    type: 'bool',
    default: false,
    doc: 'Also return the final states as further outputs (`name[1]`, …): LSTM and ConvLSTM h and c, GRU and SimpleRNN h.',
  },
  go_backwards: { type: 'bool', default: false, doc: 'Process the sequence from its end (outputs stay in processing order, as Keras).' },
  stateful: { type: 'bool', default: false, doc: 'Carry states across batches; refused: it needs a fixed batch size.' },
};

/** A speed choice with the same results: compiled models always loop (tfjs cannot unroll unknown lengths). */
const unrollArg: ArgSpec = { type: 'bool', default: false, doc: 'Unroll the time loop (a speed choice; accepted, compiled models loop).' };
const useCudnnArg: ArgSpec = { type: 'any', default: 'auto', doc: 'Accepted for Keras compatibility (a backend choice).' };

/** netspec's refusal that Keras does not make: netspec has no batch axis. */
export function checkSequenceArgs(args: Args): void {
  if (argBool(args, 'stateful')) {
    throw new LayerError(`stateful=True needs a fixed batch size, and netspec works per sample; drop stateful (the parameters are the same)`, 'argument');
  }
}

/**
 * The outputs of a recurrent layer: its output, then with return_state=True the final states
 * (Keras's order: h, then c for LSTM), each the shape of one time step's output.
 */
export function recurrentOutputs(args: Args, output: Shape, stateShape: Shape, stateNames: readonly string[]): NamedOutput[] {
  const first = { name: 'output', shape: output };
  return argBool(args, 'return_state') ? [first, ...stateNames.map((name) => ({ name, shape: stateShape }))] : [first];
}

/**
 * `initial_state` given as the step's second (third) input: Keras takes one tensor per state, each
 * the state's shape. Keras checks neither when the model is built (running it fails), netspec does.
 */
export function checkInitialStates(className: string, inputs: Shape[], stateShape: Shape, stateNames: readonly string[]): void {
  const states = inputs.slice(1);
  if (states.length === 0) return;
  const want = `${stateNames.length} state${stateNames.length === 1 ? '' : 's'} (${stateNames.join(', ')}) of shape ${formatTuple([null, ...stateShape])}`;
  if (states.length !== stateNames.length) throw new LayerError(`initial_state: ${className} takes ${want} after the sequence, got ${states.length}`);
  states.forEach((state, i) => {
    const fits = state.length === stateShape.length && state.every((d, k) => d === null || stateShape[k] === null || d === stateShape[k]);
    if (!fits)
      throw new LayerError(
        `initial_state: input ${i + 2} (${stateNames[i]}) has shape ${formatTuple([null, ...state])}, ${className}'s state is ${formatTuple([null, ...stateShape])}`,
      );
  });
}

/** Applies a recurrent tfjs layer: the sequence alone, or with its initial states (tfjs takes them as further inputs). */
export function applyRecurrent(layer: Applicable): (inputs: SymbolicTensor[]) => SymbolicTensor | SymbolicTensor[] {
  return (inputs) => layer.apply(inputs.length === 1 ? inputs[0]! : inputs) as SymbolicTensor | SymbolicTensor[];
}

interface CellSpec {
  className: string;
  /** Number of `units`-wide blocks in the kernels: SimpleRNN 1, LSTM 4, GRU 3. */
  gates: number;
  doc: string;
  args: Record<string, ArgSpec>;
  positional: readonly string[];
  /** Bias vectors of gates·units each (GRU with reset_after has two). */
  biases(args: Args): number;
  /** The states return_state adds and initial_state takes: LSTM h and c, the others h. */
  states: readonly string[];
  build: LayerKind['build'];
}

/** Timesteps and features of a recurrent layer's input; Keras takes (batch, timesteps, features). */
function sequenceInput(input: Shape | undefined, className: string): { steps: number | null; features: number | null } {
  const x = requireRank(input, 2, className);
  return { steps: x[0]!, features: x[1]! };
}

function makeRecurrent(cell: CellSpec): LayerKind {
  const { className, gates } = cell;
  const params = (input: Shape, args: Args): number => {
    const units = argInt(args, 'units');
    const features = input[1] ?? 0;
    return gates * units * (features + units) + (argBool(args, 'use_bias') ? cell.biases(args) * gates * units : 0);
  };
  return {
    className,
    family: 'sequence',
    doc: cell.doc,
    args: cell.args,
    positional: cell.positional,
    /** The sequence, then optionally the initial states (Keras's `initial_state=[h, c]`). */
    inputs: { min: 1, max: 1 + cell.states.length },
    check: checkSequenceArgs,
    outputShape(inputs, args) {
      const input = inputs[0];
      const { steps, features } = sequenceInput(input, className);
      if (features === null)
        throw new LayerError(`the last dimension (features) of the input to ${className} must be known, found None (input shape ${formatTuple(input!)})`);
      const units = argInt(args, 'units');
      checkInitialStates(className, inputs, [units], cell.states);
      return argBool(args, 'return_sequences') ? [steps, units] : [units];
    },
    outputs: (_inputs, args, output) => recurrentOutputs(args, output, [argInt(args, 'units')], cell.states),
    params: ([input], args) => ({ trainable: params(input!, args), nonTrainable: 0 }),
    /** Every time step multiplies the input by the kernel and the state by the recurrent kernel. */
    macs([input], args) {
      const units = argInt(args, 'units');
      return (input![0] ?? 0) * gates * units * ((input![1] ?? 0) + units);
    },
    receptive: () => ({ kind: 'global' }),
    explain(inputs, args, output) {
      const input = inputs[0];
      const units = argInt(args, 'units');
      const [steps, features] = input!.map((d) => d ?? 'None');
      const biases = argBool(args, 'use_bias') ? cell.biases(args) : 0;
      const gateText = gates === 1 ? '' : `${gates}·`;
      const biasText = biases === 0 ? '' : ` + ${biases === 1 ? '' : `${biases}·`}${units}`;
      return [
        argBool(args, 'return_sequences')
          ? `output = (timesteps, units) = ${formatTuple(output)}`
          : `output = units = ${units}  (last time step; return_sequences=False)`,
        `params = ${gateText}(${units}·(${features} + ${units})${biasText}) = ${params(input!, args)}`,
        `MACs = ${steps} steps · ${gateText}${units}·(${features} + ${units}) = ${this.macs([input!], args, output)}`,
        ...stateLines(args, inputs, [units], cell.states),
      ];
    },
    build: cell.build,
    label: (args) =>
      `${className} ${argInt(args, 'units')}${argBool(args, 'return_sequences') ? ' · seq' : ''}${argBool(args, 'return_state') ? ' · states' : ''}`,
  };
}

/** The explain lines for return_state and initial_state: states are outputs and inputs without weights or MACs. */
export function stateLines(args: Args, inputs: Shape[], stateShape: Shape, stateNames: readonly string[]): string[] {
  const shape = formatTuple(stateShape);
  return [
    ...(inputs.length > 1 ? [`initial_state = ${stateNames.join(', ')}, each ${shape} (inputs 2–${inputs.length}; no parameters)`] : []),
    ...(argBool(args, 'return_state') ? [`return_state: also outputs ${stateNames.map((n) => `${n} ${shape}`).join(', ')} (no parameters, no MACs)`] : []),
  ];
}

const unitsArg: ArgSpec = { type: 'int', min: 1, required: true, doc: 'Size of the hidden state (output features).' };
const tanh: ArgSpec = { ...activationArg, default: 'tanh', doc: 'Activation of the candidate state and output (None is linear).' };
const sigmoid: ArgSpec = { ...activationArg, default: 'sigmoid', doc: 'Activation of the gates.' };
const weightArgs: Record<string, ArgSpec> = {
  ...weightCompatArgs('kernel', 'glorot_uniform'),
  ...weightCompatArgs('recurrent', 'orthogonal'),
  ...biasCompatArgs,
};

/** tfjs's config every recurrent layer shares (Keras's recurrent_activation default is sigmoid; tfjs's is hardSigmoid). */
export function tfRecurrentConfig(args: Args, ctx: BuildContext) {
  return {
    name: ctx.name,
    activation: tfjsActivation(args.activation as string | null, ctx) as undefined,
    useBias: argBool(args, 'use_bias'),
    dropout: args.dropout as number,
    recurrentDropout: args.recurrent_dropout as number,
    returnSequences: argBool(args, 'return_sequences'),
    returnState: argBool(args, 'return_state'),
    goBackwards: argBool(args, 'go_backwards'),
    trainable: ctx.trainable,
  };
}

function gatedConfig(args: Args, ctx: BuildContext) {
  return {
    ...tfRecurrentConfig(args, ctx),
    units: argInt(args, 'units'),
    recurrentActivation: tfjsActivation(args.recurrent_activation as string | null, ctx) as undefined,
  };
}

export const SimpleRNN = makeRecurrent({
  className: 'SimpleRNN',
  gates: 1,
  doc: 'Fully connected recurrent layer: h_t = activation(x_t·W + h_{t−1}·U + b).',
  args: { units: unitsArg, activation: tanh, use_bias: useBiasArg, ...weightArgs, ...sequenceArgs, unroll: unrollArg },
  positional: ['units', 'activation', 'use_bias'],
  biases: () => 1,
  states: ['state'],
  build: (tf, args, ctx) =>
    applyRecurrent(tf.layers.simpleRNN({ ...tfRecurrentConfig(args, ctx), units: argInt(args, 'units'), ...tfjsWeightOptions(tf, args) })),
});

export const LSTM = makeRecurrent({
  className: 'LSTM',
  gates: 4,
  doc: 'Long short-term memory: input, forget, cell and output gates over a (timesteps, features) sequence.',
  args: {
    units: unitsArg,
    activation: tanh,
    recurrent_activation: sigmoid,
    use_bias: useBiasArg,
    ...weightArgs,
    unit_forget_bias: { type: 'bool', default: true, doc: 'Start the forget gate bias at 1.' },
    ...sequenceArgs,
    unroll: unrollArg,
    use_cudnn: useCudnnArg,
  },
  positional: ['units', 'activation', 'recurrent_activation', 'use_bias'],
  biases: () => 1,
  states: ['state_h', 'state_c'],
  build: (tf, args, ctx) =>
    applyRecurrent(tf.layers.lstm({ ...gatedConfig(args, ctx), unitForgetBias: argBool(args, 'unit_forget_bias'), ...tfjsWeightOptions(tf, args) })),
});

export const GRU = makeRecurrent({
  className: 'GRU',
  gates: 3,
  doc: "Gated recurrent unit: update and reset gates; Keras 3's default reset_after=True has an input and a recurrent bias.",
  args: {
    units: unitsArg,
    activation: tanh,
    recurrent_activation: sigmoid,
    use_bias: useBiasArg,
    ...weightArgs,
    ...sequenceArgs,
    unroll: unrollArg,
    reset_after: { type: 'bool', default: true, doc: 'Apply the reset gate after the recurrent matrix multiplication (Keras 3 default; two biases).' },
    use_cudnn: useCudnnArg,
  },
  positional: ['units', 'activation', 'recurrent_activation', 'use_bias'],
  biases: (args) => (argBool(args, 'reset_after') ? 2 : 1),
  states: ['state'],
  build(tf, args, ctx) {
    if (!argBool(args, 'reset_after')) return applyRecurrent(tf.layers.gru({ ...gatedConfig(args, ctx), ...tfjsWeightOptions(tf, args) }));
    // tfjs's GRU has only reset_after=False (it throws for True): netspec's own layer computes Keras's.
    const { activation, recurrentActivation, ...config } = gatedConfig(args, ctx);
    const gru = {
      ...config,
      units: argInt(args, 'units'),
      activation: activation ?? null,
      recurrentActivation: recurrentActivation ?? null,
      weightObjects: weightObjectArgs(args, true),
    };
    return applyRecurrent(customLayer(ctx, 'NetspecGRU', gru, 'GRU with reset_after=True (TensorFlow.js has only reset_after=False)'));
  },
});
