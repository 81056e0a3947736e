// Properties: the parser never throws, and formatting a tree then parsing it gives the same tree back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, formatExpression, parseCallStep, parseExpression, type BinaryOp, type CompareOp, type Expr, type Value } from '../../src/expr/index.js';
import { withoutPositions } from './helpers.js';

const at = { start: 0, end: 0 };
const BINARY_OPS: BinaryOp[] = ['+', '-', '*', '/', '//', '%', '**', 'and', 'or'];
const COMPARE_OPS: CompareOp[] = ['==', '!=', '<', '<=', '>', '>='];
const KEYWORDS = new Set(['True', 'False', 'None', 'true', 'false', 'null', 'and', 'or', 'not', 'if', 'else']);

const identifier = fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}$/).filter((s) => !KEYWORDS.has(s));
const dottedName = fc.array(identifier, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.'));

// Literal numbers are never negative: `-1` parses as unary minus applied to 1.
const leaf: fc.Arbitrary<Expr> = fc.oneof(
  fc
    .oneof(fc.nat(1000), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom(1e-3, 1.001e-5, 0.5, 1e21))
    .map((value): Expr => ({ type: 'number', value, ...at })),
  fc.string({ maxLength: 6 }).map((value): Expr => ({ type: 'string', value, ...at })),
  fc.boolean().map((value): Expr => ({ type: 'bool', value, ...at })),
  fc.constant<Expr>({ type: 'none', ...at }),
  dottedName.map((name): Expr => ({ type: 'name', name, ...at })),
);

const { expr } = fc.letrec<{ expr: Expr }>((tie) => {
  const sub = tie('expr');
  const items = fc.array(sub, { maxLength: 3 });
  return {
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ op: fc.constantFrom<'-' | '+' | 'not'>('-', '+', 'not'), operand: sub }).map((r): Expr => ({ type: 'unary', ...r, ...at })),
      fc.record({ op: fc.constantFrom(...BINARY_OPS), left: sub, right: sub }).map((r): Expr => ({ type: 'binary', ...r, ...at })),
      fc
        .array(fc.tuple(fc.constantFrom(...COMPARE_OPS), sub), { minLength: 1, maxLength: 3 })
        .chain((pairs) => sub.map((first): Expr => ({ type: 'compare', ops: pairs.map((p) => p[0]), operands: [first, ...pairs.map((p) => p[1])], ...at }))),
      fc.record({ test: sub, then: sub, otherwise: sub }).map((r): Expr => ({ type: 'conditional', ...r, ...at })),
      items.map((list): Expr => ({ type: 'tuple', items: list, ...at })),
      items.map((list): Expr => ({ type: 'list', items: list, ...at })),
      fc
        .record({
          callee: dottedName,
          args: items,
          kwargs: fc.uniqueArray(fc.record({ name: identifier, value: sub }), { maxLength: 2, selector: (k) => k.name }),
        })
        .map((r): Expr => ({ type: 'call', callee: r.callee, args: r.args, kwargs: r.kwargs.map((k) => ({ ...k, ...at })), ...at })),
      // Subscripts: `x[i]`, `shape[0][1]`, `(a + b)[2]` — the target in any form, parenthesised as needed.
      fc.record({ target: sub, index: sub }).map((r): Expr => ({ type: 'index', ...r, ...at })),
    ),
  };
});

describe('round trip', () => {
  it('parse(format(tree)) gives the same tree', () => {
    fc.assert(
      fc.property(expr, (tree) => {
        const source = formatExpression(tree);
        const parsed = parseExpression(source);
        expect(parsed.errors, source).toEqual([]);
        expect(withoutPositions(parsed.value)).toEqual(withoutPositions(tree));
      }),
      { numRuns: 500 },
    );
  });

  it('format is stable on a second pass', () => {
    fc.assert(
      fc.property(expr, (tree) => {
        const once = formatExpression(tree);
        expect(formatExpression(parseExpression(once).value!)).toBe(once);
      }),
      { numRuns: 200 },
    );
  });
});

describe('never throws', () => {
  const alphabet = fc.constantFrom(...'()[],.=+-*/%<>!"\' \n\\0123456789abefinorstuxTFN_'.split(''), 'if', 'else', 'not', 'and', 'or', '**', '//', 'e-3');
  const tokenSoup = fc.array(alphabet, { maxLength: 40 }).map((parts) => parts.join(''));

  it.each([
    ['arbitrary strings', fc.string({ maxLength: 60 })],
    ['full unicode', fc.string({ unit: 'binary', maxLength: 40 })],
    ['token soup', tokenSoup],
  ])('parseExpression, parseCallStep and evaluate on %s', (_label, source) => {
    fc.assert(
      fc.property(source, (text) => {
        const parsed = parseExpression(text);
        expect(parsed.value === undefined).toBe(parsed.errors.length > 0);
        for (const error of parsed.errors) {
          expect(error.start).toBeGreaterThanOrEqual(0);
          expect(error.end).toBeLessThanOrEqual(text.length);
          expect(error.start).toBeLessThanOrEqual(error.end);
        }
        parseCallStep(text);
        if (parsed.value)
          evaluate(
            parsed.value,
            new Map<string, Value>([
              ['a', 1],
              ['b', 'x'],
              ['n', null],
            ]),
          );
      }),
      { numRuns: 1000 },
    );
  });

  it('evaluate never throws on generated trees', () => {
    fc.assert(
      fc.property(expr, (tree) => {
        const result = evaluate(tree, new Map([['x', 2]]));
        if (typeof result.value === 'number') expect(Number.isFinite(result.value)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
