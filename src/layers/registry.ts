// The explicit list of layer kinds. Adding a kind: one module, one line here.
//
// MAC convention (multiply-accumulates per sample, unknown dims count as 0):
// - convolutions (plain, depthwise, separable, transposed), Dense and Filter2D: one MAC per weight use;
// - elementwise affine layers (BatchNormalization, LayerNormalization, GroupNormalization, LayerScale, Normalization, Rescaling):
//   one MAC per output element (x·a + b at inference);
// - recurrent layers (SimpleRNN, LSTM, GRU): per time step, one MAC per use of the kernel and the
//   recurrent kernel, T·gates·units·(features + units) with gates 1/4/3, whether or not every step
//   is returned; ConvLSTM likewise with convolutions: T·positions·4·filters·k·(channels + filters);
//   biases, gate products and activations are not counted (Keras defines no MACs);
//   Bidirectional counts both directions, TimeDistributed the wrapped layer once per time step;
// - attention: MultiHeadAttention one MAC per projection weight use (query, key, value, output, per
//   position) plus heads·Tq·Tk·(key_dim + value_dim) for the scores and the weighted sum; Attention and
//   AdditiveAttention Tq·Tk·(query features + value features);
// - everything else (pooling, activations, merges, reshapes, dropout, Embedding lookups, Masking, resampling): 0.
// Checked against XLA's cost analysis in JAX (scripts/keras/macs_rf_fixture.py): conv and matmul
// flops = 2·MACs with every kernel tap counted (XLA skips taps on padding; netspec does not).
// README "MACs" has the full mapping, receptive fields included.
import { Activation, ELU, LeakyReLU, PReLU, ReLU, Softmax } from './activation-layers.js';
import { Conv1D, Conv2D, Conv3D } from './conv.js';
import { ConvLSTM1D, ConvLSTM2D, ConvLSTM3D } from './conv-lstm.js';
import { Custom, Lambda } from './custom-step.js';
import { Conv1DTranspose, Conv2DTranspose, Conv3DTranspose } from './conv-transpose.js';
import { Dense, Embedding, InputLayer } from './core.js';
import { DepthwiseConv1D, DepthwiseConv2D, SeparableConv1D, SeparableConv2D } from './depthwise.js';
import { Dot } from './dot.js';
import { Filter2D } from './filter2d.js';
import { LayerScale } from './layer-scale.js';
import { GroupNormalization, UnitNormalization } from './group-norm.js';
import { Add, Average, Concatenate, CustomScaleLayer, Maximum, Minimum, Multiply, Subtract } from './merge.js';
import { BatchNormalization, LayerNormalization } from './normalization.js';
import { AdditiveAttention, Attention, MultiHeadAttention } from './attention.js';
import * as aug from './augmentation.js';
import { CenterCrop, RandomCrop, Resizing } from './image-resizing.js';
import * as pool from './pooling.js';
import { Normalization, Rescaling } from './preprocessing.js';
import { AlphaDropout, Dropout, GaussianDropout, GaussianNoise, SpatialDropout1D, SpatialDropout2D, SpatialDropout3D } from './regularization.js';
import { Masking } from './masking.js';
import { GRU, LSTM, SimpleRNN } from './recurrent.js';
import { Flatten, Permute, Reshape } from './reshape.js';
import * as resize from './resize.js';
import { AddPositionEmbedding, ClassToken } from './vit.js';
import type { LayerKind } from './types.js';
import { defineWrappers } from './wrappers.js';

const { Bidirectional, TimeDistributed } = defineWrappers(lookupKind);

export const LAYER_KINDS: readonly LayerKind[] = [
  InputLayer,
  Conv1D,
  Conv2D,
  Conv3D,
  DepthwiseConv1D,
  DepthwiseConv2D,
  SeparableConv1D,
  SeparableConv2D,
  Conv1DTranspose,
  Conv2DTranspose,
  Conv3DTranspose,
  pool.MaxPooling1D,
  pool.MaxPooling2D,
  pool.MaxPooling3D,
  pool.AveragePooling1D,
  pool.AveragePooling2D,
  pool.AveragePooling3D,
  pool.GlobalMaxPooling1D,
  pool.GlobalMaxPooling2D,
  pool.GlobalMaxPooling3D,
  pool.GlobalAveragePooling1D,
  pool.GlobalAveragePooling2D,
  pool.GlobalAveragePooling3D,
  Dense,
  Embedding,
  Flatten,
  Reshape,
  Permute,
  Dropout,
  SpatialDropout1D,
  SpatialDropout2D,
  SpatialDropout3D,
  GaussianNoise,
  GaussianDropout,
  AlphaDropout,
  BatchNormalization,
  LayerNormalization,
  LayerScale,
  GroupNormalization,
  UnitNormalization,
  MultiHeadAttention,
  Attention,
  AdditiveAttention,
  ClassToken,
  AddPositionEmbedding,
  Activation,
  ReLU,
  LeakyReLU,
  PReLU,
  ELU,
  Softmax,
  resize.ZeroPadding1D,
  resize.ZeroPadding2D,
  resize.ZeroPadding3D,
  resize.Cropping1D,
  resize.Cropping2D,
  resize.Cropping3D,
  resize.UpSampling1D,
  resize.UpSampling2D,
  resize.UpSampling3D,
  Add,
  Subtract,
  Multiply,
  Average,
  Maximum,
  Minimum,
  Concatenate,
  Dot,
  CustomScaleLayer,
  Rescaling,
  Normalization,
  Resizing,
  CenterCrop,
  RandomCrop,
  aug.RandomFlip,
  aug.RandomRotation,
  aug.RandomZoom,
  aug.RandomTranslation,
  aug.RandomContrast,
  aug.RandomBrightness,
  Filter2D,
  Lambda,
  Custom,
  SimpleRNN,
  LSTM,
  GRU,
  ConvLSTM1D,
  ConvLSTM2D,
  ConvLSTM3D,
  Bidirectional,
  TimeDistributed,
  Masking,
];
/** Keras's own to_snake_case: `Conv2D` → `conv2d`, `Conv2DTranspose` → `conv2d_transpose`, `ReLU` → `re_lu`. */
const snakeCache = new Map<string, string>();

export function snakeCase(className: string): string {
  let cached = snakeCache.get(className);
  if (cached === undefined) snakeCache.set(className, (cached = toSnakeCase(className)));
  return cached;
}

function toSnakeCase(className: string): string {
  return className
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

let byName: Map<string, LayerKind> | undefined;

/** Every accepted name (class name, snake_case, aliases) → kind. */
export function kindIndex(): Map<string, LayerKind> {
  if (byName) return byName;
  byName = new Map();
  for (const kind of LAYER_KINDS) {
    for (const name of [kind.className, snakeCase(kind.className), ...(kind.aliases ?? [])]) byName.set(name, kind);
  }
  return byName;
}

export function lookupKind(name: string): LayerKind | undefined {
  return kindIndex().get(name);
}
