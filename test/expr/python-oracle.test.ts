// Evaluation checked against Python's own results (fixture written by scripts/expr/python_oracle.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateSource, type Value } from '../../src/expr/index.js';

interface Case {
  source: string;
  value?: Value;
  error?: string;
}
interface Fixture {
  env: Record<string, Value>;
  precedence: Case[];
  functions: Case[];
  make_divisible: Case[];
  errors: Case[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/expr/python.json', import.meta.url), 'utf8')) as Fixture;
const env = new Map(Object.entries(fixture.env));

/** Floats may differ from CPython's in the last bit (pow); everything else must match exactly. */
function expectSameValue(actual: Value | undefined, expected: Value): void {
  if (typeof expected === 'number' && !Number.isInteger(expected)) {
    expect(actual).toBeTypeOf('number');
    expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(Math.abs(expected) * 1e-15);
    return;
  }
  expect(actual).toEqual(expected);
}

describe.each(['precedence', 'functions', 'make_divisible'] as const)('%s, as Python evaluates it', (group) => {
  it.each(fixture[group].map((c) => [c.source, c] as const))('%s', (_source, testCase) => {
    const result = evaluateSource(testCase.source, env);
    expect(result.errors).toEqual([]);
    expectSameValue(result.value, testCase.value!);
  });
});

const CODE_FOR_PYTHON_ERROR: Record<string, string> = {
  TypeError: 'expr-type',
  ZeroDivisionError: 'expr-value',
  ValueError: 'expr-value',
};

describe('errors where Python raises', () => {
  it.each(fixture.errors.map((c) => [c.source, c.error!] as const))('%s (%s)', (source, pythonError) => {
    const result = evaluateSource(source, env);
    expect(result.value).toBeUndefined();
    expect(result.errors.map((e) => e.code)).toEqual([CODE_FOR_PYTHON_ERROR[pythonError]]);
  });
});
