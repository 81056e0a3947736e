// Subscripts, checked against Python's own results for the same expressions.
import { describe, expect, it } from 'vitest';
import { evaluateSource, formatExpression, parseExpression } from '../../src/expr/index.js';

const env = new Map<string, number[] | number>([
  ['in_shape', [224, 112, 3]],
  ['i', 1],
]);

describe('subscripts', () => {
  it.each([
    ['in_shape[0]', 224],
    ['in_shape[-1]', 3],
    ['in_shape[i] // 2', 56],
    ['[1, [2, 3]][1][0]', 2],
    ['(4, 5)[1] ** 2', 25],
    ['-in_shape[2]', -3],
    ['in_shape[0] % 2 == 0', true],
  ])('%s = %j', (source, value) => {
    expect(evaluateSource(source, env)).toEqual({ value, errors: [] });
  });

  it.each([
    ['in_shape[3]', 'expr-value', 'in_shape[3]'.indexOf('3')],
    ['i[0]', 'expr-type', 0],
    ['in_shape[1.5]', 'expr-type', 9],
  ])('%s is an error', (source, code, start) => {
    const r = evaluateSource(source, env);
    expect(r.errors[0]).toMatchObject({ code, start });
  });

  it('formats back to the same tree', () => {
    const parsed = parseExpression('(a + b)[0][i - 1]').value!;
    expect(formatExpression(parsed)).toBe('(a + b)[0][i - 1]');
  });
});
