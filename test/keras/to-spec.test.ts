import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/ir/analyze.js';
import type { KerasGraph } from '../../src/keras/graph.js';
import { kerasGraphToSpec } from '../../src/keras/to-spec.js';

const node = (layer: string, className: string, args: string, inputs: string[], output = layer) => ({ layer, className, args, inputs, output });

describe('kerasGraphToSpec', () => {
  it('writes a chain as call strings with names and no inputs', () => {
    const graph: KerasGraph = {
      name: 'chain',
      inputs: [{ name: 'input_layer', shape: [28, 28, 1] }],
      nodes: [node('c1', 'Conv2D', '8, 3', ['input_layer']), node('flat', 'Flatten', '', ['c1']), node('out', 'Dense', '10', ['flat'])],
      outputs: ['out'],
    };
    const text = kerasGraphToSpec(graph);
    expect(text).toBe("name: chain\ninput: [28, 28, 1]\nlayers:\n  - Conv2D(8, 3, name='c1')\n  - Flatten(name='flat')\n  - Dense(10, name='out')\n");
    const result = analyzeText(text);
    expect(result.diagnostics).toEqual([]);
    // Keras: Conv2D(8, 3) on 28×28×1 = 80, Dense(10) on 26·26·8 = 5408 → 54,090.
    expect(result.graph!.totals.params).toBe(80 + 54090);
  });

  it('writes explicit inputs only where the graph branches, as a mapping', () => {
    const graph: KerasGraph = {
      name: 'branches',
      inputs: [{ name: 'img', shape: [32, 32, 3] }],
      nodes: [
        node('a', 'Conv2D', "8, 3, padding='same'", ['img']),
        node('b', 'Conv2D', 'filters=8, kernel_size=(1, 1)', ['img']),
        node('sum', 'Add', '', ['a', 'b']),
      ],
      outputs: ['sum'],
    };
    const text = kerasGraphToSpec(graph);
    expect(text).toContain('inputs:\n  img: [32, 32, 3]');
    expect(text).toContain("  - Conv2D(8, 3, padding='same', name='a')");
    expect(text).toContain('  - {Conv2D: {filters: 8, kernel_size: [1, 1]}, name: b, inputs: [img]}');
    expect(text).toContain('  - {Add: null, name: sum, inputs: [a, b]}');
    const result = analyzeText(text);
    expect(result.diagnostics).toEqual([]);
    // 3·3·3·8+8 = 224 and 3·8+8 = 32.
    expect(result.graph!.totals.params).toBe(256);
  });

  it('writes trainable=False as the step key where a step needs the mapping form', () => {
    const graph: KerasGraph = {
      name: 'frozen',
      inputs: [
        { name: 'a', shape: [4] },
        { name: 'b', shape: [4] },
      ],
      nodes: [node('sum', 'Add', 'trainable=False', ['a', 'b']), node('d', 'Dense', '2, trainable=False', ['sum'])],
      outputs: ['d'],
    };
    const text = kerasGraphToSpec(graph);
    expect(text).toContain('  - {Add: null, name: sum, inputs: [a, b], trainable: false}');
    expect(text).toContain("  - Dense(2, trainable=False, name='d')");
    const result = analyzeText(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.graph!.totals.nonTrainable).toBe(10);
  });

  it('writes a nested model as a block called by name', () => {
    const tower: KerasGraph = {
      name: 'tower',
      inputs: [{ name: 'tower_in', shape: [16] }],
      nodes: [node('d1', 'Dense', '4', ['tower_in']), node('d2', 'Dense', '2', ['d1'])],
      outputs: ['d2'],
    };
    const graph: KerasGraph = {
      name: 'outer',
      inputs: [{ name: 'input_layer', shape: [16] }],
      nodes: [node('tower', 'Sequential', '', ['input_layer'])],
      outputs: ['tower'],
      submodels: { tower },
    };
    const text = kerasGraphToSpec(graph);
    expect(text).toContain("blocks:\n  tower:\n    inputs: [tower_in]\n    layers:\n      - Dense(4, name='d1')");
    expect(text).toContain("  - tower(name='tower')");
    const result = analyzeText(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.graph!.totals.params).toBe(16 * 4 + 4 + 4 * 2 + 2);
  });

  it('renames a block whose model name is a structure or layer kind', () => {
    const seq: KerasGraph = { name: 'sequential', inputs: [{ name: 'x', shape: [4] }], nodes: [node('d', 'Dense', '2', ['x'])], outputs: ['d'] };
    const graph: KerasGraph = {
      name: 'm',
      inputs: [{ name: 'input_layer', shape: [4] }],
      nodes: [node('sequential', 'Sequential', '', ['input_layer'])],
      outputs: ['sequential'],
      submodels: { sequential: seq },
    };
    const text = kerasGraphToSpec(graph);
    expect(text).toContain('  sequential_model:');
    expect(text).toContain("  - sequential_model(name='sequential')");
    expect(analyzeText(text).graph!.totals.params).toBe(10);
  });

  it('writes a second call of one layer object as a use: step', () => {
    const graph: KerasGraph = {
      name: 'siamese',
      inputs: [
        { name: 'left', shape: [8] },
        { name: 'right', shape: [8] },
      ],
      nodes: [
        node('shared', 'Dense', '4', ['left']),
        { ...node('shared', 'Dense', '4', ['right']), output: 'shared_1' },
        node('d', 'Subtract', '', ['shared', 'shared_1']),
      ],
      outputs: ['d'],
    };
    const text = kerasGraphToSpec(graph);
    expect(text).toContain('  - {Dense: {units: 4}, name: shared, inputs: [left]}');
    expect(text).toContain('  - {use: shared, inputs: [right], name: shared_1}');
  });

  it('lists outputs when the model has several or not the last layer', () => {
    const graph: KerasGraph = {
      name: 'two',
      inputs: [{ name: 'input_layer', shape: [8] }],
      nodes: [node('a', 'Dense', '4', ['input_layer']), node('b', 'Dense', '2', ['input_layer'])],
      outputs: ['a', 'b'],
    };
    const text = kerasGraphToSpec(graph);
    expect(text).toContain('outputs: [a, b]');
    expect(analyzeText(text).graph!.outputs.map((o) => o.name)).toEqual(['a', 'b']);
  });

  it('refuses a reference to a tensor nothing produces, naming the layer', () => {
    const graph: KerasGraph = { name: 'bad', inputs: [{ name: 'input_layer', shape: [8] }], nodes: [node('a', 'Dense', '4', ['ghost'])], outputs: ['a'] };
    expect(() => kerasGraphToSpec(graph)).toThrow(/layer 'a' reads 'ghost'/);
  });
});
