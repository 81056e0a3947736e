// The one spelling of a byte size and of a duration. Byte rows: Keras 3.15's own
// keras.src.utils.summary_utils.readable_memory_size on the same numbers (what model.summary() prints).
import { describe, expect, test } from 'vitest';
import { formatBytes, formatFactor, formatPx, formatSeconds, groupDigits } from '../../src/format/format.js';

describe('formatBytes spells sizes as Keras does', () => {
  test.each([
    [0, '0.00 B'],
    [9, '9.00 B'],
    [1023, '1023.00 B'],
    [1024, '1.00 KB'],
    [1312, '1.28 KB'],
    [1048575, '1024.00 KB'],
    [2 * 1024 ** 2 + 1, '2.00 MB'],
    [5 * 1024 ** 2, '5.00 MB'],
    [97.8 * 1024 ** 2, '97.80 MB'],
    [1024 ** 3, '1.00 GB'],
    [3_600_120_000, '3.35 GB'],
    [1024 ** 5, '1.00 PB'],
  ])('%d bytes → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

test.each([
  [0, '0.00 s'],
  [420, '0.42 s'],
  [3141, '3.14 s'],
  [9994, '9.99 s'],
  [12_345, '12.3 s'],
])('formatSeconds(%d ms) = %s', (ms, text) => {
  expect(formatSeconds(ms)).toBe(text);
});

test.each([
  ['0', '0'],
  ['2632', '2,632'],
  ['-9007199254740993', '-9,007,199,254,740,993'],
])('groupDigits(%s) = %s', (digits, text) => {
  expect(groupDigits(digits)).toBe(text);
});

describe('formatFactor: a scale in a label', () => {
  test.each([
    [1 / 255, '1/255'],
    [1 / 128, '1/128'],
    [1 / 127.5, '0.007843'],
    [0.5, '1/2'],
    [2, '2'],
    [1, '1'],
    [0.1, '1/10'],
    [0.3, '0.3'],
    [-1 / 255, '-1/255'],
    [0, '0'],
  ])('%d → %s', (x, text) => {
    expect(formatFactor(x)).toBe(text);
  });
});

test.each([
  [22.7, '22'],
  [12, '12'],
  [11.96, '11.9'],
])('formatPx(%d) → %s', (px, text) => {
  expect(formatPx(px)).toBe(text);
});
