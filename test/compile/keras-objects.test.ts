// Keras argument objects through the compiler: the tfjs layer gets the initializer, regularizer and
// constraint the spec names, drawing and penalising as Keras defines them (keras/src/initializers,
// regularizers, constraints); objects tfjs has no equivalent for are refused, never swapped.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/compile/build-model.js';
import { DiagnosticError } from '../../src/diagnostics/diagnostic.js';
import type { Tf } from '../../src/layers/types.js';
import { graphOf } from './helpers.js';
import { testTf } from './tf-setup.js';

let tf: Tf;
beforeAll(async () => {
  tf = await testTf();
});

type Config = Record<string, { class_name: string; config: Record<string, unknown> } | unknown>;

function layerOf(step: string, input = '[3]') {
  const { model } = buildModel(tf, graphOf(`input: ${input}\nlayers:\n  - ${step}\n`));
  return model.layers[1]!;
}

const largest = (values: number[]): number => values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

function stddev(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
}

describe('compiled layers take Keras argument objects', () => {
  it("HeNormal draws with Keras's stddev sqrt(2 / fan_in) (a truncated normal corrected for the truncation)", () => {
    const layer = layerOf('Dense(200, kernel_initializer=keras.initializers.HeNormal(seed=1))', '[2000]');
    const kernel = Array.from(layer.getWeights()[0]!.dataSync());
    expect(stddev(kernel) / Math.sqrt(2 / 2000)).toBeCloseTo(1, 2);
    // Truncated at two standard deviations, as Keras's truncated_normal.
    expect(largest(kernel)).toBeLessThanOrEqual((2 * Math.sqrt(2 / 2000)) / 0.87962566103423978 + 1e-6);
  });

  it("GlorotUniform is tfjs's own (its default), limit sqrt(6 / (fan_in + fan_out))", () => {
    const layer = layerOf("Dense(100, kernel_initializer='glorot_uniform')", '[500]');
    expect((layer.getConfig() as Config).kernelInitializer).toMatchObject({
      className: 'VarianceScaling',
      config: { scale: 1, mode: 'fanAvg', distribution: 'uniform' },
    });
    const kernel = Array.from(layer.getWeights()[0]!.dataSync());
    expect(largest(kernel)).toBeLessThanOrEqual(Math.sqrt(6 / 600));
    expect(largest(kernel)).toBeGreaterThan(0.95 * Math.sqrt(6 / 600));
  });

  it('Constant fills the bias, and a BatchNormalization gamma', () => {
    expect(Array.from(layerOf('Dense(4, bias_initializer=keras.initializers.Constant(0.1))').getWeights()[1]!.dataSync())).toEqual(
      Array(4).fill(Math.fround(0.1)),
    );
    const bn = layerOf('BatchNormalization(gamma_initializer=keras.initializers.Constant(2))', '[5]');
    expect(Array.from(bn.getWeights()[0]!.dataSync())).toEqual([2, 2, 2, 2, 2]);
  });

  it("regularizers and constraints reach the tfjs config with Keras's values", () => {
    const config = layerOf(
      "Conv2D(4, 3, kernel_regularizer=keras.regularizers.l2(1e-4), bias_regularizer=keras.regularizers.L1L2(l1=0.01), kernel_constraint=keras.constraints.MaxNorm(3), bias_constraint='non_neg')",
      '[8, 8, 1]',
    ).getConfig() as Config;
    expect(config.kernelRegularizer).toEqual({ className: 'L1L2', config: { l1: 0, l2: 1e-4 } });
    // Keras's L1L2 defaults are 0 for the factor not given (tfjs's are 0.01).
    expect(config.biasRegularizer).toEqual({ className: 'L1L2', config: { l1: 0.01, l2: 0 } });
    expect(config.kernelConstraint).toEqual({ className: 'MaxNorm', config: { maxValue: 3, axis: 0 } });
    expect(config.biasConstraint).toMatchObject({ className: 'NonNeg' });
  });

  it('an L2 regularizer adds l2 · Σw² to the losses', () => {
    const layer = layerOf('Dense(2, kernel_initializer=keras.initializers.Constant(0.5), kernel_regularizer=keras.regularizers.l2(0.1))');
    const penalty = tf.tidy(() => (layer.losses as unknown as (() => ReturnType<Tf['scalar']>)[]).map((loss) => loss().dataSync()[0]));
    expect(penalty[0]).toBeCloseTo(0.1 * 6 * 0.25, 6);
  });

  it.each([
    ['keras.initializers.STFT()', 'kernel_initializer=keras.initializers.STFT()', /keras\.initializers\.STFT: TensorFlow\.js has no exact equivalent/],
    [
      "VarianceScaling(distribution='untruncated_normal')",
      "kernel_initializer=keras.initializers.VarianceScaling(distribution='untruncated_normal')",
      /untruncated_normal/,
    ],
    [
      'OrthogonalRegularizer',
      'kernel_regularizer=keras.regularizers.OrthogonalRegularizer()',
      /keras\.regularizers\.OrthogonalRegularizer: TensorFlow\.js has no exact equivalent/,
    ],
    ['an activity regularizer', 'activity_regularizer=keras.regularizers.l2(0.1)', /activity_regularizer \(TensorFlow\.js layers cannot be called with one\)/],
  ])('refuses %s clearly', (_name, arg, message) => {
    expect(() => layerOf(`Dense(4, ${arg})`)).toThrow(DiagnosticError);
    expect(() => layerOf(`Dense(4, ${arg})`)).toThrow(message);
  });
});

