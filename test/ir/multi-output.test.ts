// Steps with several outputs: `enc[1]` picks one (Python's `out, h, c = LSTM(…)(x)`), a bare name
// stands for all of them as Keras's list does, and feeding them whole to a one-input layer is
// Keras's own error ("expects 1 input(s), but it received 3 input tensors"), named and explained.
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/ir/analyze.js';
import { formatSummary, summaryJson } from '../../src/report/summary.js';
import { explainGraph } from '../../src/report/explain.js';

// The Keras model of scripts/keras/multi_output_fixture.py's table, put together: an encoder whose
// states start the decoder, and two Bidirectional layers with several outputs. Keras's summary of
// the same model: enc 384, dec 416, bi 396, bi2 480, total 1,676.
const SEQ2SEQ = `name: seq2seq
inputs:
  enc_in: [10, 3]
  dec_in: [7, 4]
layers:
  - lstm: {units: 8, return_state: true}
    name: enc
    inputs: [enc_in]
  - lstm: {units: 8, return_sequences: true}
    name: dec
    inputs:
      - dec_in
      - enc[1]
      - enc[2]
  - bidirectional: {layer: 'GRU(6, return_state=True)', merge_mode: null}
    name: bi
    inputs: [enc_in]
  - bidirectional: {layer: 'LSTM(6, return_state=True)'}
    name: bi2
    inputs: [enc_in]
outputs: [dec, 'enc[2]', 'bi[0]', 'bi[-1]', bi2]
`;

function graphOf(text: string) {
  const result = analyzeText(text, { file: 'spec.yaml' });
  expect(result.diagnostics).toEqual([]);
  return result.graph!;
}

function errorsOf(text: string) {
  const result = analyzeText(text, { file: 'spec.yaml' });
  expect(result.graph).toBeUndefined();
  return result.diagnostics;
}

describe('a seq2seq encoder–decoder and Bidirectional layers with several outputs', () => {
  const graph = graphOf(SEQ2SEQ);
  const node = (name: string) => graph.nodes.find((n) => n.name === name)!;

  it('has Keras’s figures per layer and in total', () => {
    expect(['enc', 'dec', 'bi', 'bi2'].map((n) => node(n).params.trainable)).toEqual([384, 416, 396, 480]);
    expect(graph.totals.params).toBe(1676);
  });

  it('keeps every output shape, the first as outputShape', () => {
    expect(node('enc').outputShape).toEqual([8]);
    expect(node('enc').outputShapes).toEqual([[8], [8], [8]]);
    expect(node('enc').outputNames).toEqual(['output', 'state_h', 'state_c']);
    expect(node('bi').outputShapes).toEqual([[6], [6], [6], [6]]);
    expect(node('bi2').outputShapes).toEqual([[12], [6], [6], [6], [6]]);
    expect(node('dec').outputShapes).toBeUndefined();
  });

  it('remembers which output an edge reads', () => {
    expect(node('dec').inputs).toEqual(['dec_in', 'enc', 'enc']);
    expect(node('dec').inputPorts).toEqual([0, 1, 2]);
    expect(node('dec').inputShapes).toEqual([[7, 4], [8], [8]]);
    expect(node('bi').inputPorts).toBeUndefined();
  });

  it('makes each output of a bare multi-output name a model output, as Keras’s Model does', () => {
    expect(graph.outputs.map((o) => [o.name, o.output])).toEqual([
      ['dec', undefined],
      ['enc', 2],
      ['bi', 0],
      ['bi', 3],
      ...[0, 1, 2, 3, 4].map((k) => ['bi2', k]),
    ]);
  });

  it('prints Keras’s list of shapes in the summary and the picked outputs under Connected to', () => {
    const table = formatSummary(graph, 'table');
    expect(table).toMatch(/enc \(LSTM\)\s+\[\(None, 8\), \(None, 8\), \(None, 8\)\]\s+384/);
    expect(table).toMatch(/dec \(LSTM\)\s+\(None, 7, 8\)\s+416\s+2,688\s+-\s+dec_in, enc\[1\], enc\[2\]/);
    const json = summaryJson(graph);
    const dec = json.layers.find((l) => l.name === 'dec')!;
    expect(dec).toMatchObject({ inputs: ['dec_in', 'enc', 'enc'], input_outputs: [0, 1, 2] });
    expect(json.layers.find((l) => l.name === 'enc')).toMatchObject({
      output_shape: [null, 8],
      output_shapes: [
        [null, 8],
        [null, 8],
        [null, 8],
      ],
      output_names: ['output', 'state_h', 'state_c'],
    });
    expect(json.outputs[1]).toEqual({ name: 'enc', shape: [null, 8], output: 2 });
  });

  it('explains each output and the initial states', () => {
    const text = explainGraph(graph).text;
    expect(text).toContain('enc (LSTM)  (None, 10, 3) → [(None, 8), (None, 8), (None, 8)]');
    expect(text).toContain('outputs: enc[0] output (None, 8), enc[1] state_h (None, 8), enc[2] state_c (None, 8)');
    expect(text).toContain('initial_state = state_h, state_c, each (8,) (inputs 2–3; no parameters)');
  });
});

