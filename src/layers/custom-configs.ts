// The typed contract between layer builders (src/layers) and netspec's custom tfjs layers and
// activations (src/compile/custom-*.ts). Type-only: builders name a custom layer and pass its config,
// the compiler supplies the class; a renamed field or a class without an implementation is a
// compile error on both sides.
import type { Padding } from './shape-math.js';
import type { KerasObjectValue } from './types.js';

/** Keras's Conv1D/2D/3D with groups (and causal padding), and depthwise convolutions as groups. */
export interface ConvConfig {
  rank: number;
  filters: number;
  kernelSize: number[];
  strides: number[];
  padding: Padding;
  dilationRate: number[];
  groups: number;
  /** A tfjs activation identifier (see CustomActivationName), or null. */
  activation: string | null;
  useBias: boolean;
}

/** Keras's Conv1D/2D/3DTranspose with dilation and output_padding. */
export interface ConvTransposeConfig extends Omit<ConvConfig, 'groups' | 'padding'> {
  padding: 'valid' | 'same';
  /** One per axis, or null for Keras's default. */
  outputPadding: number[] | null;
}

/** Keras 3's Normalization. */
export interface NormalizationConfig {
  /** Kept axes, counted with the batch axis (Keras's `axis=-1` on rank-4 input is [3]). */
  axes: number[];
  invert: boolean;
  /** Fixed statistics (Keras's `mean=`/`variance=`): no weights then. Flat, one per kept element. */
  mean: number[] | null;
  variance: number[] | null;
}

/** Global pooling of any rank, optionally keeping the pooled axes. */
export interface GlobalPoolingConfig {
  mode: 'avg' | 'max';
  keepdims: boolean;
}

/** netspec's Filter2D: a fixed kernel slid over each channel separately. */
export interface FixedFilterConfig {
  /** 2-D kernel applied to every channel on its own (cross-correlation, as Keras's convolutions). */
  kernel: number[][];
  strides: number[];
  padding: 'valid' | 'same';
}

/** Padding, cropping and upsampling of any rank. */
export interface ResampleConfig {
  op: 'pad' | 'crop' | 'nearest' | 'bilinear';
  /** pad/crop: [before, after] per spatial axis; nearest/bilinear: [factor, factor] per axis. */
  amounts: number[][];
}

/** Keras's full ReLU, ELU with any alpha, softmax over several axes. */
export type ElementwiseConfig =
  | { op: 'relu'; maxValue: number | null; negativeSlope: number; threshold: number }
  | { op: 'elu'; alpha: number }
  /** Axes counted with the batch axis. */
  | { op: 'softmax'; axes: number[] }
  /** Keras's Masking output (fully masked steps set to 0) without a mask: where Keras uses the mask nowhere. */
  | { op: 'masking'; maskValue: number };

/** Subtract of two inputs (tfjs has none). */
export type SubtractConfig = Record<string, never>;

/** Resizing, CenterCrop and RandomCrop at inference (src/compile/custom-image.ts). */
export interface CropResizeConfig {
  height: number;
  width: number;
  /**
   * `resize`: the whole image to height × width; `smart`: Keras's smart_resize (the largest centred
   * window of the target aspect ratio, then resize); `center`: CenterCrop (a centred height × width
   * window where the image is large enough on both axes, smart_resize otherwise); `pad`: pad with
   * `fillValue` to the target aspect ratio (equally on both sides), then resize.
   */
  mode: 'resize' | 'smart' | 'center' | 'pad';
  interpolation: 'bilinear' | 'nearest';
  fillValue?: number;
}

/** Keras's GRU with reset_after=True (src/compile/custom-recurrent.ts). */
export interface GRUConfig {
  units: number;
  /** tfjs activation identifiers (src/layers/activations.ts), null for linear. */
  activation: string | null;
  recurrentActivation: string | null;
  useBias: boolean;
  returnSequences: boolean;
  /** Also output the final state h (Keras's return_state); a second input is the initial state. */
  returnState: boolean;
  goBackwards: boolean;
  /** Keras's dropout in training: one mask per sequence on the inputs (dropout) and on the state (recurrent_dropout). */
  dropout: number;
  recurrentDropout: number;
  /** The spec's initializer, regularizer and constraint arguments (`kernel_initializer`: HeNormal(seed=1), …); Keras's defaults otherwise. */
  weightObjects?: WeightObjects;
}

/** Keras argument objects by argument name, as netspec normalises them (plain data, saved in model.json). */
export type WeightObjects = Record<string, string | KerasObjectValue>;

