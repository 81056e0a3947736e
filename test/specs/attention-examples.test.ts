// The attention examples (examples/attention/*.yaml) against the same models built in Keras
// (test/fixtures/keras/attention-examples.json, from scripts/keras/attention_examples_fixture.py):
// totals, the output shape, and every layer by name — its class, output shape and parameter count
// — with no layer left over on either side (a `use:` step is a second call of a Keras layer).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/index.js';

interface KerasLayer {
  name: string;
  class_name: string;
  output_shape: (number | null)[];
  params: number;
}
interface KerasModel {
  params: number;
  trainable: number;
  non_trainable: number;
  output_shape: (number | null)[];
  layers: KerasLayer[];
}

const root = join(import.meta.dirname, '../..');
const fixture = JSON.parse(readFileSync(join(root, 'test/fixtures/keras/attention-examples.json'), 'utf8')) as { models: Record<string, KerasModel> };

describe.each(Object.entries(fixture.models))('examples/attention/%s.yaml', (name, keras) => {
  const result = analyzeFile(join(root, 'examples/attention', `${name}.yaml`));

  it('analyses cleanly, its expect: figures included', () => {
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([]);
  });

  it("has Keras's totals, output shape and every layer's class, shape and count", () => {
    const graph = result.graph!;
    expect(graph.totals).toMatchObject({ params: keras.params, trainable: keras.trainable, nonTrainable: keras.non_trainable });
    expect(graph.outputs.map((o) => o.shape)).toEqual([keras.output_shape]);
    const layers = graph.nodes.filter((n) => n.kind !== 'InputLayer' && !n.sharedWith);
    expect(layers.map((n) => n.name).sort()).toEqual(keras.layers.map((l) => l.name).sort());
    for (const layer of keras.layers) {
      const node = layers.find((n) => n.name === layer.name)!;
      expect({ class_name: node.kind, output_shape: node.outputShape, params: node.params.trainable + node.params.nonTrainable }, layer.name).toEqual({
        class_name: layer.class_name,
        output_shape: layer.output_shape,
        params: layer.params,
      });
    }
  });
});
