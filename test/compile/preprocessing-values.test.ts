// The compiled preprocessing kinds at inference against Keras's outputs on the same image
// (scripts/keras/preprocessing_fixture.py → test/fixtures/keras/preprocessing-values.json).
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
  input_shape: number[];
  output_shape: number[];
  output: number[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/keras/preprocessing-values.json', import.meta.url), 'utf8')) as { cases: ValueCase[] };

/** The fixture's image: ((arange(n) · 37) mod 101) / 4. */
const image = (n: number) => Array.from({ length: n }, (_, i) => ((i * 37) % 101) / 4);

function graphOf(c: ValueCase): IRGraph {
  return oneLayerGraph({
    kind: c.kind,
    args: c.args,
    inputShapes: [c.input_shape],
    outputShape: c.output_shape,
    params: { trainable: 0, nonTrainable: 0 },
    inputNames: ['image'],
  });
}

let tf: Tf;
beforeAll(async () => {
  tf = await testTf();
});

describe('compiled preprocessing layers at inference equal Keras', () => {
  it.each(fixture.cases.map((c) => [`${c.kind}(${JSON.stringify(c.args)}) on ${JSON.stringify(c.input_shape)}`, c] as const))('%s', (_title, c) => {
    const { model } = buildModel(tf, graphOf(c));
    const n = c.input_shape.reduce((p, d) => p * d, 1);
    const y = tf.tidy(() => (model.predict(tf.tensor(image(n), [1, ...c.input_shape])) as ReturnType<Tf['tensor']>).dataSync());
    expect(model.outputs[0]!.shape.slice(1)).toEqual(c.output_shape);
    expect(maxAbsDiff(Array.from(y), c.output)).toBeLessThan(1e-3);
    model.dispose();
  });
});
