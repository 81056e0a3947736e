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

describe("compareWithIR, the differential tests' comparator", () => {
  it('reports a wrong output shape, trainable or non-trainable count, and a node with no layer', () => {
    const graph = graphOf(SMALL_CNN);
    const compiled = buildModel(tf, graph);
    // The IR with one figure off on each of three nodes, and a node tfjs never built.
    const off = graph.nodes.map((n) => {
      if (n.kind === 'BatchNormalization') return { ...n, params: { ...n.params, nonTrainable: 15 } };
      if (n.kind === 'MaxPooling2D') return { ...n, outputShape: [5, 5, 9] };
      if (n.kind === 'Dense') return { ...n, params: { ...n.params, trainable: 1000 } };
      return n;
    });
    const ghost = { ...graph.nodes.find((n) => n.kind === 'Dense')!, name: 'ghost' };
    const name = (kind: string): string => graph.nodes.find((n) => n.kind === kind)!.name;
    // tfjs's side as Keras counts it: BN over 8 channels keeps 2·8 statistics; 10×10×8 pooled to
    // 5×5×8; Dense on 200 features, 5 units: 200·5 + 5.
    expect(compareWithIR({ ...graph, nodes: [...off, ghost] }, compiled)).toEqual([
      { node: name('BatchNormalization'), what: 'nonTrainable', ir: '15', tfjs: '16' },
      { node: name('MaxPooling2D'), what: 'shape', ir: '[5,5,9]', tfjs: '[5,5,8]' },
      { node: name('Dense'), what: 'trainable', ir: '1000', tfjs: '1005' },
      { node: 'ghost', what: 'missing', ir: 'Dense', tfjs: 'no layer' },
    ]);
  });
});

// Dot on rank-4 inputs gives rank-6 tensors (7 axes with the batch are refused: keras-masks.test.ts).
// tfjs's batchNormalization and bias add stop at 5 axes and threw when the model ran.
describe('layers on 6-axis tensors (with the batch) run', () => {
  const values = (t: unknown) => (t as ReturnType<Tf['tensor']>).arraySync() as number[];
  it('BatchNormalization after a rank-6 Dot: at its initial weights x / sqrt(1 + epsilon)', () => {
    const graph = graphOf('inputs: {a: [2, 2, 3], b: [2, 2, 3]}\nlayers:\n  - {dot: {axes: -1}, inputs: [a, b]}\n  - BatchNormalization()\n');
    const { model } = buildModel(tf, graph);
    const [a, b] = [tf.randomNormal([2, 2, 2, 3]), tf.randomNormal([2, 2, 2, 3])];
    const dot = tf.reshape(tf.matMul(tf.reshape(a, [2, 4, 3]), tf.reshape(b, [2, 4, 3]), false, true), [2, 2, 2, 2, 2]);
    const out = model.predict([a, b]) as ReturnType<Tf['tensor']>;
    expect(out.shape).toEqual([2, 2, 2, 2, 2]);
    const expected = values(tf.div(dot, Math.sqrt(1 + 1e-3)).flatten());
    values(out.flatten()).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 4));
    model.dispose();
  });

  it('Dense on a 6-axis input sums over the last axis', () => {
    const graph = graphOf("input: [2, 2, 2, 2, 3]\nlayers:\n  - \"Dense(1, kernel_initializer='ones', bias_initializer='ones')\"\n");
    const { model } = buildModel(tf, graph);
    const x = tf.randomNormal([1, 2, 2, 2, 2, 3]);
    const out = model.predict(x) as ReturnType<Tf['tensor']>;
    expect(out.shape).toEqual([1, 2, 2, 2, 2, 1]);
    const expected = values(tf.add(tf.sum(x, -1, true), 1).flatten());
    values(out.flatten()).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 4));
    model.dispose();
  });
});
