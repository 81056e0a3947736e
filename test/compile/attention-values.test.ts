// The compiled attention, normalisation and ViT kinds against Keras's outputs for the same inputs
// and weights (scripts/keras/attention_fixture.py → test/fixtures/keras/attention-values.json).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/compile/build-model.js';
import { oneLayerGraph } from './one-layer-graph.js';
import type { IRGraph } from '../../src/ir/types.js';
import type { ArgValue, Tf } from '../../src/layers/types.js';
import { maxAbsDiff, testTf } from './tf-setup.js';

interface ValueCase {
  kind: string;
  args: Record<string, ArgValue>;
  input_shapes: number[][];
  inputs: number[][];
  weights: { shape: number[]; values: number[] }[];
  output_shape: number[];
  output: number[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/keras/attention-values.json', import.meta.url), 'utf8')) as { cases: ValueCase[] };

function graphOf(c: ValueCase): IRGraph {
  return oneLayerGraph({ kind: c.kind, args: c.args, inputShapes: c.input_shapes, inputNames: c.input_shapes.map((_, i) => `in${i}`) });
}

let tf: Tf;
beforeAll(async () => {
  tf = await testTf();
});

describe('compiled attention layers equal Keras with the same weights', () => {
  it.each(fixture.cases.map((c) => [`${c.kind}(${JSON.stringify(c.args)}) on ${JSON.stringify(c.input_shapes)}`, c] as const))('%s', (_title, c) => {
    const { model } = buildModel(tf, graphOf(c));
    const layer = model.layers[model.layers.length - 1]!;
    const weights = layer.getWeights();
    expect(weights.map((w) => w.shape)).toEqual(c.weights.map((w) => w.shape));
    layer.setWeights(c.weights.map((w) => tf.tensor(w.values, w.shape)));
    const xs = c.inputs.map((values, i) => tf.tensor(values, [2, ...c.input_shapes[i]!]));
    const y = tf.tidy(() => (model.predict(xs.length === 1 ? xs[0]! : xs) as ReturnType<Tf['tensor']>).dataSync());
    expect(model.outputs[0]!.shape.slice(1)).toEqual(c.output_shape);
    expect(maxAbsDiff(Array.from(y), c.output)).toBeLessThan(1e-4);
    model.dispose();
  });
});
