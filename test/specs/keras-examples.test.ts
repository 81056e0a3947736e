// The attention and sequence examples against the same models built in Keras (fixtures written by
// scripts/keras/attention_examples_fixture.py and sequence_examples_fixture.py): totals, and every
// layer's class, output shape and parameter count — by name with no layer left over on either side
// where a `use:` step calls a Keras layer again (attention), in Keras's order otherwise (sequence).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/index.js';
import type { IRNode } from '../../src/ir/types.js';

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
  /** The model's output shape, where the fixture records it. */
  output_shape?: (number | null)[];
  layers: KerasLayer[];
}

const root = join(import.meta.dirname, '../..');
const figures = (n: IRNode) => ({ name: n.name, class_name: n.kind, output_shape: n.outputShape, params: n.params.trainable + n.params.nonTrainable });

const FOLDERS = [
  ['attention', 'attention-examples.json', true],
  ['sequence', 'sequence-examples.json', false],
] as const;

describe.each(FOLDERS)('examples/%s against Keras', (folder, fixture, byName) => {
  const models = (JSON.parse(readFileSync(join(root, 'test/fixtures/keras', fixture), 'utf8')) as { models: Record<string, KerasModel> }).models;

  describe.each(Object.entries(models))('%s.yaml', (name, keras) => {
    const result = analyzeFile(join(root, 'examples', folder, `${name}.yaml`));

    it('analyses cleanly, its expect: figures included', () => {
      expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([]);
    });

    it("has Keras's totals and every layer's class, shape and count", () => {
      const graph = result.graph!;
      expect(graph.totals).toMatchObject({ params: keras.params, trainable: keras.trainable, nonTrainable: keras.non_trainable });
      if (keras.output_shape) expect(graph.outputs.map((o) => o.shape)).toEqual([keras.output_shape]);
      const want = keras.layers.map(({ name, class_name, output_shape, params }) => ({ name, class_name, output_shape, params }));
      if (!byName) {
        // In order, every node (inputs too); names are Keras's own there, not compared.
        const unnamed = ({ class_name, output_shape, params }: ReturnType<typeof figures>) => ({ class_name, output_shape, params });
        expect(graph.nodes.map((n) => unnamed(figures(n)))).toEqual(want.map(unnamed));
        return;
      }
      const layers = graph.nodes.filter((n) => n.kind !== 'InputLayer' && !n.sharedWith).map(figures);
      const byLayerName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      expect(layers.sort(byLayerName)).toEqual(want.sort(byLayerName));
    });
  });
});
