// Structures (residual, inception, dense_block, blocks with repeat/when, skips, several inputs and
// outputs) against the same networks built in Keras (scripts/keras/structures_fixture.py).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/index.js';

interface KerasLayer {
  class: string;
  output_shape: (number | null)[];
  params: number;
  trainable: number;
}
interface KerasModel {
  layers: KerasLayer[];
  total_params: number;
  trainable_params: number;
  non_trainable_params: number;
}

const dir = join(import.meta.dirname, '../fixtures/structures');
const oracle = JSON.parse(readFileSync(join(dir, 'keras.json'), 'utf8')) as { models: Record<string, KerasModel> };
const key = (l: { class: string; output_shape: unknown; params: number }): string => `${l.class} ${JSON.stringify(l.output_shape)} ${l.params}`;

describe.each(Object.entries(oracle.models))('%s matches Keras', (name, keras) => {
  const result = analyzeFile(join(dir, `${name}.yaml`));

  it('analyses without diagnostics', () => {
    expect(result.diagnostics).toEqual([]);
  });

  it('has the same totals', () => {
    const t = result.graph!.totals;
    expect([t.params, t.trainable, t.nonTrainable]).toEqual([keras.total_params, keras.trainable_params, keras.non_trainable_params]);
  });

  it('has the same layers (class, output shape, params), in any topological order', () => {
    const ours = result.graph!.nodes.filter((n) => n.kind !== 'InputLayer').map((n) => key({ class: n.kind, output_shape: n.outputShape, params: n.params.trainable + n.params.nonTrainable }));
    expect(ours.sort()).toEqual(keras.layers.map(key).sort());
  });
});

describe('names', () => {
  it('gives hierarchical Keras-style names under block paths', () => {
    const graph = analyzeFile(join(dir, 'bottleneck-stage.yaml')).graph!;
    const names = graph.nodes.map((n) => n.name);
    expect(names).toContain('block1.residual.conv2d');
    expect(names).toContain('block3.residual.activation_2');
    expect(names).toContain('bottleneck.residual.conv2d_3');
    expect(names).not.toContain('bottleneck_1.residual.conv2d_3');
    expect(graph.groups.map((g) => g.id)).toContain('block2.residual');
  });
});
