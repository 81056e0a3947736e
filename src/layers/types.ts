// The contract every layer kind fulfils. A kind is one plain object: arguments with Keras's
// defaults, shape rule, parameter and MAC counts, receptive-field step, tfjs builder, label.
import type * as TfNamespace from '@tensorflow/tfjs';
import type { CustomConfigs, CustomLayerName } from './custom-configs.js';

/** One dimension; `null` is "any size" and flows through inference as unknown. */
export type Dim = number | null;
/** A tensor shape without the batch dimension (channels last). */
export type Shape = Dim[];

export type ArgValue = number | string | boolean | null | ArgValue[] | LayerArgValue | KerasObjectValue;

/**
 * A layer given as an argument (the `layer` of Bidirectional and TimeDistributed), in Keras's own
 * serialised form; after normalisation `class_name` is the kind's class name and `config` its
 * normalised arguments.
 */
export interface LayerArgValue {
  class_name: string;
  config: Record<string, ArgValue>;
}

export type KerasObjectModule = 'initializers' | 'regularizers' | 'constraints';
/**
 * A Keras argument object as a call wrote it: `keras.regularizers.l2(1e-4)` is
 * {module: 'regularizers', className: 'l2', args: [0.0001], config: {}}. A layer's normalised
 * arguments hold it with the class resolved and the positional arguments bound (src/layers/keras-objects.ts).
 */
export interface KerasObjectValue {
  readonly module: KerasObjectModule;
  readonly className: string;
  readonly args: readonly ArgValue[];
  readonly config: Readonly<Record<string, ArgValue>>;
}

/** Arguments after defaults and normalisation (tuples expanded to one value per axis). */
export type Args = Record<string, ArgValue>;

/** How an argument is written and normalised. */
export type ArgType =
  | { type: 'int'; min?: number }
  | { type: 'float'; min?: number; max?: number }
  | { type: 'bool' }
  /** A string from a fixed set (padding, interpolation, …). */
  | { type: 'enum'; values: readonly string[] }
  /** A free string, kept for Keras compatibility (initializer names, …). */
  | { type: 'string' }
  /** An activation name (see ACTIVATIONS) or null. */
  | { type: 'activation' }
  /** An int or a list of `rank` ints; normalised to a list of `rank` ints. */
  | { type: 'tuple'; rank: number; min?: number }
  /** A list of ints (Reshape's target_shape, Permute's dims); an int becomes a one-item list. */
  | { type: 'ints'; noneItems?: boolean }
  /** ZeroPadding/Cropping amounts: int | [a, b, …] | [[before, after], …]; normalised to [[before, after], …]. */
  | { type: 'padding'; rank: number }
  /** An axis or list of axes (negative counts from the end). */
  | { type: 'axis' }
  /** A matrix of numbers (filter2d's kernel). */
  | { type: 'matrix' }
  /** A layer, written as a call (`LSTM(64, return_sequences=True)`) or a one-key mapping (`{lstm: {units: 64}}`). */
  | { type: 'layer' }
  /** A Keras initializer, regularizer or constraint: a name or a built object (src/layers/keras-objects.ts). */
  | { type: 'initializer' }
  | { type: 'regularizer' }
  | { type: 'constraint' }
  /** Accepted so Keras code copies work; does not change the IR. */
  | { type: 'any' };

export type ArgSpec = ArgType & {
  /** Keras's default; `undefined` with `required` means the argument must be given. */
  default?: ArgValue;
  required?: boolean;
  /** The value may be null (e.g. `units=None` is never allowed, `max_value=None` is). */
  nullable?: boolean;
  doc: string;
};

export type Family =
  | 'input'
  | 'conv'
  | 'pool'
  | 'dense'
  | 'norm'
  | 'activation'
  | 'merge'
  | 'reshape'
  | 'regularization'
  | 'preprocessing'
  | 'attention'
  | 'embedding'
  | 'sequence'
  | 'filter'
  | 'custom';

export interface ParamCount {
  trainable: number;
  nonTrainable: number;
}

/** How a layer moves the receptive field on its spatial axes. */
export type ReceptiveRule =
  | { kind: 'window'; kernel: number[]; stride: number[]; dilation?: number[] }
  /**
   * Output pixels `factor` times denser (a fraction below 1 for a downsampling resize); each reads
   * `span` neighbouring input pixels (1 if absent: nearest-neighbour repeat; 2 for bilinear; a
   * transposed convolution's taps).
   */
  | { kind: 'upsample'; factor: number[]; span?: number[] }
  | { kind: 'identity' }
  /** Spatial structure is gone (flatten, global pooling, dense on a flattened input). */
  | { kind: 'global' };

