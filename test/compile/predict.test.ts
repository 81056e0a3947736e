// `netspec predict` through the command line: --data (not --input), --seed, --format, one PNG per
// channel, channel conversion flags, and inputs bounded before they cost anything.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { pngClaiming } from './helpers.js';
import { INPUT_LIMITS, nestingDepth, readInputFile } from '../../src/compile/input-data.js';
import { runCli } from '../cli/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'netspec-predict-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Uint8Array): string => (writeFileSync(join(dir, name), content), join(dir, name));

const dense = file('dense.yaml', 'name: d\ninput: [4]\nlayers:\n  - dense: {units: 3}\n');
const vector = file('v.json', '[1, 2, 3, 4]');
const conv = file('conv.yaml', 'name: c\ninput: [4, 4, 1]\nlayers:\n  - conv2d: {filters: 4, kernel_size: 1, use_bias: false}\n');
const gray4x4 = file('gray.json', JSON.stringify(Array.from({ length: 4 }, (_, y) => Array.from({ length: 4 }, (_, x) => 16 * y + x))));
const predict = (...args: string[]) => runCli(['predict', ...args, '--backend', 'cpu']);

function png(width: number, height: number, rgba: (p: number) => number[], colorType: 0 | 2 | 6): string {
  const image = new PNG({ width, height });
  for (let p = 0; p < width * height; p++) image.data.set(rgba(p), p * 4);
  return file(`img-${colorType}-${width}.png`, PNG.sync.write(image, { colorType }));
}

/** A PNG file that is only a header claiming `width`×`height` pixels. */
const pngFileClaiming = (width: number, height: number): string => file(`claims-${width}x${height}.png`, pngClaiming(width, height));

describe('predict --data', () => {
  it('--input is a usage error that names --data (everywhere else --input is a shape)', async () => {
    const run = await runCli(['predict', dense, '--input', vector]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/predict reads its data with --data <file>: --input is the input shape in the other commands/);
  });

  it('a missing --data is a usage error', async () => {
    const run = await runCli(['predict', dense]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/missing --data <file>/);
  });
});

describe('predict on a layer with several outputs', () => {
  it('names each output name[k], so --format json keeps them all', async () => {
    const lstm = file('states.yaml', 'name: s\ninput: [5, 2]\nlayers:\n  - LSTM(3, return_state=True)\n');
    const sequence = file('seq.json', '[[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]]');
    const run = await predict(lstm, '--data', sequence, '--format', 'json');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as Record<string, number[][]>;
    expect(Object.keys(result)).toEqual(['lstm[0]', 'lstm[1]', 'lstm[2]']);
    // The output of the last step is the state h.
    expect(result['lstm[0]']).toEqual(result['lstm[1]']);
  });
});

describe('predict --seed', () => {
  it('the same seed gives identical random-weight predictions; another seed, others', async () => {
    const [a, b, c] = [
      await predict(dense, '--data', vector, '--seed', '7', '--format', 'json'),
      await predict(dense, '--data', vector, '--seed', '7', '--format', 'json'),
      await predict(dense, '--data', vector, '--seed', '8', '--format', 'json'),
    ];
    expect(a.code, a.stderr).toBe(0);
    expect(JSON.parse(a.stdout)[0]).toHaveLength(3);
    expect(a.stdout).toBe(b.stdout);
    expect(c.stdout).not.toBe(a.stdout);
  });

  it.each(['-1', '1.5', 'x', '4294967296'])('refuses --seed %s', async (seed) => {
    const run = await predict(dense, '--data', vector, `--seed=${seed}`);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--seed must be a whole number from 0 to 4294967295/);
  });
});

describe('predict --format', () => {
  it('json and csv print machine-readable output; text is numpy-like', async () => {
    const json = await predict(dense, '--data', vector, '--seed', '1', '--format', 'json');
    const csv = await predict(dense, '--data', vector, '--seed', '1', '--format', 'csv');
    const text = await predict(dense, '--data', vector, '--seed', '1');
    const values = JSON.parse(json.stdout)[0] as number[];
    expect(csv.stdout).toBe(values.join(',') + '\n');
    expect(text.stdout).toMatch(/^dense: shape \(3,\)\n\[ *-?[\d.e+-]+ +-?[\d.e+-]+ +-?[\d.e+-]+ *\]\n$/);
  });

  it('is refused with -o, which takes its format from the file name', async () => {
    const run = await predict(dense, '--data', vector, '--format', 'json', '-o', join(dir, 'x.json'));
    expect(run.code).toBe(2);
  });
});

describe('predict -o image.png', () => {
  it('writes a 4-filter output as 4 grayscale PNGs, and refuses to overwrite any of them', async () => {
    const out = join(dir, 'maps.png');
    const run = await predict(conv, '--data', gray4x4, '--seed', '3', '-o', out, '--normalize', 'minmax');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/wrote .*maps\.c0\.png … .*maps\.c3\.png \(one PNG per channel, 4 channels\)/);
    for (let c = 0; c < 4; c++) {
      const image = PNG.sync.read(readFileSync(join(dir, `maps.c${c}.png`)));
      expect([image.width, image.height]).toEqual([4, 4]);
      // A 1×1 convolution of a ramp, min-max normalised: the ends of the ramp are 0 and 255.
      const grays = Array.from(image.data.filter((_, i) => i % 4 === 0));
      expect([Math.min(...grays), Math.max(...grays)]).toEqual([0, 255]);
    }
    expect(existsSync(out)).toBe(false);
    const again = await predict(conv, '--data', gray4x4, '-o', out);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/maps\.c0\.png, .*maps\.c3\.png already exist/);
  });

  it.each(['sigmoid', 'none'])('refuses --normalize %s', async (how) => {
    expect((await predict(conv, '--data', gray4x4, '-o', join(dir, 'n.png'), '--normalize', how)).code).toBe(2);
  });
});

