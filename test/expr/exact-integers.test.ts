// Integers in expressions are Python's (unbounded) where a double holds the result exactly, and an
// error where it would not — never a silently rounded value. Expected values are Python's.
import { describe, expect, it } from 'vitest';
import { evaluateSource } from '../../src/expr/index.js';

const env = new Map();

describe('exact where a double holds the integer', () => {
  it.each([
    ['2 ** 53', 2n ** 53n],
    ['2 ** 60', 2n ** 60n],
    ['2 ** 53 - 1', 2n ** 53n - 1n],
    ['2 ** 52 + 2 ** 52', 2n ** 53n],
    ['2 ** 60 % 3', 1n],
    ['-(2 ** 60) // 2 ** 10', -(2n ** 50n)],
    ['9007199254740992', 2n ** 53n],
    // a base of 0 or ±1 with an enormous exponent is answered without building it in BigInt
    ['1 ** 100000000000000000000', 1n],
    ['(-1) ** 100000000000000000000', 1n],
  ])('%s', (source, python) => {
    const { value, errors } = evaluateSource(source, env);
    expect(errors).toEqual([]);
    expect(BigInt(value as number)).toBe(python);
  });
});

describe('an error where it would round', () => {
  it.each([
    // [source, offending span, Python's exact value for the record]
    ['2 ** 60 - 1', '2 ** 60 - 1'], // 1152921504606846975
    ['2 ** 53 + 1', '2 ** 53 + 1'], // 9007199254740993
    ['3 ** 40 // 3 ** 35', '3 ** 40'], // 243, but 3 ** 40 is not a double
    ['(2 ** 60 + 2) // 2', '(2 ** 60 + 2)'],
    ['2 ** 60 // 3', '2 ** 60 // 3'], // 384307168202282325
    ['9007199254740993', '9007199254740993'],
    ['1 + 9007199254740993 * 0', '9007199254740993'],
  ])('%s', (source, offending) => {
    const { value, errors } = evaluateSource(source, env);
    expect(value).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]!.code).toBe('expr-value');
    expect(source.slice(errors[0]!.start, errors[0]!.end)).toBe(offending);
    expect(errors[0]!.message).toMatch(/too large to (compute|hold) exactly/);
  });
});

describe('floats stay floats', () => {
  it.each([
    ['2 ** -60', 2 ** -60],
    ['1e300 / 10', 1e299],
    ['2.5 * 4', 10],
    ['1e300', 1e300],
  ])('%s', (source, python) => {
    expect(evaluateSource(source, env)).toEqual({ value: python, errors: [] });
  });
});
