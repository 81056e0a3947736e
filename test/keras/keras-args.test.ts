// Saved layer configs → call arguments: only what differs from Keras's defaults. The configs are
// as Keras 3 saves them (test/fixtures/keras/import/*.json hold the same fields).
import { describe, expect, it } from 'vitest';
import { callArguments } from '../../src/keras/keras-args.js';
import { fromNetspecClass, kerasActivation } from '../../src/keras/tfjs-classes.js';

const glorot = { module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null }, registered_name: null };
const conv = {
  name: 'c',
  trainable: true,
  dtype: { class_name: 'DTypePolicy', config: { name: 'float32' } },
  filters: 64,
  kernel_size: [7, 7],
  strides: [2, 2],
  padding: 'valid',
  data_format: 'channels_last',
  dilation_rate: [1, 1],
  groups: 1,
  activation: 'linear',
  use_bias: true,
  kernel_initializer: glorot,
  bias_initializer: glorot,
  kernel_regularizer: null,
  bias_regularizer: null,
  activity_regularizer: null,
  kernel_constraint: null,
  bias_constraint: null,
};

describe('callArguments', () => {
  it.each([
    ['Conv2D with defaults dropped, equal tuples as one number', 'Conv2D', conv, '64, 7, strides=2'],
    ['a frozen layer', 'Conv2D', { ...conv, trainable: false }, '64, 7, strides=2, trainable=False'],
    ['unequal tuples kept as tuples', 'Conv2D', { ...conv, kernel_size: [1, 7], strides: [1, 1] }, '64, (1, 7)'],
    [
      'pooling strides equal to pool_size dropped (their default follows pool_size)',
      'MaxPooling2D',
      { name: 'p', pool_size: [3, 3], strides: [3, 3], padding: 'valid' },
      'pool_size=3',
    ],
    [
      'pooling strides other than pool_size kept',
      'MaxPooling2D',
      { name: 'p', pool_size: [3, 3], strides: [2, 2], padding: 'same' },
      "pool_size=3, strides=2, padding='same'",
    ],
    [
      'Dense with its activation',
      'Dense',
      { name: 'd', units: 10, activation: 'softmax', use_bias: true, kernel_initializer: glorot },
      "10, activation='softmax'",
    ],
    ["Activation('linear'): the identity ConvNeXt uses, kept (the argument is required)", 'Activation', { name: 'identity', activation: 'linear' }, "'linear'"],
    ['a one-item list as a list', 'Reshape', { name: 'r', target_shape: [784] }, '[784]'],
    ['floats as written', 'BatchNormalization', { name: 'b', axis: -1, momentum: 0.99, epsilon: 1.001e-5, center: true, scale: true }, 'epsilon=0.00001001'],
  ])('%s', (_what, className, config, text) => {
    expect(callArguments(className, config).text).toBe(text);
  });

  it('lists settings netspec does not model, but not initialisers', () => {
    expect(callArguments('Dense', { name: 'd', units: 4, lora_rank: 8, kernel_initializer: glorot }).dropped).toEqual(['lora_rank=8']);
  });

  it("reads TensorFlow.js activation names and netspec compile's own classes", () => {
    expect(kerasActivation('hardSigmoid')).toBe('hard_sigmoid');
    expect(kerasActivation('netspec_hard_swish')).toBe('hard_swish');
    expect(
      fromNetspecClass('NetspecConv', {
        name: 'g',
        rank: 2,
        filters: 8,
        kernel_size: [3, 3],
        strides: [1, 1],
        padding: 'valid',
        dilation_rate: [1, 1],
        groups: 2,
        activation: null,
        use_bias: true,
      }),
    ).toEqual({
      className: 'Conv2D',
      config: {
        name: 'g',
        filters: 8,
        kernel_size: [3, 3],
        strides: [1, 1],
        padding: 'valid',
        dilation_rate: [1, 1],
        groups: 2,
        activation: null,
        use_bias: true,
      },
    });
    expect(
      fromNetspecClass('NetspecResample', {
        name: 'u',
        op: 'nearest',
        amounts: [
          [2, 2],
          [2, 2],
          [2, 2],
        ],
      }),
    ).toEqual({ className: 'UpSampling3D', config: { name: 'u', size: [2, 2, 2] } });
    expect(fromNetspecClass('Dense', {})).toBeUndefined();
  });
});
