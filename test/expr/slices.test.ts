// Slices, as Python evaluates them: every expected value below is CPython 3's own result for
// s = [10, 20, 30, 40, 50] (python3 -c "s=[10,20,30,40,50]; print(<expression>)").
import { describe, expect, it } from 'vitest';
import { evaluateSource, formatExpression, parseExpression } from '../../src/expr/index.js';

const env = new Map([['s', [10, 20, 30, 40, 50]]]);

describe('slices', () => {
  it.each([
    ['s[:-1]', [10, 20, 30, 40]],
    ['s[1:3]', [20, 30]],
    ['s[::-1]', [50, 40, 30, 20, 10]],
    ['s[::2]', [10, 30, 50]],
    ['s[-2:]', [40, 50]],
    ['s[3:1:-1]', [40, 30]],
    ['s[:100]', [10, 20, 30, 40, 50]],
    ['s[-100:2]', [10, 20]],
    ['s[4:-6:-2]', [50, 30, 10]],
    ['s[None:2]', [10, 20]],
    ["'abcd'[1:]", 'bcd'],
    ['s[:-1] + [s[-1] * 2]', [10, 20, 30, 40, 100]],
  ])('%s', (source, value) => {
    const result = evaluateSource(source, env);
    expect(result.errors).toEqual([]);
    expect(result.value).toEqual(value);
  });

  it.each([
    ['s[::0]', 'slice step cannot be zero'],
    ['s[1.5:]', "slice indices must be integers or None, not 'float'"],
    ['3[1:]', "'int' object is not subscriptable"],
  ])('%s is an error as in Python', (source, message) => {
    expect(evaluateSource(source, env).errors[0]!.message).toContain(message);
  });

  it('formats back as written', () => {
    for (const source of ['s[:-1]', 's[1:3:2]', 's[::-1]', 's[1:]']) expect(formatExpression(parseExpression(source).value!)).toBe(source);
  });
});