it("refuses an initializer netspec's own (grouped) convolution would not use, and builds Keras's defaults", () => {
  expect(() => layerOf('Conv2D(6, 3, groups=3, kernel_initializer=keras.initializers.HeNormal())', '[7, 7, 3]')).toThrow(
    /kernel_initializer=HeNormal\(\) on netspec's own convolution layer/,
  );
  expect(layerOf("Conv2D(6, 3, groups=3, kernel_initializer='glorot_uniform')", '[7, 7, 3]').countParams()).toBe(60);
});

it("Keras's default glorot_uniform kernel is passed to tfjs, whose Dense and Conv default to glorotNormal", () => {
  expect((layerOf('Dense(4)').getConfig() as Config).kernelInitializer).toMatchObject({
    className: 'VarianceScaling',
    config: { scale: 1, mode: 'fanAvg', distribution: 'uniform' },
  });
  expect((layerOf('Conv2D(4, 3)', '[8, 8, 1]').getConfig() as Config).kernelInitializer).toMatchObject({ config: { distribution: 'uniform' } });
});

it('--emit ts writes them as tfjs factory calls', async () => {
  const { emitTypeScript } = await import('../../src/compile/emit-ts.js');
  const { registerCustomLayers } = await import('../../src/compile/custom-layers.js');
  const { model } = buildModel(
    tf,
    graphOf(
      'input: [3]\nlayers:\n  - Dense(4, kernel_initializer=keras.initializers.HeNormal(seed=1), kernel_regularizer=keras.regularizers.l2(1e-4), kernel_constraint=keras.constraints.MaxNorm(3))\n',
    ),
  );
  const source = emitTypeScript(tf, model, registerCustomLayers(tf), { source: 'spec.yaml' });
  expect(source).toContain(
    `kernelInitializer: tf.initializers.varianceScaling({ scale: ${2 / 0.87962566103423978 ** 2}, mode: 'fanIn', distribution: 'normal', seed: 1 })`,
  );
  expect(source).toContain('kernelRegularizer: tf.regularizers.l1l2({ l1: 0, l2: 0.0001 })');
  expect(source).toContain('kernelConstraint: tf.constraints.maxNorm({ maxValue: 3, axis: 0 })');
});

