// The sequence examples (examples/sequence/*.yaml) against the same models built in Keras
// (test/fixtures/keras/sequence-examples.json, from scripts/keras/sequence_examples_fixture.py):
// totals, and every layer's name, class, output shape and parameter count, in order.
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
  layers: KerasLayer[];
}

const root = join(import.meta.dirname, '../..');
const fixture = JSON.parse(readFileSync(join(root, 'test/fixtures/keras/sequence-examples.json'), 'utf8')) as { models: Record<string, KerasModel> };

describe.each(Object.entries(fixture.models))('examples/sequence/%s.yaml', (name, keras) => {
  const result = analyzeFile(join(root, 'examples/sequence', `${name}.yaml`));

  it('analyses cleanly, its expect: figures included', () => {
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([]);
  });

  it("has Keras's totals and every layer's shape and count", () => {
    const graph = result.graph!;
    expect(graph.totals).toMatchObject({ params: keras.params, trainable: keras.trainable, nonTrainable: keras.non_trainable });
    const ours = graph.nodes.map((n) => ({ class_name: n.kind, output_shape: n.outputShape, params: n.params.trainable + n.params.nonTrainable }));
    expect(ours).toEqual(keras.layers.map(({ class_name, output_shape, params }) => ({ class_name, output_shape, params })));
  });
});
