// A failure inside a tfjs kernel while a model runs is a diagnostic naming the layer, not a stack
// trace (src/compile/run-guard.ts). netspec's own builds refuse the known cases at compile, so the
// failing model here is built with tfjs directly: its BatchNormalization on 6 axes with the batch
// throws tfjs's NotImplementedError when it runs.
import { beforeAll, describe, expect, it } from 'vitest';
import { predictNamingFailures } from '../../src/compile/run-guard.js';
import { DiagnosticError } from '../../src/diagnostics/diagnostic.js';
import type { Tf } from '../../src/layers/types.js';
import { testTf } from './tf-setup.js';

let tf: Tf;
beforeAll(async () => {
  tf = await testTf();
});

describe('predictNamingFailures', () => {
  it('names the first layer TensorFlow.js cannot run', () => {
    const x = tf.input({ shape: [2, 2, 2, 2, 3] });
    const dense = tf.layers.dense({ units: 3, name: 'fine' }).apply(tf.layers.reshape({ targetShape: [16, 3], name: 'flat' }).apply(x)) as ReturnType<
      Tf['input']
    >;
    const back = tf.layers.reshape({ targetShape: [2, 2, 2, 2, 3], name: 'unflat' }).apply(dense) as ReturnType<Tf['input']>;
    const bn = tf.layers.batchNormalization({ name: 'raw_bn' }).apply(back) as ReturnType<Tf['input']>;
    const model = tf.model({ inputs: x, outputs: bn });
    const run = () => predictNamingFailures(tf, model, tf.zeros([1, 2, 2, 2, 2, 3]));
    expect(run).toThrow(DiagnosticError);
    expect(run).toThrow(/TensorFlow\.js cannot run layer 'raw_bn' \(BatchNormalization\): batchNormalization is not implemented for array of rank 6 yet/);
    model.dispose();
  });

  it('returns the prediction of a model that runs', () => {
    const x = tf.input({ shape: [3] });
    const model = tf.model({ inputs: x, outputs: tf.layers.dense({ units: 2, kernelInitializer: 'ones' }).apply(x) as ReturnType<Tf['input']> });
    const y = predictNamingFailures(tf, model, tf.ones([1, 3])) as ReturnType<Tf['tensor']>;
    expect(y.arraySync()).toEqual([[3, 3]]);
    model.dispose();
  });
});