describe('predict: image channels must match the model, or be converted on request', () => {
  const rgb = png(4, 4, (p) => [p * 10, 100, 200, 255], 2);
  const gray = png(4, 4, (p) => [p, p, p, 255], 0);
  const translucent = png(4, 4, (p) => [p, p, p, 128], 6);
  const conv3 = file('conv3.yaml', 'name: c3\ninput: [4, 4, 3]\nlayers:\n  - conv2d: {filters: 2, kernel_size: 1}\n');

  it.each([
    [
      'an RGB image, a 1-channel model',
      conv,
      rgb,
      /the image has 3 channels \(RGB\); the model takes 1 \(gray\)/,
      /add --grayscale to convert it to luminance/,
    ],
    ['a gray image, a 3-channel model', conv3, gray, /the image has 1 channel \(gray\); the model takes 3 \(RGB\)/, /add --rgb to repeat the gray channel/],
    [
      'a translucent RGBA image, a 3-channel model',
      conv3,
      translucent,
      /the image has 4 channels \(RGBA, with transparency\); the model takes 3/,
      /add --rgb to drop the alpha channel/,
    ],
  ])('%s: an error that says how to convert', async (_, spec, image, message, help) => {
    const run = await predict(spec, '--data', image);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(help);
  });

  it.each([
    ['--grayscale', conv, rgb],
    ['--rgb', conv3, gray],
    ['--rgb', conv3, translucent],
  ])('%s converts', async (flag, spec, image) => {
    const run = await predict(spec, '--data', image, flag, '--seed', '1');
    expect(run.code, run.stderr).toBe(0);
  });

  it('--grayscale gives luminance 0.299 R + 0.587 G + 0.114 B', async () => {
    const values = await readInputFile(rgb, [4, 4, 1], { convert: 'grayscale' });
    expect(values.values[1]).toBeCloseTo(0.299 * 10 + 0.587 * 100 + 0.114 * 200, 3);
  });
});

describe('predict inputs are bounded before they cost anything', () => {
  it('a PNG claiming 20000×20000 pixels is refused from its header, quickly and without gigabytes', async () => {
    const image = pngFileClaiming(20000, 20000);
    const started = Date.now();
    const heap = process.memoryUsage().rss;
    const run = await predict(conv, '--data', image);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /claims-20000x20000\.png: error\[data\]: the image is 20000×20000 pixels, more than netspec reads \(at most 16384 pixels a side and 16,777,216 in all, 4096×4096\)/,
    );
    expect(run.stderr).toMatch(/help: scale the image down first/);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(process.memoryUsage().rss - heap).toBeLessThan(500 * 1024 * 1024);
  });

  it.each([
    [5000, 4000, /5000×4000 pixels/],
    [20, 20000, /20×20000 pixels/],
  ])('refuses %d×%d', async (width, height, message) => {
    await expect(readInputFile(pngFileClaiming(width, height), [null, null, 3])).rejects.toThrow(message);
  });

  it('a JPEG claiming 30000×30000 pixels is refused from its frame header', async () => {
    const jpeg = Buffer.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x75, 0x30, 0x75, 0x30, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
    ]);
    await expect(readInputFile(file('claims.jpg', jpeg), [null, null, 3])).rejects.toThrow(/30000×30000 pixels/);
  });

  it('100,000-deep JSON is a diagnostic, not a crash', async () => {
    const deep = file('deep.json', '['.repeat(100_000) + '1' + ']'.repeat(100_000));
    const run = await predict(dense, '--data', deep);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/deep\.json: error\[data\]: arrays nested more than 32 levels deep/);
  });

  it('measures nesting outside strings only', () => {
    expect(nestingDepth('[[1], "[[[[["]', 32)).toBe(2);
    expect(nestingDepth('[' + '{"a":'.repeat(10) + '1' + '}'.repeat(10) + ']', 32)).toBe(11);
  });

  it('a data file over the size cap is refused before it is parsed', async () => {
    const saved = INPUT_LIMITS.fileBytes;
    INPUT_LIMITS.fileBytes = 1024;
    try {
      await expect(readInputFile(file('big.csv', '1,2,3\n'.repeat(500)), [null])).rejects.toThrow(/is larger than the limit of 1\.00 KB/);
    } finally {
      INPUT_LIMITS.fileBytes = saved;
    }
  });

  it('refuses a directory or a device as data', async () => {
    mkdirSync(join(dir, 'folder.json'));
    symlinkSync('/dev/zero', join(dir, 'zero.json'));
    await expect(readInputFile(join(dir, 'folder.json'), [null])).rejects.toThrow(/is a directory/);
    await expect(readInputFile(join(dir, 'zero.json'), [null])).rejects.toThrow(/is not a regular file \(a device\)/);
  });
});
