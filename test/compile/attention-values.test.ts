// The compiled attention, normalisation and ViT kinds against Keras's outputs for the same inputs
// and weights (scripts/keras/attention_fixture.py → test/fixtures/keras/attention-values.json).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/compile/build-model.js';
import type { IRGraph, IRNode } from '../../src/ir/types.js';
import { normalizeArgs } from '../../src/layers/args.js';
import { lookupKind } from '../../src/layers/registry.js';
import type { ArgValue, Shape, Tf } from '../../src/layers/types.js';
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
  const base = {
    macs: 0,
    outputSize: 0,
    receptiveField: null,
    trainable: true,
    groupPath: [],
    source: { file: 'values.json' },
    label: '',
    family: '',
    params: { trainable: 0, nonTrainable: 0 },
  };
  const inputs: IRNode[] = c.input_shapes.map((shape, i) => ({
    ...base,
    index: i,
    name: `in${i}`,
    kind: 'InputLayer',
    args: {},
    inputs: [],
    inputShapes: [],
    outputShape: shape,
  }));
  const kind = lookupKind(c.kind)!;
  const args = normalizeArgs(kind, c.args);
  const shapes: Shape[] = c.input_shapes;
  const output = kind.outputShape(shapes, args);
  const layer: IRNode = {
    ...base,
    index: inputs.length,
    name: 'layer',
    kind: c.kind,
    args,
    inputs: inputs.map((n) => n.name),
    inputShapes: shapes,
    outputShape: output,
    params: kind.params(shapes, args, output),
  };
  const totals = { params: 0, trainable: 0, nonTrainable: 0, macs: 0, weightBytes: 0, activationBytes: 0 };
  return {
    name: 'values',
    file: 'values.json',
    inputs: inputs.map((n) => ({ name: n.name, shape: n.outputShape })),
    outputs: [{ name: 'layer', shape: output }],
    nodes: [...inputs, layer],
    groups: [],
    totals,
  };
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