// The recurrent layers, tfjs's and netspec's own (GRU with reset_after, ConvLSTM3D): a seeded
// initializer gives the weights the same tfjs initializer draws directly for that shape.
describe('recurrent layers take Keras argument objects', () => {
  const drawn = (init: ReturnType<Tf['initializers']['zeros']>, shape: number[]) => Array.from(tf.tidy(() => init.apply(shape).dataSync()));
  const weightsOf = (step: string, input: string) => {
    const { model } = buildModel(tf, graphOf(`input: ${input}\nlayers:\n  - ${step}\n`));
    return model.layers.flatMap((l) => l.getWeights()).map((w) => Array.from(w.dataSync()));
  };
  const heNormal = (seed: number) => tf.initializers.varianceScaling({ scale: 2 / 0.87962566103423978 ** 2, mode: 'fanIn', distribution: 'normal', seed });

  it.each([
    ['LSTM', 'LSTM(3, kernel_initializer=keras.initializers.HeNormal(seed=1), recurrent_initializer=keras.initializers.Orthogonal(seed=2))', [4, 12], [3, 12]],
    [
      'SimpleRNN',
      'SimpleRNN(3, kernel_initializer=keras.initializers.HeNormal(seed=1), recurrent_initializer=keras.initializers.Orthogonal(seed=2))',
      [4, 3],
      [3, 3],
    ],
    [
      'GRU reset_after=False',
      'GRU(3, reset_after=False, kernel_initializer=keras.initializers.HeNormal(seed=1), recurrent_initializer=keras.initializers.Orthogonal(seed=2))',
      [4, 9],
      [3, 9],
    ],
    [
      'GRU (NetspecGRU)',
      'GRU(3, kernel_initializer=keras.initializers.HeNormal(seed=1), recurrent_initializer=keras.initializers.Orthogonal(seed=2))',
      [4, 9],
      [3, 9],
    ],
  ])('%s: kernel and recurrent kernel as tfjs draws them', (_name, step, kernelShape, recurrentShape) => {
    const [kernel, recurrent] = weightsOf(step, '[5, 4]');
    expect(kernel).toEqual(drawn(heNormal(1), kernelShape));
    expect(recurrent).toEqual(drawn(tf.initializers.orthogonal({ gain: 1, seed: 2 }), recurrentShape));
  });

  it('ConvLSTM2D and ConvLSTM3D (NetspecConvLSTM3D): the kernel as tfjs draws it; the bias initializer with the forget gate at 1', () => {
    const [kernel2d] = weightsOf('ConvLSTM2D(2, 3, kernel_initializer=keras.initializers.HeNormal(seed=4))', '[3, 5, 5, 1]');
    expect(kernel2d).toEqual(drawn(heNormal(4), [3, 3, 1, 8]));
    const [kernel3d, , bias] = weightsOf(
      'ConvLSTM3D(2, 2, kernel_initializer=keras.initializers.HeNormal(seed=4), bias_initializer=keras.initializers.Constant(0.5))',
      '[2, 3, 3, 3, 1]',
    );
    expect(kernel3d).toEqual(drawn(heNormal(4), [2, 2, 2, 1, 8]));
    expect(bias).toEqual([0.5, 0.5, 1, 1, 0.5, 0.5, 0.5, 0.5]);
  });

  it('Bidirectional passes them to both directions; regularizers and constraints reach the recurrent configs', () => {
    const { model } = buildModel(
      tf,
      graphOf(
        'input: [5, 4]\nlayers:\n  - Bidirectional(LSTM(3, recurrent_regularizer=keras.regularizers.l2(1e-3), kernel_constraint=keras.constraints.MaxNorm(2)))\n',
      ),
    );
    const config = model.layers[1]!.getConfig() as { layer: { config: Config } };
    expect(config.layer.config.recurrentRegularizer).toEqual({ className: 'L1L2', config: { l1: 0, l2: 1e-3 } });
    expect(config.layer.config.kernelConstraint).toEqual({ className: 'MaxNorm', config: { maxValue: 2, axis: 0 } });
  });

  it("netspec's own GRU applies a regularizer (a loss) and a constraint on its weights", () => {
    const { model } = buildModel(
      tf,
      graphOf(
        "input: [5, 4]\nlayers:\n  - GRU(3, kernel_initializer=keras.initializers.Constant(0.5), kernel_regularizer=keras.regularizers.l2(0.1), bias_constraint='non_neg')\n",
      ),
    );
    const gru = model.layers[1]!;
    expect(gru.getClassName()).toBe('NetspecGRU');
    const penalty = tf.tidy(() => (gru.losses as unknown as (() => ReturnType<Tf['scalar']>)[]).map((loss) => loss().dataSync()[0]));
    expect(penalty[0]).toBeCloseTo(0.1 * 4 * 9 * 0.25, 5);
    expect(gru.weights[2]!.constraint?.getClassName()).toBe('NonNeg');
  });
});

