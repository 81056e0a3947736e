// Precedence and associativity, Python's, applied to the flat operator lists the parser produces.
// Loosest to tightest: or < and < not < comparisons < + - < * / // % < unary + - < ** (right-associative).
import type { BinaryOp, CompareOp, Expr, ExprError, UnaryOp } from './types.js';

export interface Operand {
  /** Prefix operators in source order, with their offsets. */
  prefixes: { op: UnaryOp; start: number }[];
  /** The operand after its prefixes, already built. */
  atom: Expr;
}

export interface Operator {
  op: BinaryOp | CompareOp;
  start: number;
  end: number;
}

const COMPARE_OPS = new Set<string>(['==', '!=', '<', '<=', '>', '>=']);
const isCompare = (op: string): op is CompareOp => COMPARE_OPS.has(op);

const BINARY_PRECEDENCE: Record<BinaryOp | CompareOp, number> = {
  or: 1,
  and: 2,
  '==': 4,
  '!=': 4,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '//': 6,
  '%': 6,
  '**': 8,
};
/** A prefix operator applies to everything binding tighter than itself. */
const PREFIX_PRECEDENCE: Record<UnaryOp, number> = { not: 3, '-': 7, '+': 7 };
const POWER = BINARY_PRECEDENCE['**'];

/** Builds the tree for `operands[0] ops[0] operands[1] …` by precedence climbing. */
export function combine(operands: Operand[], operators: Operator[], errors: ExprError[]): Expr {
  let operandIndex = 0;
  let prefixIndex = 0;
  let operatorIndex = 0;

  const climb = (minPrecedence: number): Expr => {
    let left = unary(minPrecedence);
    while (operatorIndex < operators.length) {
      const { op } = operators[operatorIndex]!;
      const precedence = BINARY_PRECEDENCE[op];
      if (precedence < minPrecedence) break;
      operatorIndex++;
      if (isCompare(op)) {
        left = comparisonChain(left, op);
        continue;
      }
      // `**` is right-associative and its right side may carry a sign (`2 ** -1`).
      const right = climb(op === '**' ? POWER : precedence + 1);
      left = { type: 'binary', op, left, right, start: left.start, end: right.end };
    }
    return left;
  };

  const comparisonChain = (first: Expr, firstOp: CompareOp): Expr => {
    const ops: CompareOp[] = [firstOp];
    const operandsOfChain = [first, climb(BINARY_PRECEDENCE['+'])];
    while (operatorIndex < operators.length && isCompare(operators[operatorIndex]!.op)) {
      ops.push(operators[operatorIndex++]!.op as CompareOp);
      operandsOfChain.push(climb(BINARY_PRECEDENCE['+']));
    }
    return { type: 'compare', ops, operands: operandsOfChain, start: first.start, end: operandsOfChain.at(-1)!.end };
  };

  const unary = (minPrecedence: number): Expr => {
    const operand = operands[operandIndex]!;
    const prefix = operand.prefixes[prefixIndex];
    if (!prefix) {
      operandIndex++;
      prefixIndex = 0;
      return operand.atom;
    }
    prefixIndex++;
    // As in Python, `not` cannot sit inside an arithmetic or comparison operand: `a == not b`, `-not a`.
    if (prefix.op === 'not' && minPrecedence > BINARY_PRECEDENCE['==']) {
      errors.push({
        code: 'expr-syntax',
        message: "'not' cannot be used here without parentheses: write e.g. a == (not b)",
        start: prefix.start,
        end: prefix.start + 3,
      });
    }
    const body = climb(PREFIX_PRECEDENCE[prefix.op]);
    return { type: 'unary', op: prefix.op, operand: body, start: prefix.start, end: body.end };
  };

  return climb(0);
}
