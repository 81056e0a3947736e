// Saved initializers, regularizers and constraints become netspec's argument objects on import:
// Keras 3's `{module, class_name, config}` (test/fixtures/keras/import/argument_objects.json, made by
// scripts/keras/import_fixture.py) and Keras 2's `{class_name, config}` with float32 values; only the
// keywords that differ from the class's defaults are written, and the spec reads back to the same objects.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/compile/build-model.js';
import { analyzeText } from '../../src/ir/analyze.js';
import type { IRGraph } from '../../src/ir/types.js';
import { importModelFile, importModelText } from '../../src/keras/import-file.js';
import type { Tf } from '../../src/layers/types.js';
import { testTf } from '../compile/tf-setup.js';

const fixture = join(import.meta.dirname, '../fixtures/keras/import/argument_objects.json');

function analyzed(text: string): IRGraph {
  const result = analyzeText(text, { file: 'imported.yaml' });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.graph!;
}

const object = (module: string, className: string, config: Record<string, unknown> = {}) => ({ module, className, args: [], config });

describe('Keras 3 objects (argument_objects.json)', () => {
  const imported = importModelFile(fixture, 'argument_objects.json');

  it('are written as keras.<module>.<Class>(keywords that differ from the defaults)', () => {
    expect(imported.text).toContain(
      "Conv1D(8, 3, padding='same', kernel_initializer=keras.initializers.HeNormal(), kernel_regularizer=keras.regularizers.L2(l2=0.0001), kernel_constraint=keras.constraints.MaxNorm(max_value=3), name='conv')",
    );
    expect(imported.text).toContain('recurrent_initializer=keras.initializers.Orthogonal(gain=0.5, seed=2)');
    // Keras's defaults (GlorotUniform(seed=None) kernels, Zeros biases) are left out.
    expect(imported.text).not.toMatch(/Zeros|GlorotUniform\(\)/);
    expect(imported.notices).toEqual([]);
  });

  it('read back to the values Keras saved', () => {
    const graph = analyzed(imported.text);
    const args = (name: string) => graph.nodes.find((n) => n.name === name)!.args;
    expect(args('conv').kernel_regularizer).toEqual(object('regularizers', 'L2', { l2: 0.0001 }));
    expect(args('bn').gamma_regularizer).toEqual(object('regularizers', 'L1L2', { l1: 0.01, l2: 0.02 }));
    expect(args('bn').beta_constraint).toEqual(object('constraints', 'NonNeg'));
    expect(args('lstm').kernel_initializer).toEqual(object('initializers', 'HeNormal', { seed: 1 }));
    expect(args('lstm').bias_initializer).toEqual(object('initializers', 'Constant', { value: 0.1 }));
    expect(args('dense').kernel_initializer).toEqual(object('initializers', 'VarianceScaling', { scale: 2, mode: 'fan_out', distribution: 'uniform' }));
    expect(args('dense').kernel_constraint).toEqual(object('constraints', 'MinMaxNorm', { min_value: 0.5, max_value: 2, rate: 0.9 }));
    expect(args('head').kernel_initializer).toEqual(object('initializers', 'GlorotUniform', { seed: 3 }));
    expect(args('head').bias_constraint).toEqual(object('constraints', 'UnitNorm'));
  });

  describe('and compile with them', () => {
    let tf: Tf;
    beforeAll(async () => {
      tf = await testTf();
    });
    it('the tfjs layers hold the seeds, factors and constraints', () => {
      const { model } = buildModel(tf, analyzed(imported.text));
      const config = (name: string) => model.getLayer(name).getConfig() as Record<string, { className?: string; config?: Record<string, unknown> }>;
      expect(config('lstm').kernelInitializer!.config).toMatchObject({ seed: 1 });
      expect(config('lstm').recurrentInitializer).toEqual({ className: 'Orthogonal', config: { gain: 0.5, seed: 2 } });
      expect(config('conv').kernelConstraint).toEqual({ className: 'MaxNorm', config: { maxValue: 3, axis: 0 } });
      expect(config('dense').kernelConstraint).toEqual({ className: 'MinMaxNorm', config: { minValue: 0.5, maxValue: 2, rate: 0.9, axis: 0 } });
      model.dispose();
    });
  });
});

// Keras 2's model.to_json() (2.15): no `module`, float32 factors.
const KERAS2 = JSON.stringify({
  class_name: 'Sequential',
  config: {
    name: 'sequential',
    layers: [
      { class_name: 'InputLayer', config: { batch_input_shape: [null, 8], dtype: 'float32', sparse: false, ragged: false, name: 'dense_input' } },
      {
        class_name: 'Dense',
        config: {
          name: 'dense',
          trainable: true,
          dtype: 'float32',
          units: 4,
          activation: 'relu',
          use_bias: true,
          kernel_initializer: { class_name: 'HeNormal', config: { seed: 1 } },
          bias_initializer: { class_name: 'Zeros', config: {} },
          kernel_regularizer: { class_name: 'L2', config: { l2: 9.999999747378752e-5 } },
          bias_regularizer: null,
          activity_regularizer: null,
          kernel_constraint: { class_name: 'MaxNorm', config: { max_value: 3, axis: 0 } },
          bias_constraint: { class_name: 'MyConstraint', config: {} },
        },
      },
    ],
  },
  keras_version: '2.15.0',
  backend: 'tensorflow',
});

describe("Keras 2's objects", () => {
  it('read as objects, float32 factors as written in the code; an unknown class is a notice', () => {
    const imported = importModelText(KERAS2, 'keras2.json');
    expect(imported.text).toContain(
      "Dense(4, activation='relu', kernel_initializer=keras.initializers.HeNormal(seed=1), kernel_regularizer=keras.regularizers.L2(l2=0.0001), kernel_constraint=keras.constraints.MaxNorm(max_value=3), name='dense')",
    );
    expect(imported.notices.map((n) => n.message)).toEqual(["layer 'dense' (Dense): not imported: bias_constraint=MyConstraint(…)"]);
    expect(analyzed(imported.text).nodes[1]!.args.kernel_regularizer).toEqual(object('regularizers', 'L2', { l2: 0.0001 }));
  });
});
