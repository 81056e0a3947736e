// Shared layers (`use:`): a layer, block or structure called again shares its weights, and the
// totals count them once — checked against the same networks built in Keras
// (scripts/keras/shared_fixture.py → test/fixtures/shared/keras.json).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile, analyzeText } from '../../src/index.js';
import type { IRGraph } from '../../src/ir/types.js';
import { buildDiagramModel } from '../../src/render/model.js';
import { explainGraph } from '../../src/report/explain.js';
import { formatSummary } from '../../src/report/summary.js';

interface KerasShared {
  total_params: number;
  trainable_params: number;
  non_trainable_params: number;
  weights: number;
  unshared_total_params: number;
  calls: Record<string, (number | null)[]>;
}

const dir = join(import.meta.dirname, '../fixtures/shared');
const oracle = JSON.parse(readFileSync(join(dir, 'keras.json'), 'utf8')) as { models: Record<string, KerasShared> };

/** Each fixture's `use:` steps written as fresh calls instead: the unshared network Keras also built. */
const UNSHARED: Record<string, [string, string][]> = {
  siamese: [['{use: left_embedding, inputs: right,', '{siamese_tower: {}, inputs: right,']],
  mixer: [['{use: norm, name: second_norm}', '{layer_normalization: {epsilon: 1.0e-6}, name: second_norm}']],
  'two-views': [
    ['{use: big_features, inputs: small,', '{features: {}, inputs: small,'],
    ['{use: big_head, inputs: small_features,', '{dense: {units: 4}, inputs: small_features,'],
  ],
};

/** The tensor a step name stands for: a node of that name, or the last node of that group. */
function outputOf(graph: IRGraph, step: string): (number | null)[] | undefined {
  if (step === 'output') return graph.outputs[0]!.shape;
  const node = graph.nodes.find((n) => n.name === step) ?? graph.nodes.find((n) => n.name === graph.groups.find((g) => g.id === step)?.nodes.at(-1));
  return node?.outputShape;
}

