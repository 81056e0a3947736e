// Bare Keras argument-object constructors, as code reads after `from keras.regularizers import l2`
// and `from keras.initializers import HeNormal` (Keras's own spellings: keras/src/initializers,
// regularizers, constraints): the same value as the module-qualified call, in call strings,
// mappings and params; the wrong module or a misspelt name is a diagnostic at the argument.
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/index.js';

function argsOf(text: string): Record<string, unknown> {
  const result = analyzeText(text, { file: 'spec.yaml' });
  expect(result.diagnostics).toEqual([]);
  return result.graph!.nodes[1]!.args;
}

const qualified = argsOf(
  'input: [3]\nlayers:\n  - Dense(4, kernel_initializer=keras.initializers.HeNormal(seed=1), kernel_regularizer=keras.regularizers.l2(1e-4), bias_regularizer=keras.regularizers.L1L2(l1=0.01, l2=0.02), kernel_constraint=keras.constraints.MaxNorm(3), bias_initializer=keras.initializers.GlorotUniform(seed=3))\n',
);

describe('bare constructors mean what the module-qualified ones mean', () => {
  it.each([
    [
      'a call string',
      'input: [3]\nlayers:\n  - Dense(4, kernel_initializer=HeNormal(seed=1), kernel_regularizer=l2(1e-4), bias_regularizer=L1L2(l1=0.01, l2=0.02), kernel_constraint=MaxNorm(3), bias_initializer=GlorotUniform(seed=3))\n',
    ],
    [
      'a mapping',
      'input: [3]\nlayers:\n  - dense: {units: 4, kernel_initializer: HeNormal(seed=1), kernel_regularizer: l2(1e-4), bias_regularizer: "L1L2(l1=0.01, l2=0.02)", kernel_constraint: MaxNorm(3), bias_initializer: GlorotUniform(seed=3)}\n',
    ],
    [
      'names bound in params',
      'params:\n  init: HeNormal(seed=1)\n  reg: l2(1e-4)\n  norm: MaxNorm(3)\ninput: [3]\nlayers:\n  - Dense(4, kernel_initializer=init, kernel_regularizer=reg, bias_regularizer=L1L2(l1=0.01, l2=0.02), kernel_constraint=norm, bias_initializer=GlorotUniform(seed=3))\n',
    ],
  ])('%s', (_name, text) => {
    expect(argsOf(text)).toEqual(qualified);
  });

  it('snake_case constructors too: he_normal(seed=1), l1_l2(l1=0.1)', () => {
    const args = argsOf('input: [3]\nlayers:\n  - Dense(4, kernel_initializer=he_normal(seed=1), kernel_regularizer=l1_l2(l1=0.1))\n');
    expect(args.kernel_initializer).toEqual({ module: 'initializers', className: 'HeNormal', args: [], config: { seed: 1 } });
    expect(args.kernel_regularizer).toEqual({ module: 'regularizers', className: 'L1L2', args: [], config: { l1: 0.1 } });
  });
});

describe('mistakes are diagnostics at the argument', () => {
  it.each([
    ['a regularizer given as an initializer', 'Dense(4, kernel_initializer=l2(1e-4))', /expects an initializer, got a regularizer \(keras\.regularizers\.l2\)/],
    ['a misspelt constructor', 'Dense(4, kernel_initializer=HeNormall())', /unknown function 'HeNormall' \(did you mean 'HeNormal'\?\)/],
    ['an unknown keyword', 'Dense(4, kernel_regularizer=l2(l3=0.1))', /keras\.regularizers\.L2\(\) got an unexpected keyword argument 'l3'/],
  ])('%s', (_name, step, message) => {
    const result = analyzeText(`input: [3]\nlayers:\n  - ${step}\n`, { file: 'spec.yaml' });
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]!.message).toMatch(message);
    // The position is on the step's line.
    expect(result.diagnostics[0]!.line).toBe(3);
  });

  it("a builtin's misspelling keeps the builtin suggestion", () => {
    const result = analyzeText('input: [3]\nlayers:\n  - Dense(roun(3.4))\n', { file: 'spec.yaml' });
    expect(result.diagnostics[0]!.message).toMatch(/unknown function 'roun' \(did you mean 'round'\?\)/);
  });
});
