// Keras's mask propagation in compiled models (src/compile/keras-masks.ts): which masks are built
// at all, and which models are refused because TensorFlow.js would mask them differently. The
// numbers (masked and unmasked outputs against Keras) are in sequence-numeric.test.ts; the
// expected behaviour per layer follows Keras 3.15's supports_masking (keras/src/layers/).
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel, MAX_TFJS_RANK } from '../../src/compile/build-model.js';
import { planMasks } from '../../src/compile/keras-masks.js';
import type { Tf } from '../../src/layers/types.js';
import { graphOf } from './helpers.js';
import { testTf } from './tf-setup.js';

const spec = (input: number[], steps: string[]): string =>
  `input: ${JSON.stringify(input)}\nlayers:\n${steps.map((s) => `  - ${JSON.stringify(s)}\n`).join('')}`;

let tf: Tf;
beforeAll(async () => {
  tf = await testTf();
});

describe('masks Keras uses nowhere are not built', () => {
  it.each([
    ['Masking, then Conv1D ends the mask', [6, 2], ['Masking()', 'Conv1D(3, 2)', 'LSTM(2)'], ['masking']],
    ['Masking, then Flatten and Dense', [6, 2], ['Masking()', 'Flatten()', 'Dense(2)'], ['masking']],
    ['Embedding(mask_zero) into Flatten', [5], ['Embedding(10, 3, mask_zero=True)', 'Flatten()', 'Dense(2)'], ['embedding']],
    ['Masking into LSTM: used', [6, 2], ['Masking()', 'LSTM(2)'], []],
    ['Embedding(mask_zero) into GRU through Dropout: used', [5], ['Embedding(10, 3, mask_zero=True)', 'Dropout(0.1)', 'GRU(2)'], []],
    ['Masking into LSTM(return_sequences) into Dense into LSTM: used', [6, 2], ['Masking()', 'LSTM(3, return_sequences=True)', 'Dense(2)', 'LSTM(2)'], []],
  ])('%s', (_title, input, steps, inert) => {
    expect([...planMasks(graphOf(spec(input, steps))).inert]).toEqual(inert);
  });

  it('an unused Masking compiles to a layer with no mask that still zeroes the masked steps, as Keras does', () => {
    const graph = graphOf(spec([3, 2], ['Masking(-1.0)', 'Dense(1, use_bias=False, kernel_initializer="ones")']));
    const { model } = buildModel(tf, graph);
    const layer = model.getLayer('masking');
    expect(layer.getClassName()).toBe('NetspecElementwise');
    expect(layer.supportsMasking).toBe(false);
    const out = model.predict(
      tf.tensor3d([
        [
          [1, 2],
          [-1, -1],
          [-1, 3],
        ],
      ]),
    ) as ReturnType<Tf['tensor']>;
    expect(out.arraySync()).toEqual([[[3], [0], [2]]]);
    model.dispose();
  });
});

describe('refused where TensorFlow.js would mask differently from Keras', () => {
  it.each([
    [
      'a recurrent layer the mask does not reach in Keras, after one it does',
      [6, 2],
      ['Masking()', 'LSTM(3, return_sequences=True)', 'Conv1D(2, 1)', 'LSTM(2)'],
      /cannot compile lstm_1 \(LSTM\) to TensorFlow\.js: Keras gives it no mask .* TensorFlow\.js would still apply that mask here/,
    ],
    [
      'GlobalAveragePooling1D, which averages the unmasked steps in Keras',
      [6, 2],
      ['Masking()', 'LSTM(3, return_sequences=True)', 'GlobalAveragePooling1D()'],
      /cannot compile global_average_pooling1d \(GlobalAveragePooling1D\) to TensorFlow\.js: Keras applies the mask from 'masking' here/,
    ],
    [
      'ConvLSTM1D after Masking, which Keras fails to run',
      [4, 5, 2],
      ['Masking()', 'ConvLSTM1D(2, 2)'],
      /cannot compile conv_lstm1d \(ConvLSTM1D\) to TensorFlow\.js: the mask from 'masking' has one value per position \(2 axes\)/,
    ],
    [
      'a tensor beyond six axes with the batch',
      [2, 2, 2, 2, 2, 2],
      ['Dense(2)'],
      new RegExp(`a tensor of 7 axes with the batch, and TensorFlow\\.js computes at most ${MAX_TFJS_RANK}`),
    ],
  ])('%s', (_title, input, steps, message) => {
    expect(() => buildModel(tf, graphOf(spec(input, steps)))).toThrow(message);
  });
});

describe('a recurrent layer beside the masked branch', () => {
  it('is refused even where it comes first in the spec (tfjs may run it after the Masking)', () => {
    const graph = graphOf(
      'input: [6, 2]\nlayers:\n  - {lstm: {units: 2}, inputs: [input_layer], name: plain}\n  - {masking: {}, inputs: [input_layer], name: padded}\n  - {lstm: {units: 2}, name: masked}\n  - {concatenate: {}, inputs: [plain, masked]}\n',
    );
    expect(() => buildModel(tf, graph)).toThrow(
      /cannot compile plain \(LSTM\) to TensorFlow\.js: Keras gives it no mask \(the mask from 'padded' does not reach it\)/,
    );
  });

  it('compiles where it feeds the Masking (it runs first)', () => {
    const graph = graphOf('input: [6, 2]\nlayers:\n  - LSTM(3, return_sequences=True)\n  - Masking()\n  - LSTM(2)\n');
    expect(() => buildModel(tf, graph).model.dispose()).not.toThrow();
  });
});
