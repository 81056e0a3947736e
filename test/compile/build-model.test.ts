import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/compile/build-model.js';
import { compareWithIR } from '../../src/compile/verify.js';
import type { Tf } from '../../src/layers/types.js';
import { graphOf, SMALL_CNN } from './helpers.js';
import { testTf } from './tf-setup.js';

let tf: Tf;
beforeAll(async () => {
  tf = await testTf();
});

describe('buildModel', () => {
  it('builds one tfjs layer per IR node, named after it, with the IR shapes and counts', () => {
    const graph = graphOf(SMALL_CNN);
    const compiled = buildModel(tf, graph);
    expect(compareWithIR(graph, compiled)).toEqual([]);
    expect(compiled.layerMap.map((e) => e.node)).toEqual(graph.nodes.map((n) => n.name));
    expect(compiled.model.layers.map((l) => l.name)).toContain('residual.conv2d_1');
    expect(compiled.model.countParams()).toBe(graph.totals.params);
  });

  it('runs a forward pass with finite outputs', () => {
    const graph = graphOf(SMALL_CNN);
    const { model } = buildModel(tf, graph);
    const y = tf.tidy(() => (model.predict(tf.randomNormal([2, 12, 12, 3])) as ReturnType<Tf['tensor']>).arraySync() as number[][]);
    expect(y).toHaveLength(2);
    expect(y.flat().every(Number.isFinite)).toBe(true);
    expect(y[0]!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it("builds the lecture settings with Keras's counts", () => {
    const graph = graphOf(`
name: setting-b
input: [64, 64, 1]
layers:
  - Conv2D(filters=32, kernel_size=(3, 3), strides=(1, 2), padding='valid')
  - conv2d: {filters: 8, kernel_size: 3, strides: [1, 2]}
`);
    const { model } = buildModel(tf, graph);
    expect(model.outputs[0]!.shape).toEqual([null, 60, 15, 8]);
    expect(model.countParams()).toBe(2632);
  });

  it('reports progress once per node', () => {
    const graph = graphOf(SMALL_CNN);
    const seen: number[] = [];
    buildModel(tf, graph, { onProgress: (done) => seen.push(done) });
    expect(seen).toEqual(graph.nodes.map((_, i) => i + 1));
  });
});
