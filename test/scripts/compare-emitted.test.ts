// The Keras tier's comparison (scripts/keras/compare-emitted.ts) finds every kind of difference;
// its input is what scripts/keras/run_emitted.py records, built here by hand.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile, analyzeText } from '../../src/index.js';
import { compareWithKeras, type KerasLayerResult } from '../../scripts/keras/compare-emitted.js';

const graph = analyzeText(
  'input: [8]\nlayers:\n  - {dense: {units: 4}, name: a}\n  - {use: a, inputs: input_layer, name: b}\n  - {add: {}, inputs: [a, b]}\n',
).graph!;
const layers = (): KerasLayerResult[] => [
  { name: 'input_layer', class: 'InputLayer', calls: [[[8]]], trainable: 0, non_trainable: 0 },
  { name: 'a', class: 'Dense', calls: [[[4]], [[4]]], trainable: 36, non_trainable: 0 },
  { name: 'add', class: 'Add', calls: [[[4]]], trainable: 0, non_trainable: 0 },
];

describe('compareWithKeras', () => {
  it('accepts what Keras builds for the graph, a shared layer as one layer called twice', () => {
    expect(compareWithKeras(graph, { layers: layers(), total_params: 36 })).toEqual([]);
  });

  it('compares every output of a layer with several (return_state)', () => {
    const lstm = analyzeText('input: [5, 2]\nlayers:\n  - LSTM(3, return_state=True)\n').graph!;
    const result = (calls: (number | null)[][][]) => ({
      layers: [
        { name: 'input_layer', class: 'InputLayer', calls: [[[5, 2]]], trainable: 0, non_trainable: 0 },
        { name: 'lstm', class: 'LSTM', calls, trainable: 72, non_trainable: 0 },
      ],
      total_params: 72,
    });
    expect(compareWithKeras(lstm, result([[[3], [3], [3]]]))).toEqual([]);
    expect(compareWithKeras(lstm, result([[[3], [3]]]))).toEqual(['lstm (LSTM): output shape [[3],[3],[3]] in netspec, [[3],[3]] in Keras']);
  });

  it('reports a shape, a weight count, a missing or extra layer, a call count and the total', () => {
    const changed = layers();
    changed[1] = { ...changed[1]!, calls: [[[4]], [[5]]], trainable: 40 };
    changed.push({ name: 'extra', class: 'Dense', calls: [[[1]]], trainable: 5, non_trainable: 0 });
    changed.splice(2, 1);
    expect(compareWithKeras(graph, { layers: changed, total_params: 45 })).toEqual([
      'a (Dense): params 36 + 0 non-trainable in netspec, 40 + 0 in Keras',
      'b (Dense): output shape [4] in netspec, [5] in Keras',
      "add (Add): no Keras layer named 'add'",
      "Keras layer 'extra' (Dense) is not in netspec's graph",
      'total params 36 in netspec, 45 in Keras',
    ]);
    const once = layers();
    once[1] = { ...once[1]!, calls: [[[4]]] };
    expect(compareWithKeras(graph, { layers: once, total_params: 36 })).toEqual([
      'b (Dense): output shape [4] in netspec, "no such call" in Keras',
      'a: called 2 times in netspec, 1 in Keras',
    ]);
  });

  it('reports the error Keras raised', () => {
    expect(compareWithKeras(graph, { error: 'ValueError: bad' })).toEqual(['Keras raised: ValueError: bad']);
  });

  it('reads a library spec without trouble (sanity of names)', () => {
    const g = analyzeFile(join(import.meta.dirname, '../../specs/lenet5.yaml')).graph!;
    expect(compareWithKeras(g, { layers: [], total_params: 0 }).length).toBeGreaterThan(g.nodes.length);
  });
});
