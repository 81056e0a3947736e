// A layer as an argument (Bidirectional, TimeDistributed): the call form, the mapping form with a
// call string or a one-key mapping all give the same model, and a mistake inside the wrapped
// layer is reported at its own text. Figures from Keras (test/fixtures/keras/layers-sequence.json):
// Bidirectional(LSTM(64, return_sequences=True)) on (100, 32) → (100, 128), 49,664 parameters.
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/index.js';

function graph(layers: string) {
  const result = analyzeText(`input: [100, 32]\nlayers:\n${layers}`, { file: 'spec.yaml' });
  expect(result.diagnostics).toEqual([]);
  return result.graph!;
}

function firstError(layers: string) {
  const result = analyzeText(`input: [100, 32]\nlayers:\n${layers}`, { file: 'spec.yaml' });
  const error = result.diagnostics.find((d) => d.severity === 'error')!;
  return { code: error.code, message: error.message, line: error.line, column: error.column, suggestion: error.suggestion };
}

describe('a wrapped layer in every form', () => {
  it.each([
    ['call form', '  - Bidirectional(LSTM(64, return_sequences=True))\n'],
    ['call form, keywords and a dotted name', "  - Bidirectional(layer=keras.layers.LSTM(units=64, return_sequences=True), merge_mode='concat')\n"],
    ['mapping with a call string', '  - bidirectional: {layer: "LSTM(64, return_sequences=True)"}\n'],
    ['mapping with a mapping', '  - bidirectional: {layer: {lstm: {units: 64, return_sequences: true}}}\n'],
  ])('%s', (_name, layers) => {
    const node = graph(layers).nodes[1]!;
    expect(node.outputShape).toEqual([100, 128]);
    expect(node.params).toEqual({ trainable: 49664, nonTrainable: 0 });
    expect(node.label).toBe('BiLSTM 64 · seq · concat');
  });

  it('evaluates expressions inside the wrapped layer', () => {
    const result = analyzeText('params: {width: 16}\ninput: [10, 4]\nlayers:\n  - TimeDistributed(Dense(2 * width))\n', { file: 'spec.yaml' });
    expect(result.diagnostics).toEqual([]);
    expect(result.graph!.nodes[1]!.outputShape).toEqual([10, 32]);
  });
});

describe('mistakes in a wrapped layer', () => {
  it.each([
    ['unknown kind', '  - Bidirectional(LSTMM(64))\n', { code: 'unknown-kind', line: 3, column: 19, suggestion: "did you mean 'LSTM'?" }],
    ['unknown argument', '  - Bidirectional(LSTM(unitz=64))\n', { code: 'unknown-argument', line: 3, column: 24, suggestion: "did you mean 'units'?" }],
    ['not a layer', '  - Bidirectional(64)\n', { code: 'type', line: 3, column: 19 }],
    ['not recurrent', '  - Bidirectional(Dense(4))\n', { code: 'argument', line: 3, message: expect.stringMatching(/must be recurrent .* not Dense/) }],
    ['a second key beside the kind', '  - bidirectional: {layer: {lstm: {units: 4}, name: x}}\n', { code: 'schema', line: 3 }],
  ])('%s', (_name, layers, expected) => {
    expect(firstError(layers)).toMatchObject(expected);
  });
});
