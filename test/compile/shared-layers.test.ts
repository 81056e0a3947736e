// Shared layers compile to ONE tfjs layer object called on each input: the model holds the
// weights once, as Keras's does (figures from scripts/keras/shared_fixture.py).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/compile/build-model.js';
import { compareWithIR } from '../../src/compile/verify.js';
import { analyzeFile } from '../../src/index.js';
import type { Tf } from '../../src/layers/types.js';
import { testTf } from './tf-setup.js';

const dir = join(import.meta.dirname, '../fixtures/shared');
const oracle = JSON.parse(readFileSync(join(dir, 'keras.json'), 'utf8')) as {
  models: Record<string, { total_params: number; trainable_params: number; weights: number }>;
};

let tf: Tf;
beforeAll(async () => {
  tf = await testTf();
});

describe.each(Object.entries(oracle.models))('%s compiles with shared weights', (name, keras) => {
  it("holds Keras's weights (count and tensors), each shared layer once", () => {
    const graph = analyzeFile(join(dir, `${name}.yaml`)).graph!;
    const compiled = buildModel(tf, graph);
    expect(compiled.model.countParams()).toBe(keras.total_params);
    expect(compiled.model.weights.length).toBe(keras.weights);
    expect(compiled.model.trainableWeights.reduce((s, w) => s + w.shape.reduce((a: number, b) => a * (b ?? 0), 1), 0)).toBe(keras.trainable_params);
    expect(compareWithIR(graph, compiled)).toEqual([]);
    // Each shared call is the owner's layer applied once more.
    for (const node of graph.nodes.filter((n) => n.sharedWith)) {
      const entry = compiled.layerMap.find((e) => e.node === node.name)!;
      expect(entry.layers).toEqual(compiled.layerMap.find((e) => e.node === node.sharedWith)!.layers);
    }
  });
});

it('a shared Dense gives the same output for the same input on both calls', () => {
  const graph = analyzeFile(join(dir, 'two-views.yaml')).graph!;
  const { model } = buildModel(tf, graph);
  const head = model.getLayer('big_head');
  expect(head.inboundNodes.length).toBe(2);
  const x = tf.randomNormal([1, 16]);
  const [a, b] = [head.apply(x), head.apply(x)] as ReturnType<Tf['tensor']>[];
  expect(a!.arraySync()).toEqual(b!.arraySync());
});
