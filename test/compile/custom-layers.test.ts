// netspec's custom tfjs layers against Keras 3 outputs for the same inputs and weights
// (fixtures/make-custom-fixtures.py).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerCustomLayers } from '../../src/compile/custom-layers.js';
import type { CustomLayerClasses } from '../../src/compile/custom-types.js';
import { tfjsActivation } from '../../src/layers/activations.js';
import type { BuildContext, Tf } from '../../src/layers/types.js';
import { maxAbsDiff, testTf } from './tf-setup.js';

interface Case {
  name: string;
  kind: 'conv' | 'depthwise' | 'conv_transpose' | 'normalization' | 'global_pooling' | 'resample' | 'elementwise' | 'activation';
  args: Record<string, unknown>;
  inputShape?: number[];
  input: number[][];
  weights?: unknown[];
  weightShapes?: number[][];
  output: unknown;
  outputShape?: number[];
  params?: number;
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/keras-custom-layers.json', import.meta.url), 'utf8')) as { cases: Case[] };
const layerCases = fixture.cases.filter((c) => c.kind !== 'activation');
const activationCases = fixture.cases.filter((c) => c.kind === 'activation');

let tf: Tf;
let custom: CustomLayerClasses;
beforeAll(async () => {
  tf = await testTf();
  custom = registerCustomLayers(tf);
});

function makeLayer(c: Case) {
  const config = { ...c.args, name: `t${Math.random().toString(36).slice(2)}` } as never;
  switch (c.kind) {
    case 'conv':
    case 'depthwise':
      return new custom.NetspecConv(config);
    case 'conv_transpose':
      return new custom.NetspecConvTranspose(config);
    case 'normalization':
      return new custom.NetspecNormalization(config);
    case 'resample':
      return new custom.NetspecResample(config);
    case 'elementwise':
      return new custom.NetspecElementwise(config);
    default:
      return new custom.NetspecGlobalPooling(config);
  }
}

describe('custom layers reproduce Keras', () => {
  it.each(layerCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const input = tf.input({ shape: c.inputShape! });
    const layer = makeLayer(c);
    const model = tf.model({ inputs: input, outputs: layer.apply(input) as never });
    expect(model.outputs[0]!.shape.slice(1)).toEqual(c.outputShape);
    expect(model.countParams()).toBe(c.params);
    // A depthwise kernel (k…, C, m) is the grouped kernel (k…, 1, C·m) in the same element order.
    const shapes = layer.getWeights().map((w) => w.shape);
    if (c.kind !== 'depthwise') expect(shapes).toEqual(c.weightShapes);
    if (c.weights!.length > 0) layer.setWeights(c.weights!.map((w, i) => tf.tensor([w as number[]].flat(5) as number[], shapes[i])));
    const y = tf.tidy(() => (model.predict(tf.tensor(c.input)) as ReturnType<Tf['tensor']>).arraySync());
    expect(maxAbsDiff(y, c.output)).toBeLessThan(1e-4);
  });
});

it('Subtract subtracts its second input from its first', () => {
  const [a, b] = [tf.input({ shape: [2] }), tf.input({ shape: [2] })];
  const model = tf.model({ inputs: [a, b], outputs: new custom.NetspecSubtract({}).apply([a, b]) as never });
  const y = model.predict([tf.tensor([[5, 3]]), tf.tensor([[1, 4]])]) as ReturnType<Tf['tensor']>;
  expect(y.arraySync()).toEqual([[4, -1]]);
});

it("LayerScale multiplies each channel by its gamma, a trainable weight starting at init_values (Keras's convnext.LayerScale)", () => {
  const x = tf.input({ shape: [2, 3] });
  const layer = new custom.NetspecLayerScale({ initValues: 0.5, projectionDim: 3 });
  const model = tf.model({ inputs: x, outputs: layer.apply(x) as never });
  expect(layer.trainableWeights.map((w) => w.shape)).toEqual([[3]]);
  const input = [
    [
      [1, 2, 3],
      [-4, 5, -6],
    ],
  ];
  expect((model.predict(tf.tensor(input)) as ReturnType<Tf['tensor']>).arraySync()).toEqual([
    [
      [0.5, 1, 1.5],
      [-2, 2.5, -3],
    ],
  ]);
  layer.setWeights([tf.tensor([1, -1, 2])]);
  expect((model.predict(tf.tensor(input)) as ReturnType<Tf['tensor']>).arraySync()).toEqual([
    [
      [1, -2, 6],
      [-4, -5, -12],
    ],
  ]);
});

/** The netspec activations are only handed out where the compiler has registered them. */
const INSIDE_COMPILER = { name: 'a', inputShapes: [], outputShape: [], trainable: true, customLayer: () => ({ apply: () => undefined }) } as BuildContext;

describe('activations reproduce Keras 3', () => {
  it.each(activationCases.map((c) => [c.args.activation as string, c] as const))('%s', (name, c) => {
    registerCustomLayers(tf);
    const layer = tf.layers.activation({ activation: tfjsActivation(name, INSIDE_COMPILER) as never });
    const y = tf.tidy(() => (layer.apply(tf.tensor(c.input)) as ReturnType<Tf['tensor']>).arraySync());
    expect(maxAbsDiff(y, c.output)).toBeLessThan(1e-5 * 50);
  });
});
