// Every builder on every Keras case: either tfjs reproduces Keras's output shape and weight counts,
// or the builder refuses with "TensorFlow.js has no exact equivalent" (the compile stage's cue).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalizeArgs } from '../../src/layers/args.js';
import { LayerError, type Shape, type SymbolicTensor, type Tf } from '../../src/layers/types.js';
import { HEAVY_WEIGHTS } from '../tier.js';
import { zeroInitTf } from '../zero-init-tf.js';
import { kerasRows, kind, type KerasRow } from './keras-table.js';

const FAMILIES = ['input', 'conv', 'pool', 'core', 'regularization', 'norm', 'activation', 'resize', 'merge', 'preprocessing', 'attention', 'vit'];
const rows = FAMILIES.flatMap(kerasRows).filter((row) => row.error === undefined);
const heavy = (row: KerasRow): boolean => (row.trainable ?? 0) + (row.non_trainable ?? 0) > HEAVY_WEIGHTS;

/** Keras cases tfjs cannot reproduce exactly, by kind and the reason in the refusal. */
const EXPECTED_REFUSALS: Record<string, RegExp> = {
  Conv1D: /causal/,
  Conv2D: /groups/,
  Conv3D: /groups/,
  DepthwiseConv1D: /DepthwiseConv1D/,
  DepthwiseConv2D: /dilation_rate > 1/,
  SeparableConv1D: /SeparableConv1D/,
  SeparableConv2D: /strides > 1 and dilation_rate > 1/,
  Conv1DTranspose: /Conv1DTranspose/,
  Conv2DTranspose: /dilation_rate|output_padding/,
  Conv3DTranspose: /Conv3DTranspose/,
  GlobalAveragePooling1D: /keepdims/,
  GlobalAveragePooling2D: /keepdims/,
  GlobalMaxPooling1D: /keepdims/,
  GlobalMaxPooling2D: /keepdims/,
  GlobalAveragePooling3D: /GlobalAveragePooling3D/,
  GlobalMaxPooling3D: /GlobalMaxPooling3D/,
  Flatten: /rank-2|unknown/,
  SpatialDropout2D: /SpatialDropout2D/,
  SpatialDropout3D: /SpatialDropout3D/,
  BatchNormalization: /rank-5/,
  Activation: /hard_swish/,
  ReLU: /negative_slope/,
  ELU: /alpha/,
  ZeroPadding1D: /ZeroPadding1D/,
  ZeroPadding3D: /ZeroPadding3D/,
  Cropping1D: /Cropping1D/,
  Cropping3D: /Cropping3D/,
  UpSampling1D: /UpSampling1D/,
  UpSampling2D: /bilinear/,
  UpSampling3D: /UpSampling3D/,
  Subtract: /Subtract/,
  Cropping2D: /unknown/,
  Concatenate: /None meets a known size/,
  Normalization: /Normalization/,
  // Custom layers of the compiler (test/compile/preprocessing-values.test.ts).
  Resizing: /Resizing/,
  CenterCrop: /CenterCrop/,
  RandomCrop: /RandomCrop/,
  // ConvNeXt's LayerScale: a custom layer of the compiler (test/compile/custom-layers.test.ts).
  LayerScale: /LayerScale/,
  MultiHeadAttention: /MultiHeadAttention/,
  Attention: /Attention/,
  AdditiveAttention: /AdditiveAttention/,
  GroupNormalization: /GroupNormalization/,
  UnitNormalization: /UnitNormalization/,
  ClassToken: /ClassToken/,
  AddPositionEmbedding: /AddPositionEmbedding/,
  Dot: /Dot/,
};

const size = (w: { shape: readonly (number | null)[] }) => w.shape.reduce<number>((p, d) => p * (d ?? 0), 1);

describe('tfjs builders against Keras', () => {
  beforeAll(async () => {
    tf.enableProdMode(); // no "install tfjs-node" banner in the test output
    await tf.setBackend('cpu');
  });

  it.each(rows.map((row, i) => [`${i} ${row.kind}(${JSON.stringify(row.args)})`, row] as const))('%s', (_title, row: KerasRow) => {
    const k = kind(row.kind);
    const inputs: Shape[] = row.input_shapes ?? (row.input_shape ? [row.input_shape] : []);
    const args = normalizeArgs(k, row.args);
    const output = k.outputShape(inputs, args);
    let apply;
    try {
      // A heavy layer starts at zero: the counts are the same, and random init would take seconds.
      const tfjs = heavy(row) ? zeroInitTf(tf as unknown as Tf) : (tf as unknown as Tf);
      apply = k.build(tfjs, args, {
        name: `t${Math.random().toString(36).slice(2)}`,
        inputShapes: inputs,
        outputShape: output,
        trainable: true,
        customLayer: undefined,
      });
    } catch (err) {
      expect(err).toBeInstanceOf(LayerError);
      expect((err as Error).message).toContain('TensorFlow.js has no exact equivalent');
      // channels_first builds transposes around the layer: a compiler subgraph (test/compile/keras-rows.test.ts).
      expect((err as Error).message).toMatch(row.args.data_format === 'channels_first' ? /channels_first/ : (EXPECTED_REFUSALS[row.kind] ?? /never refused/));
      return;
    }
    const symbolic = inputs.map((s) => tf.input({ shape: s, dtype: row.kind === 'Embedding' ? 'int32' : 'float32' })) as SymbolicTensor[];
    // A layer with several outputs gives a list; the table's figures are for the first (test/compile/keras-rows.test.ts checks them all).
    const result = [apply(symbolic)].flat()[0]!;
    expect(result.shape.slice(1)).toEqual(row.output_shape);
    if (row.kind === 'InputLayer') return;
    const layer = result.sourceLayer;
    expect(layer.trainableWeights.map((w) => size(w)).reduce((a, b) => a + b, 0)).toBe(row.trainable);
    expect(layer.nonTrainableWeights.map((w) => size(w)).reduce((a, b) => a + b, 0)).toBe(row.non_trainable);
  });
});