/** ConvNeXt's LayerScale: x times a learned per-channel gamma. */
export interface LayerScaleConfig {
  /** Every gamma entry's initial value (Keras: initializers.Constant(init_values)). */
  initValues: number;
  projectionDim: number;
}

/** Keras's MultiHeadAttention (src/compile/custom-attention.ts); weights in Keras's shapes and order. */
export interface MultiHeadAttentionConfig {
  numHeads: number;
  keyDim: number;
  valueDim: number;
  useBias: boolean;
  /** The output's last axes (Keras's output_shape, or the query's last axis). */
  outputShape: number[];
  /** Attended axes of the query, counted with the batch axis. */
  attentionAxes: number[];
  /** Keras's use_causal_mask: query position i attends to key positions ≤ i. */
  causal: boolean;
  /** The spec's kernel_/bias_ initializers, regularizers and constraints, for every projection as Keras applies them. */
  weightObjects?: WeightObjects;
}

/** Keras's Attention (dot or concat scores) and AdditiveAttention. */
export interface AttentionConfig {
  score: 'dot' | 'concat' | 'additive';
  useScale: boolean;
  causal: boolean;
}

/** Keras's GroupNormalization. */
export interface GroupNormalizationConfig {
  groups: number;
  /** The channel axis, counted with the batch axis. */
  axis: number;
  epsilon: number;
  center: boolean;
  scale: boolean;
  /** The spec's gamma_/beta_ initializers, regularizers and constraints; Keras's defaults otherwise. */
  weightObjects?: WeightObjects;
}

/** Keras's UnitNormalization; axes counted with the batch axis. */
export interface UnitNormalizationConfig {
  axes: number[];
}

/** Keras's Dot (batch_dot) of any rank: one axis of each input, counted with the batch axis. */
export interface DotConfig {
  axes: [number, number];
  normalize: boolean;
}

/** ViT's class token and learned position embedding (no configuration). */
export type TokenConfig = Record<string, never>;

/** Keras's ConvLSTM3D (tfjs has only ConvLSTM2D; src/compile/custom-recurrent.ts). */
export interface ConvLSTMConfig {
  filters: number;
  kernelSize: number[];
  strides: number[];
  padding: 'valid' | 'same';
  dilationRate: number[];
  /** tfjs activation identifiers, null for linear. */
  activation: string | null;
  recurrentActivation: string | null;
  useBias: boolean;
  unitForgetBias: boolean;
  returnSequences: boolean;
  /** Also output the final states h and c (Keras's return_state); inputs 2 and 3 are the initial states. */
  returnState: boolean;
  goBackwards: boolean;
  /** As GRUConfig's. */
  weightObjects?: WeightObjects;
}

/** Custom layer class name → its config (without the name and trainable flag the compiler adds). */
export interface CustomConfigs {
  NetspecConv: ConvConfig;
  NetspecConvTranspose: ConvTransposeConfig;
  NetspecNormalization: NormalizationConfig;
  NetspecGlobalPooling: GlobalPoolingConfig;
  NetspecFixedFilter: FixedFilterConfig;
  NetspecResample: ResampleConfig;
  NetspecElementwise: ElementwiseConfig;
  NetspecSubtract: SubtractConfig;
  NetspecCropResize: CropResizeConfig;
  NetspecGRU: GRUConfig;
  NetspecConvLSTM2D: ConvLSTMConfig;
  NetspecConvLSTM3D: ConvLSTMConfig;
  NetspecLayerScale: LayerScaleConfig;
  NetspecMultiHeadAttention: MultiHeadAttentionConfig;
  NetspecAttention: AttentionConfig;
  NetspecGroupNormalization: GroupNormalizationConfig;
  NetspecUnitNormalization: UnitNormalizationConfig;
  NetspecDot: DotConfig;
  NetspecClassToken: TokenConfig;
  NetspecAddPositionEmbedding: TokenConfig;
}

export type CustomLayerName = keyof CustomConfigs;

/** What the compiler adds to every custom layer's config. */
export interface LayerIdentity {
  name?: string;
  trainable?: boolean;
}

/**
 * Keras 3 activations tfjs lacks or defines differently, registered by the compiler as tfjs
 * activation classes (camelCase: tfjs camel-cases every identifier it loads).
 */
export type CustomActivationName = 'netspecHardSigmoid' | 'netspecHardSwish' | 'netspecLeakyRelu' | 'netspecExponential';
