// A safe evaluator: Python's semantics over the Expr AST, names from `env`, functions from BUILTINS only
// (and Keras's argument-object constructors, which build a plain record of their arguments).
import { didYouMean } from '../diagnostics/format.js';
import { BUILTINS, type CallSite } from './builtins.js';
import { parseExpression } from './parse.js';
import type { BinaryOp, CallExpr, CompareOp, Expr, ExprError, ExprErrorCode, KerasObjectCall, Result, Value } from './types.js';
import { integral, numeric, pyEquals, pyFloorDiv, pyMod, truthy, typeName } from './values.js';
import { approximately, formatCount, MAX_EXACT_TEXT } from '../format/format.js';

/** Largest magnitude a result may have; beyond it (or at infinity) evaluation fails rather than lose meaning. */
const MAX_MAGNITUDE = 1e300;
/**
 * Largest string or list an operator or literal may build, counted in the result: characters of
 * a string, or every element and string character at any depth of a list (a list holding the same
 * big list twice counts it twice — that is what printing or using it would cost).
 */
export const MAX_VALUE_SIZE = 1_000_000;

/** Sizes of lists already measured; lists are never mutated once built, so a size never goes stale. */
const listSizes = new WeakMap<Value[], number>();

function valueSize(value: Value): number {
  if (typeof value === 'string') return value.length;
  if (!Array.isArray(value)) return 1;
  const known = listSizes.get(value);
  if (known !== undefined) return known;
  let size = value.length;
  for (const item of value) {
    if (Array.isArray(item) || typeof item === 'string') size += valueSize(item);
    if (size > MAX_VALUE_SIZE) break;
  }
  listSizes.set(value, size);
  return size;
}

function tooLarge(at: Expr, what: string, detail = ''): never {
  fail('expr-value', `${what} is too long: more than ${formatCount(MAX_VALUE_SIZE)} items or characters${detail}`, at);
}

/** Fails at `at` when a list built there is larger than MAX_VALUE_SIZE. */
function bounded<T extends Value>(value: T, at: Expr, what: string): T {
  if (valueSize(value) > MAX_VALUE_SIZE) tooLarge(at, what);
  return value;
}

class EvaluationFailure {
  constructor(readonly error: ExprError) {}
}

function fail(code: ExprErrorCode, message: string, at: { start: number; end: number }, suggestion?: string): never {
  const error: ExprError = { code, message, start: at.start, end: at.end };
  if (suggestion) error.suggestion = suggestion;
  throw new EvaluationFailure(error);
}

/** Evaluates with names resolved in `env`; unknown names are an error with a did-you-mean over env's keys. */
export function evaluate(expr: Expr, env: ReadonlyMap<string, Value>): Result<Value> {
  try {
    return { value: evaluateNode(expr, env), errors: [] };
  } catch (error) {
    if (error instanceof EvaluationFailure) return { errors: [error.error] };
    if (error instanceof RangeError) {
      return { errors: [{ code: 'expr-value', message: 'expression is too complex to evaluate', start: expr.start, end: expr.end }] };
    }
    throw error;
  }
}

/** Specs repeat the same few expressions (`4 * filters`) thousands of times: parse each once. */
const parsedSources = new Map<string, Result<Expr>>();
const BARE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Parses and evaluates. */
export function evaluateSource(source: string, env: ReadonlyMap<string, Value>): Result<Value> {
  // The commonest expression is a bare param name: no parser needed (unknown names take the full path for their error).
  if (BARE_NAME.test(source) && env.has(source)) return { value: env.get(source)!, errors: [] };
  let parsed = parsedSources.get(source);
  if (!parsed) {
    parsed = parseExpression(source);
    if (parsedSources.size >= 10_000) parsedSources.clear();
    parsedSources.set(source, parsed);
  }
  return parsed.value ? evaluate(parsed.value, env) : { errors: parsed.errors };
}

