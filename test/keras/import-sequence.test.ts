// `netspec import` of Keras models with wrapped layers: model.to_json() of the sequence examples
// (test/fixtures/keras/sequence-import/, from scripts/keras/sequence_examples_fixture.py) becomes
// a spec with `Bidirectional(LSTM(…))` and `TimeDistributed(Conv2D(…))` steps whose figures equal
// Keras's (test/fixtures/keras/sequence-examples.json).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/ir/analyze.js';
import { analyzePython } from '../../src/cli/load-python.js';
import { importModelFile } from '../../src/keras/import-file.js';

const fixtures = join(import.meta.dirname, '../fixtures/keras');
const keras = JSON.parse(readFileSync(join(fixtures, 'sequence-examples.json'), 'utf8')) as {
  models: Record<string, { params: number; trainable: number; layers: { class_name: string; output_shape: (number | null)[]; params: number }[] }>;
};

describe.each(Object.entries(keras.models))('import %s', (name, model) => {
  const imported = importModelFile(join(fixtures, 'sequence-import', `${name}.json`), `${name}.json`);

  it('writes the wrapped layer as a call, Keras defaults and the saved backward copy left out', () => {
    expect(imported.notices).toEqual([]);
    if (name === 'ecg-bilstm') expect(imported.text).toContain('Bidirectional(LSTM(64, return_sequences=True)');
    if (name === 'echo-video-cnn-lstm') expect(imported.text).toContain("TimeDistributed(Conv2D(16, 3, activation='relu')");
    expect(imported.text).not.toContain('backward_layer');
  });

  it("analyses to Keras's figures", () => {
    const result = analyzeText(imported.text, { file: `${name}.yaml` });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.graph!.totals).toMatchObject({ params: model.params, trainable: model.trainable });
    const ours = result.graph!.nodes.map((n) => ({ class_name: n.kind, output_shape: n.outputShape, params: n.params.trainable + n.params.nonTrainable }));
    expect(ours).toEqual(model.layers.map(({ class_name, output_shape, params }) => ({ class_name, output_shape, params })));
  });
});

describe('reading Python Keras code with wrapped layers', () => {
  it('takes a layer object as a wrapper argument, inline or by name', () => {
    const code = [
      'import keras',
      'from keras import layers',
      'inputs = keras.Input(shape=(187, 1))',
      'x = layers.Bidirectional(layers.LSTM(64, return_sequences=True))(inputs)',
      'dense = layers.Dense(8)',
      'x = layers.TimeDistributed(dense)(x)',
      'outputs = layers.GRU(16)(x)',
      'model = keras.Model(inputs, outputs)',
      '',
    ].join('\n');
    const result = analyzePython(code, 'model.py', {});
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // Keras: 2·4·(64·(1 + 64) + 64) = 33,792; (128 + 1)·8 = 1,032; 3·(16·(8 + 16) + 2·16) = 1,248.
    expect(result.graph!.nodes.map((n) => [n.kind, n.outputShape, n.params.trainable])).toEqual([
      ['InputLayer', [187, 1], 0],
      ['Bidirectional', [187, 128], 33792],
      ['TimeDistributed', [187, 8], 1032],
      ['GRU', [16], 1248],
    ]);
  });
});
