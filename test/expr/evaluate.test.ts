import { describe, expect, it } from 'vitest';
import { evaluate, evaluateSource, parseExpression, type Value } from '../../src/expr/index.js';

const env = new Map<string, Value>([
  ['width', 64],
  ['i', 0],
  ['alpha', 0.75],
  ['mode', 'same'],
  ['filters', 32],
]);

describe('values', () => {
  it.each<[string, Value]>([
    ['true', true],
    ['false or null', null],
    ['null', null],
    ['4 * width', 256],
    ['(3, 3)', [3, 3]],
    ['[filters] * 2', [32, 32]],
    ['mode', 'same'],
    ["mode == 'same'", true],
    ['-0.0', 0],
    ['0 and unknown_name', 0],
    ['1 or unknown_name', 1],
    ['1 if True else unknown_name', 1],
    ['1 > 2 > unknown_name', false],
  ])('%s = %j', (source, expected) => {
    const result = evaluateSource(source, env);
    expect(result.errors).toEqual([]);
    expect(result.value).toEqual(expected);
  });
});

it('evaluates a long flat chain', () => {
  expect(evaluateSource('1' + '+1'.repeat(4999), env).value).toBe(5000);
});

describe('errors point at the offending sub-expression', () => {
  it.each([
    ['4 * widht', 'expr-name', 'widht', "unknown name 'widht' (did you mean 'width'?)", "did you mean 'width'?"],
    ['filtres // 2', 'expr-name', 'filtres', "unknown name 'filtres' (did you mean 'filters'?)", "did you mean 'filters'?"],
    ['zzz + 1', 'expr-name', 'zzz', "unknown name 'zzz'", undefined],
    ["1 + 'a' * 'b'", 'expr-type', "'a' * 'b'", "can't multiply a sequence by a non-int of type 'str'", undefined],
    ["1 + 'a' / 'b'", 'expr-type', "'a' / 'b'", "unsupported operand types for /: 'str' and 'str'", undefined],
    ['width + mode', 'expr-type', 'width + mode', "unsupported operand types for +: 'int' and 'str'", undefined],
    ['width / (i * 2)', 'expr-value', '(i * 2)', "division by zero: the right side of '/' is 0", undefined],
    ['width // i', 'expr-value', 'i', 'division by zero', undefined],
    ['width % 0', 'expr-value', '0', 'division by zero', undefined],
    ['0 < mode', 'expr-type', '0 < mode', "'<' is not supported between 'int' and 'str'", undefined],
    ['1 < 2 < mode', 'expr-type', '2 < mode', "'<' is not supported", undefined],
    ['[1] < [2]', 'expr-type', '[1] < [2]', "'<' is not supported between 'list' and 'list'", undefined],
    ['-mode', 'expr-type', '-mode', "bad operand type for unary -: 'str'", undefined],
    ['[1] * 1.5', 'expr-type', '[1] * 1.5', "can't multiply a sequence by a non-int", undefined],
    ['10 ** 400', 'expr-value', '10 ** 400', "result of '**' is too large", undefined],
    ['2 ** 1000', 'expr-value', '2 ** 1000', 'too large', undefined],
    ['1e300 * 10', 'expr-value', '1e300 * 10', 'too large', undefined],
    ['(-8) ** (1 / 3)', 'expr-value', '(-8) ** (1 / 3)', 'fractional power', undefined],
    ['0 ** -1', 'expr-value', '0 ** -1', 'negative power', undefined],
    ["'ab' * 1000000", 'expr-value', "'ab' * 1000000", 'too long', undefined],
    ['mx(1, 2)', 'expr-name', 'mx', "unknown function 'mx' (did you mean 'max'?)", "did you mean 'max'?"],
    ['eval("1")', 'expr-name', 'eval', "unknown function 'eval'", undefined],
    ['__import__("os")', 'expr-name', '__import__', "unknown function '__import__'", undefined],
    ['max', 'expr-type', 'max', "'max' is a function", undefined],
    ['floor(1, 2)', 'expr-type', 'floor(1, 2)', 'floor() takes 1 argument (2 given)', undefined],
    ['round()', 'expr-type', 'round()', "round() is missing its argument 'number'", undefined],
    ['floor(mode)', 'expr-type', 'mode', 'floor() needs a number, not a str value', undefined],
    ['make_divisible(10, divsor=4)', 'expr-type', '4', "unexpected keyword argument 'divsor'", "did you mean 'divisor'?"],
    ['make_divisible(10, 8, divisor=4)', 'expr-type', '4', "multiple values for argument 'divisor'", undefined],
    ['make_divisible(10, 0)', 'expr-value', '0', 'divisor other than 0', undefined],
    ['min()', 'expr-type', 'min()', 'min() needs at least 1 argument', undefined],
    ['max([])', 'expr-value', '[]', 'empty sequence', undefined],
    ["int('4.5')", 'expr-value', "'4.5'", "invalid literal for int(): '4.5'", undefined],
    ["float('inf')", 'expr-value', "'inf'", 'could not convert', undefined],
    ['len(width)', 'expr-type', 'width', 'len() needs a string, list or tuple, not an int value', undefined],
  ])('%s', (source, code, offending, message, suggestion) => {
    const { value, errors } = evaluateSource(source, env);
    expect(value).toBeUndefined();
    expect(errors).toHaveLength(1);
    const [error] = errors;
    expect(error!.code).toBe(code);
    expect(source.slice(error!.start, error!.end)).toBe(offending);
    expect(error!.message).toContain(message);
    expect(error!.suggestion).toBe(suggestion);
  });
});

describe('evaluate', () => {
  it('takes an already parsed expression and reuses it with different environments', () => {
    const { value: expr } = parseExpression('2 if i == 0 else 1');
    expect(evaluate(expr!, new Map([['i', 0]])).value).toBe(2);
    expect(evaluate(expr!, new Map([['i', 3]])).value).toBe(1);
  });

  it('passes syntax errors through evaluateSource', () => {
    expect(evaluateSource('1 +', env).errors[0]!.code).toBe('expr-syntax');
  });

  it('never returns NaN or Infinity', () => {
    for (const source of ['1e308 + 1e308', '-1e308 * 10', '1e200 ** 2', '2 ** 2 ** 2 ** 2 ** 2']) {
      const { value, errors } = evaluateSource(source, env);
      expect(value).toBeUndefined();
      expect(errors[0]!.code).toBe('expr-value');
    }
  });
});
