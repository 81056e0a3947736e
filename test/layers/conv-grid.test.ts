// Exhaustive 1D length grid against Keras's own compute_conv_output_shape /
// compute_conv_transpose_output_shape (fixture from scripts/keras/conv_grid_fixture.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeArgs } from '../../src/layers/args.js';
import { Conv1D } from '../../src/layers/conv.js';
import { Conv1DTranspose } from '../../src/layers/conv-transpose.js';
import { convLength, transposeLength, type Padding } from '../../src/layers/shape-math.js';
import { LayerError } from '../../src/layers/types.js';

type ConvRow = [n: number, k: number, s: number, d: number, padding: Padding, out: number | null];
type TransposeRow = [n: number, k: number, s: number, d: number, padding: Padding, outputPadding: number | null, out: number | null];

const grid = JSON.parse(readFileSync(new URL('../fixtures/keras/conv-grid.json', import.meta.url), 'utf8')) as {
  conv: ConvRow[];
  transpose: TransposeRow[];
};

describe('Conv1D length grid (n 1..40, k 1..7, s 1..4, d 1..3, valid/same/causal)', () => {
  it('covers the whole grid', () => expect(grid.conv.length).toBe(40 * 7 * 6 * 3));

  it('matches Keras on every row, and refuses exactly where Keras does', () => {
    const wrong: string[] = [];
    for (const [n, k, s, d, padding, expected] of grid.conv) {
      const args = normalizeArgs(Conv1D, { filters: 1, kernel_size: k, strides: s, dilation_rate: d, padding });
      let got: number | null;
      try {
        got = Conv1D.outputShape([[n, 1]], args)[0] as number;
      } catch (err) {
        if (!(err instanceof LayerError)) throw err;
        got = null;
      }
      if (got !== expected) wrong.push(`n=${n} k=${k} s=${s} d=${d} ${padding}: Keras ${expected}, netspec ${got}`);
    }
    expect(wrong).toEqual([]);
  });

  it('the pure length function agrees wherever Keras gives a length', () => {
    for (const [n, k, s, d, padding, expected] of grid.conv) {
      if (expected !== null) expect(convLength(n, k, s, d, padding)).toBe(expected);
    }
  });
});

describe('Conv1DTranspose length grid (n 1..20, k 1..7, s 1..4, d 1..3, output_padding None or 0..s−1)', () => {
  it('matches Keras on every row; lengths ≤ 0 are refused', () => {
    const wrong: string[] = [];
    for (const [n, k, s, d, padding, op, expected] of grid.transpose) {
      const args = normalizeArgs(Conv1DTranspose, { filters: 1, kernel_size: k, strides: s, dilation_rate: d, padding, output_padding: op });
      let got: number | null;
      try {
        got = Conv1DTranspose.outputShape([[n, 1]], args)[0] as number;
      } catch (err) {
        if (!(err instanceof LayerError)) throw err;
        got = null;
      }
      if (got !== expected) wrong.push(`n=${n} k=${k} s=${s} d=${d} ${padding} op=${op}: Keras ${expected}, netspec ${got}`);
      if (expected !== null) expect(transposeLength(n, k, s, d, padding, op)).toBe(expected);
    }
    expect(wrong).toEqual([]);
  });
});
