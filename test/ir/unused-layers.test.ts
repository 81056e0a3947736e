// Layers on no path to an output: Keras's Model(inputs, outputs) leaves them out (and keeps every
// input), so netspec's figures leave them out too, with an `unused-layer` warning at the first one.
// Expected figures: scripts/keras/unused_layers_fixture.py → test/fixtures/keras/unused-layers.json.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/index.js';

interface KerasCase {
  layers: string[];
  total: number;
  trainable: number;
  non_trainable: number;
}
const keras = JSON.parse(readFileSync('test/fixtures/keras/unused-layers.json', 'utf8')) as { cases: Record<string, KerasCase> };

const SPECS: Record<string, string> = {
  unused_branch: `
inputs: {a: [8], b: [8]}
layers:
  - {dense: {units: 4}, name: d1, inputs: [a]}
  - {dense: {units: 2}, name: d2, inputs: [b]}
outputs: [d2]
`,
  side_branch: `
input: [16, 16, 3]
layers:
  - Conv2D(8, 3, name='conv')
  - Conv2D(4, 1, name='side_conv')
  - GlobalAveragePooling2D(name='side_pool')
  - {flatten: {}, name: flat, inputs: [conv]}
  - Dense(3, name='head')
`,
};

describe('layers that lead to no output', () => {
  it.each(Object.keys(SPECS))('%s: the layers and totals of the Keras model', (name) => {
    const result = analyzeText(SPECS[name]!, { file: `${name}.yaml` });
    const graph = result.graph!;
    const want = keras.cases[name]!;
    expect(graph.nodes.map((n) => n.name).sort()).toEqual(want.layers.map((l) => (l === 'x' ? 'input_layer' : l)).sort());
    expect(graph.totals).toMatchObject({ params: want.total, trainable: want.trainable, nonTrainable: want.non_trainable });
    expect(graph.nodes.map((n) => n.index)).toEqual(graph.nodes.map((_, i) => i));
  });

  it('warns once, at the first dropped layer, naming them', () => {
    const result = analyzeText(SPECS.side_branch!, { file: 'side.yaml' });
    const warnings = result.diagnostics.filter((d) => d.code === 'unused-layer');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.severity).toBe('warning');
    expect(warnings[0]!.line).toBe(5);
    expect(warnings[0]!.message).toContain('side_conv (Conv2D), side_pool (GlobalAveragePooling2D) lead to no output');
  });

  it('a network whose every layer reaches the output keeps them all, without a warning', () => {
    const result = analyzeText('input: [8]\nlayers:\n  - Dense(4)\n  - Dense(2)\n', { file: 'chain.yaml' });
    expect(result.graph!.nodes).toHaveLength(3);
    expect(result.diagnostics.filter((d) => d.code === 'unused-layer')).toEqual([]);
  });
});