function evaluateNode(expr: Expr, env: ReadonlyMap<string, Value>): Value {
  switch (expr.type) {
    case 'number':
    case 'string':
    case 'bool':
      return expr.value;
    case 'none':
      return null;
    case 'name':
      return lookUp(expr, env);
    case 'tuple':
    case 'list':
      return bounded(
        expr.items.map((item) => evaluateNode(item, env)),
        expr,
        `this ${expr.type}`,
      );
    case 'unary':
      return unary(expr, evaluateNode(expr.operand, env));
    case 'binary':
      return binaryChain(expr, env);
    case 'compare':
      return compare(expr, env);
    case 'conditional':
      return evaluateNode(truthy(evaluateNode(expr.test, env)) ? expr.then : expr.otherwise, env);
    case 'call':
      return call(expr, env);
    case 'index':
      return subscript(expr, evaluateNode(expr.target, env), evaluateNode(expr.index, env));
    case 'slice':
      return slice(expr, evaluateNode(expr.target, env), env);
  }
}

/** Python's `target[lower:upper:step]` on a list, tuple or string: bounds clamp, negatives count from the end. */
function slice(expr: Extract<Expr, { type: 'slice' }>, target: Value, env: ReadonlyMap<string, Value>): Value {
  if (!Array.isArray(target) && typeof target !== 'string') fail('expr-type', `'${typeName(target)}' object is not subscriptable`, expr.target);
  const items = typeof target === 'string' ? [...target] : (target as Value[]);
  const bound = (e: Expr | undefined): number | undefined => {
    if (!e) return undefined;
    const value = evaluateNode(e, env);
    if (value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) fail('expr-type', `slice indices must be integers or None, not '${typeName(value)}'`, e);
    return value as number;
  };
  const step = bound(expr.step) ?? 1;
  if (step === 0) fail('expr-value', 'slice step cannot be zero', expr.step!);
  const n = items.length;
  const clamp = (i: number | undefined, fallback: number, low: number, high: number): number =>
    i === undefined ? fallback : Math.min(Math.max(i < 0 ? i + n : i, low), high);
  const picked: Value[] = [];
  if (step > 0) for (let i = clamp(bound(expr.lower), 0, 0, n), end = clamp(bound(expr.upper), n, 0, n); i < end; i += step) picked.push(items[i]!);
  else for (let i = clamp(bound(expr.lower), n - 1, -1, n - 1), end = clamp(bound(expr.upper), -1, -1, n - 1); i > end; i += step) picked.push(items[i]!);
  return typeof target === 'string' ? picked.join('') : picked;
}

function subscript(expr: Extract<Expr, { type: 'index' }>, target: Value, index: Value): Value {
  if (!Array.isArray(target)) fail('expr-type', `'${typeName(target)}' object is not subscriptable`, expr.target);
  if (typeof index !== 'number' || !Number.isInteger(index)) fail('expr-type', `list indices must be integers, not '${typeName(index)}'`, expr.index);
  const list = target as Value[];
  const at = (index as number) < 0 ? list.length + (index as number) : (index as number);
  if (at < 0 || at >= list.length) fail('expr-value', `list index ${index as number} out of range (the list has ${list.length} items)`, expr.index);
  return list[at]!;
}

function lookUp(expr: Extract<Expr, { type: 'name' }>, env: ReadonlyMap<string, Value>): Value {
  const value = env.get(expr.name);
  if (value !== undefined) return value;
  if (BUILTINS.has(expr.name)) fail('expr-type', `'${expr.name}' is a function: call it, e.g. ${expr.name}(…)`, expr);
  const suggestion = didYouMean(expr.name, env.keys());
  fail('expr-name', `unknown name '${expr.name}'${suggestion ? ` (${suggestion})` : ''}`, expr, suggestion);
}

function unary(expr: Extract<Expr, { type: 'unary' }>, operand: Value): Value {
  if (expr.op === 'not') return !truthy(operand);
  const n = numeric(operand);
  if (n === undefined) fail('expr-type', `bad operand type for unary ${expr.op}: '${typeName(operand)}'`, expr);
  return checked(expr.op === '-' ? -n : n, expr);
}

type BinaryExpr = Extract<Expr, { type: 'binary' }>;

/** Walks a left-leaning chain (`1 + 2 + … + n`) in a loop, so long flat expressions don't exhaust the stack. */
function binaryChain(expr: BinaryExpr, env: ReadonlyMap<string, Value>): Value {
  const chain: BinaryExpr[] = [];
  let node: Expr = expr;
  for (; node.type === 'binary'; node = node.left) chain.push(node);
  let value = evaluateNode(node, env);
  for (let k = chain.length - 1; k >= 0; k--) value = binary(chain[k]!, value, env);
  return value;
}

