// Prints an Expr back as source with the fewest parentheses that keep its structure: for explanations
// ("filters = 4 * width"), and so tests can check that parse(format(ast)) gives the same tree.
import { quoteString } from './strings.js';
import type { BinaryOp, Expr } from './types.js';

// Binding strength of each form, loosest first (Python's table).
const CONDITIONAL = 0;
const NOT = 3;
const COMPARE = 4;
const UNARY = 7;
const POWER = 8;
const ATOM = 9;
const BINARY: Record<BinaryOp, number> = { or: 1, and: 2, '+': 5, '-': 5, '*': 6, '/': 6, '//': 6, '%': 6, '**': POWER };

export function formatExpression(expr: Expr): string {
  return format(expr, CONDITIONAL);
}

function strength(expr: Expr): number {
  switch (expr.type) {
    case 'conditional':
      return CONDITIONAL;
    case 'binary':
      return BINARY[expr.op];
    case 'compare':
      return COMPARE;
    case 'unary':
      return expr.op === 'not' ? NOT : UNARY;
    default:
      return ATOM;
  }
}

/** Formats `expr` where the context needs at least binding strength `min`, adding parentheses if it is looser. */
function format(expr: Expr, min: number): string {
  const text = formatBare(expr);
  return strength(expr) < min ? `(${text})` : text;
}

function formatBare(expr: Expr): string {
  switch (expr.type) {
    case 'number':
      return String(expr.value);
    case 'string':
      return quoteString(expr.value);
    case 'bool':
      return expr.value ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'name':
      return expr.name;
    case 'tuple':
      return expr.items.length === 1 ? `(${format(expr.items[0]!, CONDITIONAL)},)` : `(${formatItems(expr.items)})`;
    case 'list':
      return `[${formatItems(expr.items)}]`;
    case 'unary':
      return expr.op === 'not' ? `not ${format(expr.operand, NOT)}` : `${expr.op}${format(expr.operand, UNARY)}`;
    case 'binary':
      return formatBinary(expr);
    case 'compare':
      return expr.operands.map((operand, i) => (i === 0 ? '' : ` ${expr.ops[i - 1]} `) + format(operand, COMPARE + 1)).join('');
    case 'conditional':
      return `${format(expr.then, CONDITIONAL + 1)} if ${format(expr.test, CONDITIONAL + 1)} else ${format(expr.otherwise, CONDITIONAL)}`;
    case 'call': {
      const args = [...expr.args.map((a) => format(a, CONDITIONAL)), ...expr.kwargs.map((k) => `${k.name}=${format(k.value, CONDITIONAL)}`)];
      return `${expr.callee}(${args.join(', ')})`;
    }
    case 'index':
      return `${format(expr.target, ATOM)}[${format(expr.index, CONDITIONAL)}]`;
    case 'slice': {
      const bound = (e: Expr | undefined): string => (e ? format(e, CONDITIONAL) : '');
      return `${format(expr.target, ATOM)}[${bound(expr.lower)}:${bound(expr.upper)}${expr.step ? `:${bound(expr.step)}` : ''}]`;
    }
  }
}

function formatBinary(expr: Extract<Expr, { type: 'binary' }>): string {
  const level = BINARY[expr.op];
  // Left-associative operators accept their own level on the left; `**` is right-associative and takes a
  // signed operand on its right (`2 ** -1`) but only an atom on its left (`(-2) ** 2`).
  const [leftMin, rightMin] = expr.op === '**' ? [ATOM, UNARY] : [level, level + 1];
  return `${format(expr.left, leftMin)} ${expr.op} ${format(expr.right, rightMin)}`;
}

function formatItems(items: Expr[]): string {
  return items.map((item) => format(item, CONDITIONAL)).join(', ');
}
