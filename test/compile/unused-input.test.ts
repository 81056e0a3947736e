// A model input no output depends on: Keras keeps it among the model's inputs (its summary lists it),
// tfjs keeps it in model.inputs but not in model.layers — the compiled model must still build, take
// both inputs and match the IR, whose dropped branch is not part of either model.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/compile/build-model.js';
import { compareWithIR } from '../../src/compile/verify.js';
import type { Tf } from '../../src/layers/types.js';
import { graphOf } from './helpers.js';
import { testTf } from './tf-setup.js';

let tf: Tf;
beforeAll(async () => {
  tf = await testTf();
});

const UNUSED_INPUT = `
inputs: {a: [8], b: [8]}
layers:
  - {dense: {units: 4}, name: d1, inputs: [a]}
  - {dense: {units: 2}, name: d2, inputs: [b]}
outputs: [d2]
`;

describe('a model input that leads to no output', () => {
  it('compiles, equals the IR and takes both inputs', () => {
    const graph = graphOf(UNUSED_INPUT);
    const compiled = buildModel(tf, graph);
    expect(compareWithIR(graph, compiled)).toEqual([]);
    expect(compiled.model.inputs.map((t) => t.name)).toEqual(['a', 'b']);
    expect(compiled.model.countParams()).toBe(18);
    const y = tf.tidy(() => (compiled.model.predict([tf.ones([1, 8]), tf.ones([1, 8])]) as ReturnType<Tf['tensor']>).shape);
    expect(y).toEqual([1, 2]);
  });
});
