import type { Expr } from '../../src/expr/index.js';

/** A compact, position-free rendering of an AST for table tests: `(+ 1 (* 2 3))`. */
export function sexpr(expr: Expr): string {
  switch (expr.type) {
    case 'number':
      return String(expr.value);
    case 'string':
      return JSON.stringify(expr.value);
    case 'bool':
      return String(expr.value);
    case 'none':
      return 'None';
    case 'name':
      return expr.name;
    case 'unary':
      return `(${expr.op} ${sexpr(expr.operand)})`;
    case 'binary':
      return `(${expr.op} ${sexpr(expr.left)} ${sexpr(expr.right)})`;
    case 'compare':
      return `(cmp ${expr.operands.map((o, i) => (i ? `${expr.ops[i - 1]} ` : '') + sexpr(o)).join(' ')})`;
    case 'conditional':
      return `(if ${sexpr(expr.test)} ${sexpr(expr.then)} ${sexpr(expr.otherwise)})`;
    case 'tuple':
      return `(tuple${expr.items.map((i) => ` ${sexpr(i)}`).join('')})`;
    case 'list':
      return `[${expr.items.map(sexpr).join(' ')}]`;
    case 'index':
      return `(index ${sexpr(expr.target)} ${sexpr(expr.index)})`;
    case 'slice':
      return `(slice ${sexpr(expr.target)} ${[expr.lower, expr.upper, expr.step].map((b) => (b ? sexpr(b) : '_')).join(' ')})`;
    case 'call':
      return `(call ${expr.callee}${expr.args.map((a) => ` ${sexpr(a)}`).join('')}${expr.kwargs.map((k) => ` ${k.name}=${sexpr(k.value)}`).join('')})`;
  }
}

/** The AST without offsets, for structural comparison. */
export function withoutPositions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPositions);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'start' && key !== 'end')
      .map(([key, v]) => [key, withoutPositions(v)]),
  );
}
