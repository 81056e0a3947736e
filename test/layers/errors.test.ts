// Argument and shape errors: the message names the rule and the numbers, as Keras's do.
import { describe, expect, it } from 'vitest';
import { ArgumentError, normalizeArgs } from '../../src/layers/args.js';
import { lookupKind } from '../../src/layers/registry.js';
import { LayerError, type ArgValue, type Shape } from '../../src/layers/types.js';

function attempt(kindName: string, raw: Readonly<Record<string, ArgValue | readonly ArgValue[]>>, inputs?: Shape[]): LayerError {
  const kind = lookupKind(kindName)!;
  try {
    const args = normalizeArgs(kind, raw as Record<string, ArgValue>);
    if (inputs) kind.outputShape(inputs, args);
  } catch (err) {
    if (err instanceof LayerError) return err;
    throw err;
  }
  throw new Error(`${kindName} accepted ${JSON.stringify(raw)}`);
}

describe('argument errors', () => {
  it.each([
    ['Conv2D', { filters: 8, kernel_sise: 3 }, 'kernel_sise', "did you mean 'kernel_size'?"],
    ['Dense', { unit: 8 }, 'unit', "did you mean 'units'?"],
    ['MaxPooling2D', { pool_szie: 2 }, 'pool_szie', "did you mean 'pool_size'?"],
    ['BatchNormalization', { momentom: 0.9 }, 'momentom', "did you mean 'momentum'?"],
  ] as const)('%s with a misspelt argument %j suggests the right one', (kind, raw, arg, hint) => {
    const err = attempt(kind, raw) as ArgumentError;
    expect(err).toBeInstanceOf(ArgumentError);
    expect(err.message).toContain(`has no argument '${arg}'`);
    expect(err.suggestion).toBe(hint);
  });

  it.each([
    ['Conv1D', { filters: 3, kernel_size: 3, strides: 2, dilation_rate: 2 }],
    ['Conv2D', { filters: 3, kernel_size: 3, strides: [1, 2], dilation_rate: [2, 1] }],
    ['Conv2DTranspose', { filters: 3, kernel_size: 3, strides: 2, dilation_rate: 2 }],
  ] as const)('%s refuses strides > 1 with dilation_rate > 1', (kind, raw) => {
    const err = attempt(kind, raw);
    expect(err.code).toBe('argument');
    expect(err.message).toMatch(/strides > 1 not supported in conjunction with dilation_rate > 1/);
    expect(err.message).toContain('strides=');
  });

  it('a bad padding value lists the allowed ones and suggests the closest', () => {
    const err = attempt('Conv2D', { filters: 8, kernel_size: 3, padding: 'sme' }) as ArgumentError;
    expect(err.message).toContain("argument 'padding' must be one of 'valid', 'same'");
    expect(err.message).toContain("got 'sme'");
    expect(err.suggestion).toBe("did you mean 'same'?");
  });

  it("Conv2D does not take padding='causal' (only Conv1D does)", () => {
    expect(attempt('Conv2D', { filters: 8, kernel_size: 3, padding: 'causal' }).message).toContain("must be one of 'valid', 'same'");
  });

  it('a missing required argument is named', () => {
    expect(attempt('Dense', {}).message).toContain("Dense requires argument 'units'");
    expect(attempt('Activation', {}).message).toContain("requires argument 'activation'");
  });

  it('output_padding must be smaller than strides', () => {
    expect(attempt('Conv2DTranspose', { filters: 2, kernel_size: 3, strides: 2, output_padding: 2 }).message).toMatch(
      /`output_padding` must be strictly less than `strides`.*At dimension 0, `output_padding` is 2 but `strides` is 2/,
    );
  });

  it('Dropout rate must lie in [0, 1]', () => {
    expect(attempt('Dropout', { rate: 1.5 }).message).toContain("argument 'rate' must be at most 1, got 1.5");
  });

  it('Permute dims must be a permutation of 1..n', () => {
    expect(attempt('Permute', { dims: [1, 3] }).message).toContain('must be consecutive and start from 1, got dims=(1, 3)');
  });

  it('Normalization needs both mean and variance, or neither', () => {
    expect(attempt('Normalization', { mean: [1, 2, 3] }).message).toContain('both `mean` and `variance` must be set');
  });

  it('Filter2D needs exactly one of preset or kernel', () => {
    expect(attempt('Filter2D', {}).message).toContain('exactly one of `preset`');
    expect(attempt('Filter2D', { preset: 'blur', kernel: [[1]] }).message).toContain('exactly one of `preset`');
  });
});

describe('shape errors', () => {
  it('Reshape to a different total size names both sizes', () => {
    const err = attempt('Reshape', { target_shape: [7, 7] }, [[50]]);
    expect(err.message).toContain('the total size of the tensor must be unchanged');
    expect(err.message).toContain('input (50,) has 50 values, target_shape (7, 7) has 49');
  });

  it('Reshape with -1 that cannot divide the size', () => {
    expect(attempt('Reshape', { target_shape: [-1, 7] }, [[50]]).message).toContain('50 is not divisible by 7');
  });

  it('Reshape with two -1 is refused', () => {
    expect(attempt('Reshape', { target_shape: [-1, -1] }, [[50]]).message).toContain('at most one -1');
  });

  it('Concatenate with mismatched non-concat axes lists the shapes', () => {
    const err = attempt('Concatenate', {}, [
      [8, 8, 3],
      [8, 7, 3],
    ]);
    expect(err.message).toContain('matching shapes except for the concatenation axis (axis -1)');
    expect(err.message).toContain('(8, 8, 3), (8, 7, 3)');
  });

  it('Concatenate with different ranks is refused', () => {
    expect(
      attempt('Concatenate', {}, [
        [8, 8, 3],
        [8, 3],
      ]).message,
    ).toContain('matching shapes');
  });

  it('Add of incompatible shapes names both', () => {
    expect(
      attempt('Add', {}, [
        [8, 8, 16],
        [8, 8, 15],
      ]).message,
    ).toContain('incompatible shapes: (8, 8, 16) and (8, 8, 15)');
  });

  it('Subtract takes exactly two inputs', () => {
    expect(attempt('Subtract', {}, [[3], [3], [3]]).message).toContain('exactly 2 inputs, got 3');
  });

  it('a kernel larger than the input gives Keras\'s "output size would be" error with numbers', () => {
    const err = attempt('Conv2D', { filters: 4, kernel_size: 5 }, [[3, 3, 1]]);
    expect(err.message).toContain('computed output size would be -1');
    expect(err.message).toContain('(-1, -1, 4)');
  });

  it('a conv on the wrong rank says which rank it expects', () => {
    expect(attempt('Conv2D', { filters: 8, kernel_size: 3 }, [[8, 8]]).message).toContain('expects input of rank 4');
  });

  it('cropping away a whole axis is refused', () => {
    expect(attempt('Cropping2D', { cropping: 3 }, [[6, 8, 1]]).message).toContain('should be smaller than the corresponding spatial dimension');
  });
});
