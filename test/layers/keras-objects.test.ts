// Keras argument objects (initializers, regularizers, constraints): netspec's tables against the names,
// classes and constructor keywords Keras 3 itself reports (scripts/keras/argument_objects_fixture.py),
// then how layer arguments take them — names, built objects, params — and the diagnostics for mistakes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/index.js';
import { KERAS_OBJECTS, kerasObjectClass, kerasObjectConstructor, kerasObjectNames } from '../../src/layers/keras-objects.js';
import type { KerasObjectModule } from '../../src/layers/types.js';
import { explainGraph } from '../../src/report/explain.js';

interface ModuleFixture {
  classes: Record<string, Record<string, unknown>>;
  names: Record<string, string>;
  attributes: Record<string, string>;
  refused_by_name: Record<string, string>;
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/keras/objects/argument-objects.json', import.meta.url), 'utf8')) as Record<
  KerasObjectModule,
  ModuleFixture
>;
const MODULES: KerasObjectModule[] = ['initializers', 'regularizers', 'constraints'];

describe.each(MODULES)('keras.%s as Keras 3 has them', (module) => {
  const keras = fixture[module];

  it('resolves every name Keras resolves, to the same class, and no other', () => {
    expect(Object.fromEntries(kerasObjectNames(module).map((n) => [n, kerasObjectClass(module, n)]))).toEqual(keras.names);
  });

  it("has each class's keywords with Keras's defaults, in Keras's order", () => {
    const ours = Object.fromEntries(Object.entries(KERAS_OBJECTS[module].classes).map(([c, kw]) => [c, Object.entries(kw)]));
    const theirs = Object.fromEntries(
      Object.entries(keras.classes).map(([c, kw]) => [c, Object.entries(kw).map(([k, v]) => [k, v === '<required>' ? undefined : v])]),
    );
    // Keyword order: the fixture's JSON is sorted, so compare as sets of [keyword, default] pairs.
    for (const [c, kws] of Object.entries(theirs))
      expect(new Set(ours[c]!.map((p) => JSON.stringify(p))), c).toEqual(new Set(kws.map((p) => JSON.stringify(p))));
    expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
  });

  it('refuses by name exactly the names Keras refuses', () => {
    expect(Object.keys(KERAS_OBJECTS[module].refusedByName ?? {}).sort()).toEqual(Object.keys(keras.refused_by_name).sort());
  });

  it('accepts keras.<module>.<attribute>(...) for every public attribute', () => {
    for (const [attribute, cls] of Object.entries(keras.attributes)) expect(kerasObjectConstructor(module, attribute), attribute).toBe(cls);
  });
});

/** Analyses a one-layer spec on a [3] input; returns the Dense node's arguments or the first error. */
function dense(step: string, params = ''): { args?: Record<string, unknown>; error?: string; at?: string; help?: string } {
  const text = `${params}input: [3]\nlayers:\n  - ${step}\n`;
  const result = analyzeText(text, { file: 'spec.yaml' });
  const error = result.diagnostics.find((d) => d.severity === 'error');
  if (error) return { error: error.message, at: `${error.line}:${error.column}`, help: error.suggestion };
  return { args: result.graph!.nodes[1]!.args };
}

describe('layer arguments taking Keras objects', () => {
  it.each([
    ['a Keras name', "Dense(4, kernel_initializer='he_normal')", 'kernel_initializer', 'he_normal'],
    [
      'a built initializer',
      'Dense(4, kernel_initializer=keras.initializers.HeNormal(seed=1))',
      'kernel_initializer',
      { module: 'initializers', className: 'HeNormal', args: [], config: { seed: 1 } },
    ],
    [
      'tf.keras spelling and a positional argument',
      'Dense(4, kernel_regularizer=tf.keras.regularizers.l2(1e-4))',
      'kernel_regularizer',
      { module: 'regularizers', className: 'L2', args: [], config: { l2: 1e-4 } },
    ],
    [
      'from keras import constraints',
      'Dense(4, kernel_constraint=constraints.MaxNorm(3))',
      'kernel_constraint',
      { module: 'constraints', className: 'MaxNorm', args: [], config: { max_value: 3 } },
    ],
    ['None, as Keras takes it', 'Dense(4, bias_initializer=None)', 'bias_initializer', null],
    ['a mapping with a name', '{dense: {units: 4, kernel_initializer: glorot_normal}}', 'kernel_initializer', 'glorot_normal'],
    [
      'a mapping with a built object',
      '{dense: {units: 4, bias_initializer: "keras.initializers.Constant(0.1)"}}',
      'bias_initializer',
      { module: 'initializers', className: 'Constant', args: [], config: { value: 0.1 } },
    ],
    ['a Keras default left alone', 'Dense(4)', 'kernel_initializer', 'glorot_uniform'],
  ])('%s', (_name, step, arg, value) => {
    expect(dense(step).args?.[arg]).toEqual(value);
  });

  it('takes a name bound in params:, in both forms', () => {
    const params = 'params:\n  reg: keras.regularizers.L1L2(l1=0.01, l2=0.02)\n  init: he_uniform\n';
    expect(dense('Dense(4, activity_regularizer=reg, kernel_initializer=init)', params).args).toMatchObject({
      activity_regularizer: { className: 'L1L2', config: { l1: 0.01, l2: 0.02 } },
      kernel_initializer: 'he_uniform',
    });
    expect(dense('{dense: {units: 4, activity_regularizer: reg, kernel_initializer: init}}', params).args).toMatchObject({
      activity_regularizer: { className: 'L1L2' },
      kernel_initializer: 'he_uniform',
    });
  });

  it('changes no count: Dense(4) on 3 features has 16 parameters with or without them', () => {
    const result = analyzeText(
      'input: [3]\nlayers:\n  - Dense(4, kernel_initializer=keras.initializers.Orthogonal(gain=2), kernel_regularizer=keras.regularizers.l1(0.1), kernel_constraint=keras.constraints.UnitNorm(axis=0))\n',
    );
    expect(result.graph!.totals).toMatchObject({ params: 16, trainable: 16, nonTrainable: 0 });
  });

  it.each([
    [
      'an unknown name, with a suggestion',
      "Dense(4, kernel_initializer='he_normall')",
      "Dense: argument 'kernel_initializer': unknown initializer 'he_normall' (did you mean 'he_normal'?)",
      '3:14',
      "did you mean 'he_normal'?",
    ],
    [
      'an unknown class in a mapping',
      '{dense: {units: 4, kernel_initializer: HeNormall}}',
      "Dense: argument 'kernel_initializer': unknown initializer 'HeNormall' (did you mean 'HeNormal'?)",
      '3:44',
      "did you mean 'HeNormal'?",
    ],
    [
      'an unknown class built',
      'Dense(4, kernel_regularizer=keras.regularizers.L3(0.1))',
      "Dense: argument 'kernel_regularizer': unknown regularizer 'L3' (did you mean 'L1'?)",
      '3:14',
      "did you mean 'L1'?",
    ],
    [
      'the wrong kind of object',
      'Dense(4, kernel_initializer=keras.regularizers.l2(0.1))',
      "Dense: argument 'kernel_initializer': expects an initializer, got a regularizer (keras.regularizers.l2)",
      '3:14',
      undefined,
    ],
    [
      'an unknown keyword',
      'Dense(4, kernel_constraint=keras.constraints.MaxNorm(max_val=3))',
      "Dense: argument 'kernel_constraint': keras.constraints.MaxNorm() got an unexpected keyword argument 'max_val'",
      '3:14',
      "did you mean 'max_value'?",
    ],
    [
      'too many positional arguments',
      'Dense(4, kernel_regularizer=keras.regularizers.l2(0.1, 3))',
      "Dense: argument 'kernel_regularizer': keras.regularizers.l2() takes at most 1 positional argument (2 given)",
      '3:14',
      undefined,
    ],
    [
      "a name Keras's get() refuses",
      "Dense(4, bias_initializer='constant')",
      "Dense: argument 'bias_initializer': a Constant initializer needs its value: write keras.initializers.Constant(0.1)",
      '3:14',
      undefined,
    ],
    [
      'a number',
      'Dense(4, kernel_initializer=3)',
      "Dense: argument 'kernel_initializer': expects the name of an initializer or one built like keras.initializers.HeNormal(seed=1), got 3",
      '3:14',
      undefined,
    ],
    [
      'a call quoted in params:',
      'Dense(4, kernel_regularizer=reg)',
      "Dense: argument 'kernel_regularizer': 'keras.regularizers.l2(1e-4)' is a quoted string, not a call: write it without quotes (params: {reg: keras.regularizers.l2(1e-4)})",
      '5:14',
      undefined,
      'params:\n  reg: "keras.regularizers.l2(1e-4)"\n',
    ],
  ])('reports %s at the argument', (_name, step, message, at, help, params = '') => {
    expect(dense(step, params)).toEqual({ error: message, at, help });
  });
});

describe('explain', () => {
  it('shows the objects a layer sets, and that they change no count', () => {
    const result = analyzeText(
      "input: [3]\nlayers:\n  - Dense(4, kernel_initializer=keras.initializers.HeNormal(seed=1), kernel_regularizer=keras.regularizers.l2(1e-4), kernel_constraint='max_norm')\n",
    );
    const text = explainGraph(result.graph!).text;
    expect(text).toContain('  kernel_initializer = HeNormal(seed=1): starting values; no effect on shapes or counts\n');
    expect(text).toContain('  kernel_regularizer = L2(l2=0.0001): adds a penalty to the training loss; no effect on shapes or counts\n');
    expect(text).toContain("  kernel_constraint = 'max_norm': applied to the weights after each training update; no effect on shapes or counts\n");
    expect(text).not.toContain('bias_initializer');
  });
});