function binary(expr: BinaryExpr, left: Value, env: ReadonlyMap<string, Value>): Value {
  // `and`/`or` short-circuit and return an operand, as Python's do.
  if (expr.op === 'and') return truthy(left) ? evaluateNode(expr.right, env) : left;
  if (expr.op === 'or') return truthy(left) ? left : evaluateNode(expr.right, env);
  const right = evaluateNode(expr.right, env);
  if (expr.op === '+') {
    const joinable = (typeof left === 'string' && typeof right === 'string') || (Array.isArray(left) && Array.isArray(right));
    if (joinable && valueSize(left) + valueSize(right) > MAX_VALUE_SIZE) tooLarge(expr, "the result of '+'");
    if (typeof left === 'string' && typeof right === 'string') return left + right;
    if (Array.isArray(left) && Array.isArray(right)) return [...left, ...right];
  }
  if (expr.op === '*') {
    const repeated = repeat(expr, left, right) ?? repeat(expr, right, left);
    if (repeated !== undefined) return repeated;
  }
  const x = numeric(left);
  const y = numeric(right);
  if (x === undefined || y === undefined) {
    fail('expr-type', `unsupported operand types for ${expr.op}: '${typeName(left)}' and '${typeName(right)}'`, expr);
  }
  return exactInteger(checked(arithmetic(expr, x, y), expr), expr, x, y);
}

/** `[1] * 3`, `'ab' * 2`: undefined unless `sequence` is a string or list. */
function repeat(expr: Expr, sequence: Value, times: Value): Value | undefined {
  if (typeof sequence !== 'string' && !Array.isArray(sequence)) return undefined;
  const count = integral(times);
  if (count === undefined) fail('expr-type', `can't multiply a sequence by a non-int of type '${typeName(times)}'`, expr);
  if (count <= 0) return typeof sequence === 'string' ? '' : [];
  // Checked before building: `[0] * 10**9` must fail without allocating a billion items.
  if (valueSize(sequence) * count > MAX_VALUE_SIZE) tooLarge(expr, "the result of '*'", ` (${formatCount(valueSize(sequence))} × ${formatCount(count)})`);
  return typeof sequence === 'string' ? sequence.repeat(count) : Array.from({ length: count }, () => sequence).flat(1);
}

function arithmetic(expr: BinaryExpr, x: number, y: number): number {
  const op: Exclude<BinaryOp, 'and' | 'or'> = expr.op as Exclude<BinaryOp, 'and' | 'or'>;
  if ((op === '/' || op === '//' || op === '%') && y === 0) {
    fail('expr-value', `division by zero: the right side of '${op}' is 0`, expr.right);
  }
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return x / y;
    case '//':
      return pyFloorDiv(x, y);
    case '%':
      return pyMod(x, y);
    case '**':
      return power(expr, x, y);
  }
}

function power(expr: Expr, base: number, exponent: number): number {
  if (base === 0 && exponent < 0) fail('expr-value', '0 cannot be raised to a negative power', expr);
  if (base < 0 && !Number.isInteger(exponent)) fail('expr-value', 'a negative number cannot be raised to a fractional power', expr);
  return base ** exponent;
}

/** Rejects results too large to mean anything (and NaN), and turns -0 into 0. */
function checked(n: number, expr: Expr): number {
  if (!Number.isFinite(n) || Math.abs(n) > MAX_MAGNITUDE) {
    fail('expr-value', `result of ${expr.type === 'binary' || expr.type === 'unary' ? `'${expr.op}' ` : ''}is too large`, expr);
  }
  return n === 0 ? 0 : n;
}

/**
 * Python's ints are unbounded; netspec's numbers are doubles, exact up to 2^53 − 1 and, beyond it,
 * only where a double holds the integer itself (2 ** 60 does, 2 ** 60 − 1 does not). An integer
 * operation whose exact result a double cannot hold is an error, never a silently rounded number.
 * True division (and a negative power) gives a float in Python: exempt.
 */
