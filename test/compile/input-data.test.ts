import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { fitToInput, fromNested, parseCsv, readInputFile } from '../../src/compile/input-data.js';
import { DiagnosticError } from '../../src/diagnostics/diagnostic.js';

const dir = mkdtempSync(join(tmpdir(), 'netspec-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A 3×2 RGB test image: pixel (y, x) = (10y + x, 100, 200). */
function writePng(): string {
  const png = new PNG({ width: 2, height: 3 });
  for (let y = 0; y < 3; y++) for (let x = 0; x < 2; x++) png.data.set([10 * y + x, 100, 200, 255], (y * 2 + x) * 4);
  const path = join(dir, 'image.png');
  writeFileSync(path, PNG.sync.write(png));
  return path;
}

describe('input files', () => {
  it('reads a PNG as H×W×3 pixel values, or its luminance for one channel', async () => {
    const path = writePng();
    const rgb = await readInputFile(path, [3, 2, 3]);
    expect(rgb.shape).toEqual([3, 2, 3]);
    expect(Array.from(rgb.values.slice(0, 6))).toEqual([0, 100, 200, 1, 100, 200]);
    const gray = await readInputFile(path, [3, 2, 1], { convert: 'grayscale' });
    expect(gray.shape).toEqual([3, 2, 1]);
    expect(gray.values[0]).toBeCloseTo(0.587 * 100 + 0.114 * 200, 3);
  });

  it('reads a JPEG', async () => {
    const data = Buffer.alloc(8 * 8 * 4, 128);
    const path = join(dir, 'image.jpg');
    writeFileSync(path, jpeg.encode({ data, width: 8, height: 8 }, 90).data);
    const image = await readInputFile(path, [8, 8, 3]);
    expect(image.shape).toEqual([8, 8, 3]);
    expect(Math.abs(image.values[0]! - 128)).toBeLessThan(3);
  });

  it.each([
    [
      '1,2,3\n4,5,6\n',
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
    ],
    [
      '# comment\n1 2\t3\n\n4;5;6\n',
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
    ],
  ])('parses CSV %j', (text, rows) => {
    expect(parseCsv('x.csv', text)).toEqual(rows);
  });

  it.each([
    ['1,2\n3\n', /rows have different lengths/],
    ['1,a\n', /line 1: not a row of numbers/],
    ['', /no numbers/],
  ])('refuses bad CSV %j', (text, message) => {
    expect(() => parseCsv('x.csv', text)).toThrow(message);
  });

  it('refuses ragged or non-numeric JSON with a diagnostic', () => {
    expect(() => fromNested('x.json', [[1, 2], [3]])).toThrow(DiagnosticError);
    expect(() => fromNested('x.json', [[1, 'a']])).toThrow(/not a number/);
  });

  it.each([
    [
      [10, 10],
      [10, 10, 1],
      [1, 10, 10, 1],
    ],
    [
      [2, 10, 10],
      [10, 10, 1],
      [2, 10, 10, 1],
    ],
    [
      [10, 10, 1],
      [null, null, 1],
      [1, 10, 10, 1],
    ],
    [[4, 3], [3], [4, 3]],
  ])('fits data of shape %j to model input %j as %j', (shape, expected, fitted) => {
    const size = shape.reduce((p, d) => p * d, 1);
    expect(fitToInput('x', { shape, values: new Float32Array(size) }, expected).shape).toEqual(fitted);
  });

  it('names both shapes when the data does not fit', () => {
    expect(() => fitToInput('x.csv', { shape: [3, 3], values: new Float32Array(9) }, [4, 4, 1])).toThrow(
      'data of shape (3, 3) does not fit the model input (4, 4, 1)',
    );
  });

  it('refuses an unknown extension', async () => {
    const path = join(dir, 'data.xyz');
    writeFileSync(path, '1');
    await expect(readInputFile(path, [1])).rejects.toThrow(/unknown input format/);
  });
});
