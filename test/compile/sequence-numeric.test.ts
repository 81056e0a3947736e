// Compiled recurrent models compute what Keras computes: each case of
// test/fixtures/keras/sequence-numeric.json (scripts/keras/sequence_numeric_fixture.py) is built
// from the same Keras call strings, given Keras's fixed weights, and run on Keras's input.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/compile/build-model.js';
import { registerCustomLayers } from '../../src/compile/custom-layers.js';
import type { Tf } from '../../src/layers/types.js';
import { graphOf } from './helpers.js';
import { writeKerasWeights, type KerasWeight } from './keras-weights.js';
import { maxAbsDiff, testTf } from './tf-setup.js';

interface NumericCase {
  name: string;
  steps: string[];
  input_shape: number[];
  input: unknown;
  weights: KerasWeight[][];
  output: unknown;
}

interface FailingCase {
  name: string;
  steps: string[];
  input_shape: number[];
  error: string;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/keras/sequence-numeric.json', import.meta.url), 'utf8')) as {
  cases: NumericCase[];
  failing: FailingCase[];
};
const specOf = (c: { input_shape: number[]; steps: string[] }): string =>
  `input: ${JSON.stringify(c.input_shape)}\nlayers:\n${c.steps.map((s) => `  - ${JSON.stringify(s)}\n`).join('')}`;

let tf: Tf;
beforeAll(async () => {
  tf = await testTf();
});

describe('compiled recurrent layers against Keras outputs', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const graph = graphOf(specOf(c));
    const compiled = buildModel(tf, graph);
    const { model } = compiled;
    writeKerasWeights(tf, graph, compiled, c.weights);
    const output = model.predict(tf.tensor(c.input as number[][])) as ReturnType<Tf['tensor']>;
    expect(maxAbsDiff(output.arraySync(), c.output)).toBeLessThan(1e-5);
    model.dispose();
  });
});

describe('models Keras builds and then fails to run are refused at compile', () => {
  it.each(fixture.failing.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(c.error).toMatch(/ConvLSTM\dD/);
    const graph = graphOf(specOf(c));
    expect(() => buildModel(tf, graph)).toThrow(
      /cannot compile conv_lstm\dd \(ConvLSTM\dD\) to TensorFlow\.js: the mask from 'masking' .* Keras fails when it runs this model/,
    );
  });
});

describe('saved and loaded again', () => {
  it('a model.json with a Bidirectional NetspecGRU, TimeDistributed and Masking loads and predicts the same', async () => {
    const graph = graphOf(
      'input: [6, 3]\nlayers:\n  - Masking()\n  - Bidirectional(GRU(4, return_sequences=True))\n  - TimeDistributed(Dense(2))\n  - LSTM(3)\n',
    );
    const { model } = buildModel(tf, graph);
    registerCustomLayers(tf);
    let saved: Parameters<Parameters<Tf['io']['withSaveHandler']>[0]>[0] | undefined;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    const x = tf.tensor3d([
      [
        [1, 2, 3],
        [0, 0, 0],
        [0.5, -1, 2],
        [3, 1, 0],
        [0, 0, 0],
        [0, 0, 0],
      ],
    ]);
    const predict = (m: typeof model) => (m.predict(x) as ReturnType<Tf['tensor']>).arraySync();
    expect(maxAbsDiff(predict(loaded), predict(model))).toBeLessThan(1e-6);
  });
});

describe('refused rather than approximated', () => {
  it("ConvLSTM3D with dropout (netspec's layer does not apply it)", () => {
    expect(() => buildModel(tf, graphOf('input: [2, 4, 4, 4, 1]\nlayers:\n  - ConvLSTM3D(2, 2, dropout=0.1)\n'))).toThrow(/ConvLSTM3D with dropout/);
  });
});