function exactInteger(n: number, expr: BinaryExpr, x: number, y: number): number {
  if (Number.isSafeInteger(n) && Number.isSafeInteger(x) && Number.isSafeInteger(y)) return n; // the common case: exact
  if (expr.op === '/' || !Number.isInteger(x) || !Number.isInteger(y)) return n;
  // A negative power is a float; a base of 0 or ±1 gives 0 or ±1 exactly (and 1 ** 10**20 must not be built in BigInt).
  if (expr.op === '**' && (y < 0 || Math.abs(x) <= 1)) return n;
  if (!Number.isInteger(n) || BigInt(n) !== exactBigInt(expr.op, BigInt(x), BigInt(y))) {
    fail(
      'expr-value',
      `result of '${expr.op}' is too large to compute exactly (${approximately(n)}): netspec's integers are exact up to 2 ** 53 − 1 = ${MAX_EXACT_TEXT}`,
      expr,
    );
  }
  return n;
}

/** Python's int semantics in BigInt (floor division and modulo take the divisor's sign). */
function exactBigInt(op: BinaryOp, x: bigint, y: bigint): bigint {
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '**':
      return x ** y;
    case '//': {
      const q = x / y;
      return x % y !== 0n && x < 0n !== y < 0n ? q - 1n : q;
    }
    case '%': {
      const r = x % y;
      return r !== 0n && r < 0n !== y < 0n ? r + y : r;
    }
    default:
      return BigInt(0);
  }
}

function compare(expr: Extract<Expr, { type: 'compare' }>, env: ReadonlyMap<string, Value>): boolean {
  let left = evaluateNode(expr.operands[0]!, env);
  for (let i = 0; i < expr.ops.length; i++) {
    const rightExpr = expr.operands[i + 1]!;
    const right = evaluateNode(rightExpr, env);
    const span = { start: expr.operands[i]!.start, end: rightExpr.end };
    if (!compareTwo(expr.ops[i]!, left, right, span)) return false;
    left = right;
  }
  return true;
}

function compareTwo(op: CompareOp, left: Value, right: Value, span: { start: number; end: number }): boolean {
  if (op === '==') return pyEquals(left, right);
  if (op === '!=') return !pyEquals(left, right);
  const x = numeric(left) ?? left;
  const y = numeric(right) ?? right;
  const comparable = (typeof x === 'number' && typeof y === 'number') || (typeof x === 'string' && typeof y === 'string');
  if (!comparable) fail('expr-type', `'${op}' is not supported between '${typeName(left)}' and '${typeName(right)}'`, span);
  switch (op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
  }
}

/** `keras.initializers.HeNormal`, `tf.keras.regularizers.l2`, `constraints.MaxNorm`: Keras's argument-object constructors. */
const KERAS_OBJECT_CALLEE = /^(?:(?:tf\.)?keras\.)?(initializers|regularizers|constraints)\.([A-Za-z_][A-Za-z0-9_]*)$/;

function call(expr: CallExpr, env: ReadonlyMap<string, Value>): Value {
  const kerasObject = KERAS_OBJECT_CALLEE.exec(expr.callee);
  if (kerasObject) {
    // Kept as written; the layer argument that receives it checks the class and its keywords.
    return {
      module: kerasObject[1] as KerasObjectCall['module'],
      className: kerasObject[2]!,
      args: expr.args.map((arg) => evaluateNode(arg, env)),
      config: Object.fromEntries(expr.kwargs.map((k) => [k.name, evaluateNode(k.value, env)])),
    };
  }
  const builtin = BUILTINS.get(expr.callee);
  const calleeSpan = { start: expr.start, end: expr.start + expr.callee.length };
  if (!builtin) {
    const suggestion = didYouMean(expr.callee, BUILTINS.keys());
    const known = [...BUILTINS.keys()].join(', ');
    fail('expr-name', `unknown function '${expr.callee}'${suggestion ? ` (${suggestion})` : ''}; the functions are ${known}`, calleeSpan, suggestion);
  }
  const site: CallSite = {
    name: expr.callee,
    args: expr.args.map((arg) => evaluateNode(arg, env)),
    kwargs: new Map(expr.kwargs.map((k) => [k.name, evaluateNode(k.value, env)])),
    argExprs: expr.args,
    kwargExprs: new Map(expr.kwargs.map((k) => [k.name, k.value])),
    fail: (code, message, at, suggestion) => fail(code, message, at ?? expr, suggestion),
  };
  const result = builtin(site);
  return typeof result === 'number' ? checked(result, expr) : result;
}