export type Tf = typeof TfNamespace;
/** A tfjs symbolic tensor, kept opaque here so this module imports nothing from tfjs at run time. */
export type SymbolicTensor = TfNamespace.SymbolicTensor;

/** Anything with tfjs's `Layer.apply`. */
export interface Applicable {
  apply(inputs: SymbolicTensor | SymbolicTensor[]): unknown;
}

/** Builds one of netspec's custom tfjs layers (src/compile/custom-*.ts) for the current node. */
export type CustomLayerFactory = <K extends CustomLayerName>(className: K, config: CustomConfigs[K] & { name?: string }) => Applicable;

export interface BuildContext {
  /** The IR node's name, to be used as the tfjs layer name. */
  name: string;
  inputShapes: Shape[];
  outputShape: Shape;
  /** Every output's shape when the node has several (LayerKind.outputs); absent for one. */
  outputShapes?: Shape[];
  trainable: boolean;
  /**
   * netspec's custom tfjs layers, for what tfjs lacks or gets wrong, named after the node unless the
   * config names it (an extra layer of a subgraph); supplied
   * by the compiler. `undefined` is a plain-tfjs build (custom layers and activations unregistered):
   * builders then refuse what needs one, saying why.
   */
  customLayer: CustomLayerFactory | undefined;
  /** A unique tfjs name for an extra layer of this node's subgraph (the compiler's namer). */
  helperName?(part: string): string;
  /** A Masking or Embedding(mask_zero) step whose mask no layer uses in Keras: build it without a mask (src/compile/keras-masks.ts). */
  inertMask?: boolean;
}

/**
 * Applies the built layer (or subgraph) to its inputs; a layer with several outputs
 * (LayerKind.outputs) gives them as a list, in Keras's order.
 */
export type Builder = (tf: Tf, args: Args, ctx: BuildContext) => (inputs: SymbolicTensor[]) => SymbolicTensor | SymbolicTensor[];

/** One of a layer's several outputs: `state_h` of an LSTM with return_state=True. */
export interface NamedOutput {
  /** What the output is, for reports and diagram edges (`output`, `state_h`, `backward`, …). */
  name: string;
  shape: Shape;
}

/** Thrown by shape rules and checks; the expander adds the layer name and position. */
export class LayerError extends Error {
  constructor(
    message: string,
    readonly code: 'shape' | 'argument' = 'shape',
  ) {
    super(message);
  }
}

export interface LayerKind {
  /** Keras class name, e.g. `Conv2D`. Its snake_case form is an alias automatically. */
  className: string;
  /** Further accepted names, e.g. `maxpool2d`. */
  aliases?: readonly string[];
  family: Family;
  doc: string;
  /** Arguments in declaration order; `positional` gives Keras's positional order. */
  args: Record<string, ArgSpec>;
  positional: readonly string[];
  /** How many inputs the layer takes (merges take several). */
  inputs: { min: number; max: number };
  /** Keras's own argument checks that do not need the input shape. Throws LayerError. */
  check?(args: Args): void;
  /** Fills arguments whose default depends on others (pooling's strides = pool_size); runs before check. */
  derive?(args: Args): void;
  /** Output shape without batch; throws LayerError naming the rule when the input does not fit. */
  outputShape(inputs: Shape[], args: Args): Shape;
  /**
   * Every output, in Keras's order, when the layer returns several (return_state=True,
   * Bidirectional merge_mode=None); the first is `output`. Absent or one item: one output.
   */
  outputs?(inputs: Shape[], args: Args, output: Shape): NamedOutput[];
  params(inputs: Shape[], args: Args, output: Shape): ParamCount;
  /** Multiply-accumulates for one sample (0 for layers without weights). Unknown dims count as 0. */
  macs(inputs: Shape[], args: Args, output: Shape): number;
  receptive(args: Args, inputs: Shape[]): ReceptiveRule;
  /** Each number with its formula filled in, e.g. `H = floor((128 − 9) / 1) + 1 = 120`. */
  explain(inputs: Shape[], args: Args, output: Shape): string[];
  build: Builder;
  /** Short label for diagrams, e.g. `Conv2D 32 3×3 /2`. */
  label(args: Args): string;
}
