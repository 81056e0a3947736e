// Realistic Keras code (test/fixtures/keras/python/*.py) read without running it must give Keras's own
// figures: keras-figures.json is written by scripts/keras/python_fixture.py, which runs the same files in Keras.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiagnosticBag } from '../../../src/diagnostics/diagnostic.js';
import { analyzePython } from '../../../src/cli/load-python.js';
import { readPythonKeras } from '../../../src/keras/python/index.js';
import type { KerasGraph } from '../../../src/keras/graph.js';

const DIR = join(import.meta.dirname, '../../fixtures/keras/python');

interface KerasLayer {
  name: string;
  class: string;
  calls: number;
  output_shapes: (number | null)[][];
  trainable: number;
  non_trainable: number;
}
interface KerasModel {
  model: string;
  layers: KerasLayer[];
  trainable: number;
  non_trainable: number;
}
const figures = JSON.parse(readFileSync(join(DIR, 'keras-figures.json'), 'utf8')) as { files: Record<string, KerasModel> };

function callsByLayer(graph: KerasGraph): Map<string, { className: string; calls: number }> {
  const out = new Map<string, { className: string; calls: number }>();
  for (const input of graph.inputs) out.set(input.name, { className: 'InputLayer', calls: 1 });
  for (const node of graph.nodes) {
    const seen = out.get(node.layer);
    out.set(node.layer, { className: node.className, calls: (seen?.calls ?? 0) + 1 });
  }
  return out;
}

describe.each(Object.entries(figures.files))('%s read as Keras code', (file, keras) => {
  const text = readFileSync(join(DIR, file), 'utf8');

  it('has the layers, classes and calls Keras records', () => {
    const bag = new DiagnosticBag();
    const graph = readPythonKeras(text, file, bag);
    expect(bag.items.filter((d) => d.severity === 'error')).toEqual([]);
    expect(graph?.name).toBe(keras.model === 'sequential' || keras.model === 'functional' ? file.replace(/\.py$/, '') : keras.model);
    const ours = callsByLayer(graph as KerasGraph);
    const theirs = new Map(
      keras.layers.map((l) => [l.name, { className: l.class === 'Functional' ? 'Functional' : l.class, calls: l.class === 'InputLayer' ? 1 : l.calls }]),
    );
    // Sequential models have no InputLayer among model.layers; netspec's graph names the input.
    for (const input of graph?.inputs ?? []) if (!theirs.has(input.name)) ours.delete(input.name);
    expect(Object.fromEntries(ours)).toEqual(Object.fromEntries(theirs));
  });

  it("gives every layer Keras's output shape and weight counts", () => {
    const result = analyzePython(text, file, {});
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const graph = result.graph;
    expect(graph).toBeDefined();
    const byName = new Map(graph?.nodes.map((n) => [n.name, n]));
    for (const layer of keras.layers) {
      if (layer.class === 'InputLayer' || layer.calls !== 1 || layer.class === 'Functional' || layer.class === 'Sequential') continue;
      const node = byName.get(layer.name);
      expect(node, layer.name).toBeDefined();
      expect({ name: layer.name, shape: node?.outputShape, trainable: node?.params.trainable, nonTrainable: node?.params.nonTrainable }).toEqual({
        name: layer.name,
        shape: layer.output_shapes[0],
        trainable: layer.trainable,
        nonTrainable: layer.non_trainable,
      });
    }
    expect({ trainable: graph?.totals.trainable, nonTrainable: graph?.totals.nonTrainable }).toEqual({
      trainable: keras.trainable,
      nonTrainable: keras.non_trainable,
    });
  });
});
