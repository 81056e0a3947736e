import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { formatArray } from '../../src/compile/format-array.js';
import { encodeOutputs, formatOutput, formatOutputs } from '../../src/compile/output-data.js';

const matrix = { name: 'filter2d', shape: [1, 2, 3, 1], values: Float32Array.from([0, 10.000001, 20, 175.375, -435, 5]) };
const readPng = (data: string | Uint8Array) => PNG.sync.read(Buffer.from(data as Uint8Array));

describe('predict output for people: as numpy prints arrays', () => {
  it('prints an H×W×1 result as its matrix, float noise removed, one format and width', () => {
    expect(formatOutput(matrix)).toBe(
      'filter2d: shape (2, 3, 1), shown as 2×3\n[[   0.         10.000001   20.      ]\n [ 175.375    -435.          5.      ]]\n',
    );
  });

  it('prints a vector on one line, a batch with its batch axis', () => {
    expect(formatOutput({ name: 'dense', shape: [1, 3], values: [0.25, 1, 2] })).toBe('dense: shape (3,)\n[0.25 1.   2.  ]\n');
    expect(formatOutput({ name: 'dense', shape: [2, 2], values: [1, 2, 3, 4] })).toBe('dense: shape (2,), batch 2\n[[1 2]\n [3 4]]\n');
  });

  // Expected texts: numpy's own str() of the same integer arrays (test/compile/fixtures/numpy-str.json):
  // brackets, alignment, summarisation past 1,000 values and wrapping at 75 columns, character for character.
  const numpy = JSON.parse(readFileSync(new URL('./fixtures/numpy-str.json', import.meta.url), 'utf8')) as {
    cases: { numpy: string; shape: number[]; str: string }[];
    floatCases: { numpy: string; shape: number[]; values: (number | null | 'inf')[]; str: string }[];
  };
  const valuesOf = (expression: string, size: number): number[] => {
    if (expression.includes('% 7')) return Array.from({ length: size }, (_, i) => i % 7);
    if (expression.includes('arange(-300, 900)')) return Array.from({ length: size }, (_, i) => (i - 300) * 37);
    return Array.from({ length: size }, (_, i) => i);
  };
  it.each(numpy.cases.map((c) => [c.numpy, c] as const))('prints %s as numpy does', (_, c) => {
    const size = c.shape.reduce((p, d) => p * d, 1);
    expect(formatArray(c.shape, valuesOf(c.numpy, size))).toBe(c.str);
  });

  it.each(numpy.floatCases.map((c) => [c.numpy, c] as const))('prints float32 %s as numpy does', (_, c) => {
    const values = Float32Array.from(c.values.map((v) => (v === null ? NaN : v === 'inf' ? Infinity : v)));
    expect(formatArray(c.shape, values)).toBe(c.str);
  });

  it('summarises a large tensor to a screenful (Setting A: 120×60×4 = 28,800 values)', () => {
    const text = formatOutput({ name: 'conv2d', shape: [1, 120, 60, 4], values: new Float32Array(28_800).map((_, i) => i % 7) });
    expect(text.split('\n').length).toBeLessThan(60);
    expect(text).toContain('...');
  });

  it('prints whole numbers as integers (numpy would add a point: 1.)', () => {
    expect(formatArray([3], [NaN, Infinity, 1])).toBe('[nan inf   1]');
  });
});

describe('predict output for machines', () => {
  it('--format json and csv print what -o .json and .csv write', () => {
    expect(formatOutputs([matrix], 'json')).toBe(`${encodeOutputs('y.json', [matrix])[0]!.data}\n`);
    expect(formatOutputs([matrix], 'csv')).toBe(encodeOutputs('y.csv', [matrix])[0]!.data);
  });

  it('writes JSON and CSV at full precision', () => {
    // Written out by hand (batch 1, 2×3, one channel; 10.000001 as float32): not nest()'s own output.
    expect(JSON.parse(encodeOutputs('y.json', [matrix])[0]!.data as string)).toEqual([
      [
        [[0], [10.000000953674316], [20]],
        [[175.375], [-435], [5]],
      ],
    ]);
    expect(encodeOutputs('y.csv', [matrix])[0]!.data).toBe('0,10.000000953674316,20\n175.375,-435,5\n');
  });
});

describe('predict output as PNG: one grayscale image per channel', () => {
  it('writes one channel as the file itself, clipped to 0–255', () => {
    const [file] = encodeOutputs('y.png', [matrix]);
    expect(file!.path).toBe('y.png');
    const png = readPng(file!.data);
    expect([png.width, png.height]).toEqual([3, 2]);
    expect(Array.from(png.data.slice(12, 16))).toEqual([175, 175, 175, 255]);
    expect(png.data[16]).toBe(0); // -435 clipped
  });

  it('writes 4 filters as 4 grayscale PNGs, never as RGBA', () => {
    // 1×2 image, 4 channels: pixel 0 = (10, 20, 30, 40), pixel 1 = (50, 60, 70, 80).
    const files = encodeOutputs('out/y.png', [{ name: 'conv', shape: [1, 1, 2, 4], values: [10, 20, 30, 40, 50, 60, 70, 80] }]);
    expect(files.map((f) => f.path)).toEqual(['out/y.c0.png', 'out/y.c1.png', 'out/y.c2.png', 'out/y.c3.png']);
    files.forEach((f, c) => {
      const png = readPng(f.data);
      expect(Array.from(png.data)).toEqual([10 + 10 * c, 10 + 10 * c, 10 + 10 * c, 255, 50 + 10 * c, 50 + 10 * c, 50 + 10 * c, 255]);
    });
  });

  it("--normalize minmax maps each channel's range onto 0–255", () => {
    const [file] = encodeOutputs('y.png', [{ name: 'conv', shape: [1, 1, 3, 1], values: [-2, 0, 2] }], 'minmax');
    expect(Array.from(readPng(file!.data).data.filter((_, i) => i % 4 === 0))).toEqual([0, 128, 255]);
  });

  it('refuses outputs that are not images, and unknown formats', () => {
    expect(() => encodeOutputs('y.png', [{ name: 'd', shape: [1, 4], values: [1, 2, 3, 4] }])).toThrow(
      /needs one image of shape \(H, W\) or \(H, W, C\); the output is \(4,\)/,
    );
    expect(() => encodeOutputs('y.npy', [matrix])).toThrow(/unknown output format/);
  });
});