describe.each(Object.entries(oracle.models))('%s matches Keras', (name, keras) => {
  const file = join(dir, `${name}.yaml`);
  const result = analyzeFile(file);

  it('analyses without errors', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('counts shared weights once, as Keras does', () => {
    const t = result.graph!.totals;
    expect([t.params, t.trainable, t.nonTrainable]).toEqual([keras.total_params, keras.trainable_params, keras.non_trainable_params]);
  });

  it('gives every call the output shape Keras gives it', () => {
    for (const [step, shape] of Object.entries(keras.calls)) expect([step, outputOf(result.graph!, step)]).toEqual([step, shape]);
  });

  it('counts the weights twice when the second call is a fresh layer instead', () => {
    let text = readFileSync(file, 'utf8');
    for (const [from, to] of UNSHARED[name]!) {
      expect(text).toContain(from);
      text = text.replace(from, to);
    }
    const unshared = analyzeText(text, { file });
    expect(unshared.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(unshared.graph!.totals.params).toBe(keras.unshared_total_params);
  });
});

describe('shared calls in the IR and the summary', () => {
  const graph = analyzeFile(join(dir, 'two-views.yaml')).graph!;

  it('marks every node of a second call with the node that owns its weights, params 0', () => {
    const small = graph.nodes.filter((n) => n.name.startsWith('small_features.'));
    expect(small.map((n) => n.sharedWith)).toEqual(graph.nodes.filter((n) => n.name.startsWith('big_features.')).map((n) => n.name));
    expect(small.every((n) => n.params.trainable + n.params.nonTrainable === 0)).toBe(true);
    expect(graph.groups.find((g) => g.id === 'small_features')?.sharedWith).toBe('big_features');
    // MACs are per call: the small image costs its own.
    expect(small.find((n) => n.kind === 'Conv2D')!.macs).toBe(16 * 16 * 8 * 3 * 3 * 3);
  });

  it('shows the reuse in the table, collapsed rows, JSON and CSV', () => {
    expect(formatSummary(graph, 'table')).toMatch(/small_head \(Dense, shared with big_head\)\s+\(None, 4\)\s+0 /);
    expect(formatSummary(graph, 'table', 0)).toContain('small_features (features, collapsed, shared with big_features)');
    const json = JSON.parse(formatSummary(graph, 'json')) as { layers: { name: string; shared_with?: string }[] };
    expect(json.layers.find((l) => l.name === 'small_head')?.shared_with).toBe('big_head');
    expect(formatSummary(graph, 'csv')).toContain('small_head,Dense,"(None, 4)",0,0,0,64,-,small_features.global_average_pooling2d,big_head');
  });

  it('explain says whose weights a shared call uses', () => {
    expect(explainGraph(graph, 'small_head').text).toBe(
      [
        'small_head (Dense)  (None, 16) → (None, 4)',
        '  units = 4',
        '  params = (16 + 1)·4 = 68',
        '  MACs = 16·4 = 64',
        "  shared with big_head: these weights are big_head's, counted there once; 0 new params here",
        '  receptive field = -',
        '',
      ].join('\n'),
    );
  });

  it('diagrams mark the shared box and the shared group', () => {
    const open = buildDiagramModel(graph);
    expect(open.items.find((i) => i.id === 'small_head')?.title).toBe('Dense 4 · shared with big_head');
    // Inside a shared group the group says it; its layers keep their plain titles.
    expect(open.items.find((i) => i.id === 'small_features.conv2d_1')?.title).toBe('Conv2D 16 3×3');
    const closed = buildDiagramModel(graph, 0);
    expect(closed.items.find((i) => i.id === 'small_features')?.title).toBe('small_features · features · shared with big_features');
  });

  it('chains a use of a use to the original owner, and repeats a shared layer', () => {
    const g = analyzeText(`
input: [8]
layers:
  - {dense: {units: 8}, name: a}
  - {use: a, name: b}
  - {use: b, name: c}
  - {use: a, repeat: 2}
`).graph!;
    expect(g.nodes.slice(2).map((n) => [n.name, n.sharedWith])).toEqual([
      ['b', 'a'],
      ['c', 'a'],
      ['a_1', 'a'],
      ['a_2', 'a'],
    ]);
    expect(g.totals.params).toBe(72);
  });
});

describe('use: diagnostics', () => {
  const errors = (text: string) => analyzeText(text, { file: 'spec.yaml' }).diagnostics.filter((d) => d.severity === 'error');

  it('an unknown name, with a did-you-mean', () => {
    const [d] = errors('input: [8]\nlayers:\n  - {dense: {units: 4}, name: tower}\n  - {use: towr}\n');
    expect(d).toMatchObject({ code: 'unknown-name', line: 4, column: 11, suggestion: "did you mean 'tower'?" });
  });

  it('an input whose weighted axis does not fit the shared weights', () => {
    const [d] = errors('inputs: {a: [8], b: [6]}\nlayers:\n  - {dense: {units: 4}, inputs: a, name: head}\n  - {use: head, inputs: b}\n');
    expect(d).toMatchObject({ code: 'shared-input', line: 4 });
    expect(d!.message).toBe(
      'head (Dense) cannot be called on input shape (None, 6): its weights were made for input shape (None, 8) (36 params; this input would need 28)',
    );
  });

  it('a model input, which has no layers', () => {
    const [d] = errors('inputs: {a: [8], b: [8]}\nlayers:\n  - {use: a, inputs: b}\n');
    expect(d).toMatchObject({ code: 'use', line: 3 });
    expect(d!.message).toContain("'a' is a model input");
  });

  it('another number of inputs than the first call', () => {
    const [d] = errors('inputs: {a: [8], b: [8]}\nlayers:\n  - {add: {}, inputs: [a, b], name: sum}\n  - {use: sum, inputs: a}\n');
    expect(d).toMatchObject({ code: 'inputs', line: 4 });
    expect(d!.message).toBe("'sum' was called on 2 inputs (a, b), this use: passes 1");
  });

  it('trainable on a use: call (it belongs to the shared layers)', () => {
    const [d] = errors('input: [8]\nlayers:\n  - {dense: {units: 8}, name: a}\n  - {use: a, trainable: false}\n');
    expect(d).toMatchObject({ code: 'step', line: 4, suggestion: "set trainable on 'a'" });
  });

  it('a use: that is not a name', () => {
    const [d] = errors('input: [8]\nlayers:\n  - {dense: {units: 4}, name: tower}\n  - {use: [tower]}\n');
    expect(d).toMatchObject({ code: 'schema', line: 4 });
  });
});