describe('objects a built layer would drop are refused, never lost', () => {
  it.each([
    // tfjs's LayerNormalization takes initializers and regularizers, no constraints.
    [
      'LayerNormalization(beta_constraint=keras.constraints.NonNeg())',
      '[4, 3]',
      /beta_constraint=NonNeg\(\): the TensorFlow\.js layer it is built as \(LayerNormalization\) does not keep beta_constraint/,
    ],
    [
      "DepthwiseConv2D(3, depthwise_constraint='non_neg')",
      '[5, 5, 3]',
      /depthwise_constraint on DepthwiseConv2D \(TensorFlow\.js's model\.json would not keep it\)/,
    ],
    ['DepthwiseConv2D(3, depthwise_regularizer=keras.regularizers.l2(0.1))', '[5, 5, 3]', /depthwise_regularizer on DepthwiseConv2D/],
    ["SeparableConv2D(4, 3, depthwise_initializer='he_normal')", '[5, 5, 3]', /pointwise_initializer other than its depthwise_initializer/],
    ["SeparableConv1D(4, 3, pointwise_initializer='he_normal')", '[5, 3]', /pointwise_initializer='he_normal' on netspec's own convolution layer/],
  ])('%s', (steps, input, message) => {
    const spec = `input: ${input}\nlayers:\n${steps
      .split(/, (?=[A-Z])/)
      .map((s) => `  - "${s}"\n`)
      .join('')}`;
    expect(() => buildModel(tf, graphOf(spec))).toThrow(message);
  });

  it('what tfjs keeps still compiles: LayerNormalization and BatchNormalization regularizers, BatchNormalization constraints', () => {
    const ln = layerOf('LayerNormalization(gamma_regularizer=keras.regularizers.l2(0.1))', '[4, 3]').getConfig() as Config;
    expect(ln.gammaRegularizer).toEqual({ className: 'L1L2', config: { l1: 0, l2: 0.1 } });
    const bn = layerOf("BatchNormalization(beta_constraint='non_neg', gamma_regularizer=keras.regularizers.l2(0.1))", '[4, 3]').getConfig() as Config;
    expect(bn.betaConstraint).toMatchObject({ className: 'NonNeg' });
    expect(bn.gammaRegularizer).toEqual({ className: 'L1L2', config: { l1: 0, l2: 0.1 } });
  });

  it("netspec's MultiHeadAttention gives every projection the kernel and bias objects, as Keras does", () => {
    const { model } = buildModel(
      tf,
      graphOf(
        "input: [3, 4]\nlayers:\n  - MultiHeadAttention(2, 2, kernel_initializer=keras.initializers.Constant(0.5), bias_initializer='ones', kernel_constraint='non_neg')\n",
      ),
    );
    const attention = model.layers[1]!;
    const values = attention.getWeights().map((w) => [...new Set(Array.from(w.dataSync()))]);
    // query, key, value, output: each kernel all 0.5, each bias all 1.
    expect(values).toEqual([[0.5], [1], [0.5], [1], [0.5], [1], [0.5], [1]]);
    expect(attention.weights.filter((w) => w.constraint?.getClassName() === 'NonNeg')).toHaveLength(4);
    model.dispose();
  });

  it("netspec's GroupNormalization takes gamma/beta initializers, regularizers and constraints", () => {
    const { model } = buildModel(
      tf,
      graphOf(
        "input: [4, 4]\nlayers:\n  - GroupNormalization(2, gamma_initializer=keras.initializers.Constant(2), beta_constraint='non_neg', gamma_regularizer=keras.regularizers.l2(0.1))\n",
      ),
    );
    const norm = model.layers[1]!;
    expect(Array.from(norm.getWeights()[0]!.dataSync())).toEqual([2, 2, 2, 2]);
    expect(norm.weights[1]!.constraint?.getClassName()).toBe('NonNeg');
    const penalty = tf.tidy(() => (norm.losses as unknown as (() => ReturnType<Tf['scalar']>)[]).map((loss) => loss().dataSync()[0]));
    expect(penalty[0]).toBeCloseTo(0.1 * 4 * 4, 5);
    model.dispose();
  });

  it("Keras's glorot_uniform depthwise kernel is passed (tfjs's DepthwiseConv2D defaults to glorotNormal), and a SeparableConv's pointwise", () => {
    expect((layerOf('DepthwiseConv2D(3)', '[5, 5, 3]').getConfig() as Config).depthwiseInitializer).toMatchObject({
      config: { scale: 1, mode: 'fanAvg', distribution: 'uniform' },
    });
    const { model } = buildModel(tf, graphOf('input: [6, 3]\nlayers:\n  - SeparableConv1D(4, 3)\n'));
    expect((model.getLayer('separable_conv1d').getConfig() as Config).kernelInitializer).toMatchObject({ config: { distribution: 'uniform' } });
  });
});
