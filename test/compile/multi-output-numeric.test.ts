// Compiled layers with several outputs compute what Keras computes, every output: each case of
// test/fixtures/keras/multi-output-numeric.json (scripts/keras/multi_output_numeric_fixture.py) is
// the same model as a netspec spec, given Keras's fixed weights and run on Keras's inputs.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/compile/build-model.js';
import { compareWithIR } from '../../src/compile/verify.js';
import type { Tf } from '../../src/layers/types.js';
import { graphOf } from './helpers.js';
import { writeKerasWeights, type KerasWeight } from './keras-weights.js';
import { maxAbsDiff, testTf } from './tf-setup.js';

interface NumericCase {
  name: string;
  spec: string;
  inputs: number[][][];
  weights: KerasWeight[][];
  outputs: unknown[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/keras/multi-output-numeric.json', import.meta.url), 'utf8')) as { cases: NumericCase[] };

let tf: Tf;
beforeAll(async () => {
  tf = await testTf();
});

describe('compiled layers with several outputs against Keras outputs', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const graph = graphOf(c.spec);
    const compiled = buildModel(tf, graph);
    const { model } = compiled;
    expect(compareWithIR(graph, compiled)).toEqual([]);
    writeKerasWeights(tf, graph, compiled, c.weights);
    const predicted = model.predict(c.inputs.map((x) => tf.tensor(x))) as ReturnType<Tf['tensor']> | ReturnType<Tf['tensor']>[];
    const outputs = [predicted].flat();
    expect(outputs).toHaveLength(c.outputs.length);
    outputs.forEach((output, k) => expect(maxAbsDiff(output.arraySync(), c.outputs[k]), `output ${k}`).toBeLessThan(1e-5));
    model.dispose();
  });
});

describe('saved and loaded again', () => {
  it('a model.json with initial states, return_state and a Bidirectional NetspecGRU with merge_mode=None predicts the same', async () => {
    const graph = graphOf(
      "inputs: {x: [6, 3], y: [5, 2]}\nlayers:\n  - {lstm: {units: 4, return_state: true}, name: enc, inputs: [x]}\n  - {lstm: {units: 4, return_sequences: true}, name: dec, inputs: [y, 'enc[1]', 'enc[2]']}\n  - {bidirectional: {layer: 'GRU(3, return_state=True)', merge_mode: null}, name: bi}\noutputs: [bi, 'enc[2]']\n",
    );
    const { model } = buildModel(tf, graph);
    let saved: Parameters<Parameters<Tf['io']['withSaveHandler']>[0]>[0] | undefined;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    const inputs = [tf.randomNormal([2, 6, 3], 0, 1, 'float32', 1), tf.randomNormal([2, 5, 2], 0, 1, 'float32', 2)];
    const predict = (m: typeof model) => [m.predict(inputs) as ReturnType<Tf['tensor']>[]].flat().map((t) => t.arraySync());
    const before = predict(model);
    expect(before).toHaveLength(5);
    expect(maxAbsDiff(predict(loaded), before)).toBeLessThan(1e-6);
  });
});

describe('shared layers with several outputs', () => {
  it('a shared LSTM with return_state and a block around one compile with every output shape', () => {
    const graph = graphOf(
      "inputs: {a: [10, 3], b: [10, 3]}\nblocks:\n  encoder:\n    layers:\n      - dense: {units: 4}\n      - lstm: {units: 8, return_state: true}\nlayers:\n  - {encoder: {}, name: e1, inputs: [a]}\n  - {use: e1, name: e2, inputs: [b]}\n  - {concatenate: {}, inputs: ['e1[1]', 'e2[2]'], name: cat}\n  - {lstm: {units: 8, return_state: true}, name: s1, inputs: [b]}\n  - {use: s1, name: s2, inputs: [a]}\n  - {add: {}, inputs: ['s1[1]', 's2[2]'], name: sum}\noutputs: [cat, sum, e2]\n",
    );
    const compiled = buildModel(tf, graph);
    expect(compareWithIR(graph, compiled)).toEqual([]);
    expect(compiled.model.countParams()).toBe(816);
    expect(compiled.model.outputs.map((t) => t.shape)).toEqual([
      [null, 16],
      [null, 8],
      [null, 8],
      [null, 8],
      [null, 8],
    ]);
    compiled.model.dispose();
  });
});
