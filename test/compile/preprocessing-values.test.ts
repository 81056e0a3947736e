// The compiled preprocessing kinds at inference against Keras's outputs on the same image
// (scripts/keras/preprocessing_fixture.py → test/fixtures/keras/preprocessing-values.json).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/compile/build-model.js';
import type { IRGraph, IRNode } from '../../src/ir/types.js';
import { normalizeArgs } from '../../src/layers/args.js';
import { lookupKind } from '../../src/layers/registry.js';
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
  const input: IRNode = { ...base, index: 0, name: 'image', kind: 'InputLayer', args: {}, inputs: [], inputShapes: [], outputShape: c.input_shape };
  const layer: IRNode = {
    ...base,
    index: 1,
    name: 'layer',
    kind: c.kind,
    args: normalizeArgs(lookupKind(c.kind)!, c.args),
    inputs: ['image'],
    inputShapes: [c.input_shape],
    outputShape: c.output_shape,
  };
  const totals = { params: 0, trainable: 0, nonTrainable: 0, macs: 0, weightBytes: 0, activationBytes: 0 };
  return {
    name: 'values',
    file: 'values.json',
    inputs: [{ name: 'image', shape: c.input_shape }],
    outputs: [{ name: 'layer', shape: c.output_shape }],
    nodes: [input, layer],
    groups: [],
    totals,
  };
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
