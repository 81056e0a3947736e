// Filter2D: netspec's own kind for the lecture's fixed filters. Expected kernels are the lecture's;
// shapes follow DepthwiseConv2D (depth_multiplier 1, no bias), whose Keras figures are in layers.json.
import { describe, expect, it } from 'vitest';
import { normalizeArgs } from '../../src/layers/args.js';
import { Filter2D, filterKernel } from '../../src/layers/filter2d.js';
import type { ArgValue, Shape } from '../../src/layers/types.js';

const kernelOf = (raw: Record<string, ArgValue>) => filterKernel(normalizeArgs(Filter2D, raw));

describe('filterKernel presets', () => {
  it.each([
    [
      'blur',
      [
        [1, 2, 1],
        [2, 4, 2],
        [1, 2, 1],
      ].map((r) => r.map((v) => v / 16)),
    ],
    [
      'outline',
      [
        [-1, -1, -1],
        [-1, 8, -1],
        [-1, -1, -1],
      ],
    ],
    [
      'sharpen',
      [
        [0, -1, 0],
        [-1, 5, -1],
        [0, -1, 0],
      ],
    ],
    [
      'emboss',
      [
        [-2, -1, 0],
        [-1, 1, 1],
        [0, 1, 2],
      ],
    ],
    [
      'sobel_x',
      [
        [-1, 0, 1],
        [-2, 0, 2],
        [-1, 0, 1],
      ],
    ],
    [
      'sobel_y',
      [
        [-1, -2, -1],
        [0, 0, 0],
        [1, 2, 1],
      ],
    ],
    [
      'identity',
      [
        [0, 0, 0],
        [0, 1, 0],
        [0, 0, 0],
      ],
    ],
  ])('%s', (preset, expected) => {
    expect(kernelOf({ preset })).toEqual(expected);
  });

  it('mean of size n is all 1/n²', () => {
    expect(kernelOf({ preset: 'mean', size: 5 })).toEqual(Array.from({ length: 5 }, () => Array(5).fill(1 / 25)));
  });

  it('gaussian sums to 1, is symmetric and peaks in the centre', () => {
    const k = kernelOf({ preset: 'gaussian', size: 5, sigma: 1 });
    expect(k.flat().reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(k[0]![1]).toBeCloseTo(k[1]![0]!, 15);
    expect(k[2]![2]).toBe(Math.max(...k.flat()));
    // exp(-1/2) between the centre and its neighbour, by definition of a σ = 1 Gaussian.
    expect(k[2]![3]! / k[2]![2]!).toBeCloseTo(Math.exp(-0.5), 12);
  });

  it('an explicit kernel is used as given', () => {
    expect(
      kernelOf({
        kernel: [
          [1, 0],
          [0, -1],
        ],
      }),
    ).toEqual([
      [1, 0],
      [0, -1],
    ]);
  });
});

describe('Filter2D shapes and counts', () => {
  it.each([
    [{ preset: 'blur' }, [128, 128, 1], [126, 126, 1], 9],
    [{ preset: 'sobel_x', padding: 'same' }, [64, 48, 3], [64, 48, 3], 27],
    [{ preset: 'mean', size: 5, strides: 2 }, [32, 32, 3], [14, 14, 3], 75],
    [
      {
        kernel: [
          [1, 0],
          [0, -1],
        ],
      },
      [10, 7, 2],
      [9, 6, 2],
      8,
    ],
    [{ preset: 'gaussian', size: 7, sigma: 2 }, [None(), 20, 1], [null, 14, 1], 49],
  ] as [Record<string, ArgValue>, Shape, Shape, number][])('%j on %j → %j', (raw, input, output, nonTrainable) => {
    const args = normalizeArgs(Filter2D, raw);
    expect(Filter2D.outputShape([input], args)).toEqual(output);
    expect(Filter2D.params([input], args, output)).toEqual({ trainable: 0, nonTrainable });
  });

  it('refuses a kernel larger than the input', () => {
    expect(() => Filter2D.outputShape([[2, 2, 1]], normalizeArgs(Filter2D, { preset: 'blur' }))).toThrow(/computed output size would be 0/);
  });

  it('explains with numbers', () => {
    const args = normalizeArgs(Filter2D, { preset: 'blur' });
    expect(Filter2D.explain([[128, 128, 1]], args, [126, 126, 1])).toContain('H = floor((128 − 3) / 1) + 1 = 126');
    expect(Filter2D.label(args)).toBe('Filter blur 3×3');
  });
});

function None(): null {
  return null;
}