describe('reading several outputs on', () => {
  it('passes them all to a merge layer, as Keras’s Concatenate()(lstm(x)) does', () => {
    const graph = graphOf('input: [10, 3]\nlayers:\n  - LSTM(8, return_state=True)\n  - concatenate\n');
    expect(graph.nodes.at(-1)!.outputShape).toEqual([24]);
    expect(graph.nodes.at(-1)!.inputPorts).toEqual([0, 1, 2]);
  });

  it('refuses a one-input layer fed all of them, naming the outputs and the subscript', () => {
    const [d, ...rest] = errorsOf('input: [10, 3]\nlayers:\n  - LSTM(8, return_state=True)\n  - Dense(4)\n');
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'several-outputs', line: 4, column: 5 });
    expect(d!.message).toBe("Dense takes one input, but 'lstm' (LSTM) has 3 outputs: lstm[0] output, lstm[1] state_h, lstm[2] state_c");
    expect(d!.suggestion).toMatch(/inputs: \['lstm\[0\]'\]/);
  });

  it('a step’s name and the default output work on a picked output', () => {
    const graph = graphOf('input: [10, 3]\nlayers:\n  - {lstm: {units: 8, return_state: true}, name: enc}\n  - {dense: {units: 4}, inputs: ["enc[-1]"]}\n');
    expect(graph.nodes.at(-1)!.inputPorts).toEqual([2]);
    expect(graph.outputs).toEqual([{ name: 'dense', shape: [4] }]);
  });

  it.each([
    ['an index past the end', 'enc[3]', "'enc[3]': 'enc' has 3 outputs (enc[0] output, enc[1] state_h, enc[2] state_c), so index 3 is out of range"],
    ['a subscript on a one-output step', 'x[0]', "'x' has one output, so 'x[0]' picks nothing"],
  ])('refuses %s at its position', (_name, ref, message) => {
    const [d] = errorsOf(
      `input: [10, 3]\nlayers:\n  - {lstm: {units: 8, return_state: true}, name: enc}\n  - {dense: {units: 4}, name: x, inputs: ["enc[0]"]}\n  - dense: {units: 2}\n    inputs:\n      - ${ref}\n`,
    );
    expect(d).toMatchObject({ code: 'output-index', message, line: 7, column: 9 });
  });

  it('an initial state of the wrong shape is a shape error at the step', () => {
    const [d] = errorsOf('inputs: {x: [10, 3], h: [5]}\nlayers:\n  - {gru: {units: 8}, inputs: [x, h]}\n');
    expect(d).toMatchObject({ code: 'shape', line: 3 });
    expect(d!.message).toMatch(/input 2 \(state\) has shape \(None, 5\), GRU's state is \(None, 8\)/);
  });
});

describe('several outputs through blocks and shared layers', () => {
  // Built in Keras by the Keras tier (scripts/keras/test-emitted.ts): 816 parameters, the same shapes.
  const SHARED = `inputs: {a: [10, 3], b: [10, 3]}
blocks:
  encoder:
    layers:
      - dense: {units: 4}
      - lstm: {units: 8, return_state: true}
layers:
  - {encoder: {}, name: e1, inputs: [a]}
  - {use: e1, name: e2, inputs: [b]}
  - {concatenate: {}, inputs: ['e1[1]', 'e2[2]'], name: cat}
  - {lstm: {units: 8, return_state: true}, name: s1, inputs: [b]}
  - {use: s1, name: s2, inputs: [a]}
  - {add: {}, inputs: ['s1[1]', 's2[2]'], name: sum}
outputs: [cat, sum, e2]
`;
  const graph = graphOf(SHARED);
  const node = (name: string) => graph.nodes.find((n) => n.name === name)!;

  it("a block's output is its last step's outputs, picked by the block's name", () => {
    expect(node('cat')).toMatchObject({ inputs: ['e1.lstm', 'e2.lstm'], inputPorts: [1, 2], outputShape: [16] });
  });

  it('a shared call has the same outputs and its own edges', () => {
    expect(node('s2')).toMatchObject({ sharedWith: 's1', outputShapes: [[8], [8], [8]], params: { trainable: 0, nonTrainable: 0 } });
    expect(node('sum')).toMatchObject({ inputs: ['s1', 's2'], inputPorts: [1, 2] });
    expect(graph.totals.params).toBe(816);
    expect(graph.outputs.map((o) => `${o.name}${o.output === undefined ? '' : `[${o.output}]`}`)).toEqual([
      'cat',
      'sum',
      'e2.lstm[0]',
      'e2.lstm[1]',
      'e2.lstm[2]',
    ]);
  });
});
