import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { encodeOutputs, formatOutput, nest } from '../../src/compile/output-data.js';

const matrix = { name: 'filter2d', shape: [1, 2, 3, 1], values: Float32Array.from([0, 10.000001, 20, 175.375, -435, 5]) };

describe('predict output', () => {
  it('prints an H×W×1 result as an aligned matrix with float noise removed', () => {
    expect(formatOutput(matrix)).toBe('filter2d: shape (2, 3, 1)\n      0      10      20\n175.375    -435       5\n');
  });

  it('prints vectors and batches as lists', () => {
    expect(formatOutput({ name: 'dense', shape: [2, 2], values: [0.5, 1, 2, 3] })).toBe('dense: shape (2,), batch 2\n[0]\n[0.5,1]\n[1]\n[2,3]\n');
  });

  it('writes JSON, CSV and PNG', () => {
    expect(JSON.parse(encodeOutputs('y.json', [matrix]) as string)).toEqual(nest(matrix.shape, matrix.values));
    expect(encodeOutputs('y.csv', [matrix])).toBe('0,10.000000953674316,20\n175.375,-435,5\n');
    const png = PNG.sync.read(Buffer.from(encodeOutputs('y.png', [matrix]) as Uint8Array));
    expect([png.width, png.height]).toEqual([3, 2]);
    expect(Array.from(png.data.slice(12, 16))).toEqual([175, 175, 175, 255]);
    expect(png.data[16]).toBe(0); // -435 clipped
  });

  it('refuses formats it cannot write', () => {
    expect(() => encodeOutputs('y.png', [{ name: 'd', shape: [1, 4], values: [1, 2, 3, 4] }])).toThrow(/needs one image/);
    expect(() => encodeOutputs('y.npy', [matrix])).toThrow(/unknown output format/);
  });
});
