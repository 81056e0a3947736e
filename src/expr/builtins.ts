// The only functions an expression may call. Each checks its own arguments and reports errors through `fail`.
import { didYouMean } from '../diagnostics/format.js';
import type { Expr, ExprErrorCode, Value } from './types.js';
import { integral, numeric, pyFloorDiv, roundDigits, roundHalfEven, typeName } from './values.js';

export interface CallSite {
  name: string;
  args: Value[];
  kwargs: Map<string, Value>;
  /** The argument expressions, so an error can point at the one at fault. */
  argExprs: Expr[];
  kwargExprs: Map<string, Expr>;
  /** Reports an error at `at` (default: the whole call) and aborts evaluation. */
  fail(code: ExprErrorCode, message: string, at?: Expr, suggestion?: string): never;
}

type Builtin = (call: CallSite) => Value;

/** Binds positional and keyword arguments to parameter names, Python-style; missing optional ones are undefined. */
function bind(call: CallSite, params: string[], required: number): (Value | undefined)[] {
  const { name, args, kwargs } = call;
  if (args.length > params.length) {
    call.fail('expr-type', `${name}() takes ${arity(params.length, required)} (${args.length} given)`);
  }
  const bound: (Value | undefined)[] = params.map((_, i) => args[i]);
  for (const [key, value] of kwargs) {
    const index = params.indexOf(key);
    if (index < 0) {
      call.fail('expr-type', `${name}() got an unexpected keyword argument '${key}'`, call.kwargExprs.get(key), didYouMean(key, params));
    }
    if (index < args.length) call.fail('expr-type', `${name}() got multiple values for argument '${key}'`, call.kwargExprs.get(key));
    bound[index] = value;
  }
  const missing = params.slice(0, required).find((_, i) => bound[i] === undefined);
  if (missing) call.fail('expr-type', `${name}() is missing its argument '${missing}'`);
  return bound;
}

function arity(max: number, required: number): string {
  const count = (n: number): string => `${n} argument${n === 1 ? '' : 's'}`;
  if (max === required) return count(max);
  return `${required} to ${count(max)}`;
}

function argumentExpr(call: CallSite, index: number, param: string): Expr | undefined {
  return call.argExprs[index] ?? call.kwargExprs.get(param);
}

function requireNumber(call: CallSite, value: Value, index: number, param = 'x'): number {
  const n = numeric(value);
  if (n === undefined) {
    call.fail('expr-type', `${call.name}() needs a number, not ${article(typeName(value))}`, argumentExpr(call, index, param));
  }
  return n;
}

function article(type: string): string {
  return type === 'None' ? 'None' : `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type} value`;
}

function oneNumber(fn: (x: number) => number): Builtin {
  return (call) => fn(requireNumber(call, bind(call, ['x'], 1)[0]!, 0));
}

function extreme(pick: (a: Value, b: Value) => boolean): Builtin {
  return (call) => {
    if (call.kwargs.size > 0) call.fail('expr-type', `${call.name}() takes no keyword arguments`);
    if (call.args.length === 0) call.fail('expr-type', `${call.name}() needs at least 1 argument`);
    const candidates = call.args.length === 1 && Array.isArray(call.args[0]) ? call.args[0] : call.args;
    if (candidates.length === 0) call.fail('expr-value', `${call.name}() of an empty sequence`, call.argExprs[0]);
    const allNumbers = candidates.every((v) => numeric(v) !== undefined);
    const allStrings = candidates.every((v) => typeof v === 'string');
    if (!allNumbers && !allStrings) {
      call.fail('expr-type', `${call.name}() compares numbers or strings, not ${[...new Set(candidates.map(typeName))].join(' and ')}`);
    }
    return candidates.reduce((best, v) => (pick(v, best) ? v : best));
  };
}

const lessThan = (a: Value, b: Value): boolean => (numeric(a) ?? (a as string)) < (numeric(b) ?? (b as string));

const round: Builtin = (call) => {
  const [x, digits] = bind(call, ['number', 'ndigits'], 1);
  const n = requireNumber(call, x!, 0, 'number');
  if (digits === undefined || digits === null) return roundHalfEven(n);
  const d = integral(digits);
  if (d === undefined) return call.fail('expr-type', 'round() needs a whole number of digits', argumentExpr(call, 1, 'ndigits'));
  return roundDigits(n, d);
};

const toInt: Builtin = (call) => {
  const [x] = bind(call, ['x'], 1);
  if (typeof x === 'string') {
    if (!/^\s*[+-]?\d+(?:_\d+)*\s*$/.test(x)) call.fail('expr-value', `invalid literal for int(): '${x}'`, call.argExprs[0]);
    return Math.trunc(Number(x.replaceAll('_', '')));
  }
  return Math.trunc(requireNumber(call, x!, 0));
};

const toFloat: Builtin = (call) => {
  const [x] = bind(call, ['x'], 1);
  if (typeof x !== 'string') return requireNumber(call, x!, 0);
  const n = /^\s*[+-]?(?:\d+(?:_\d+)*\.?\d*(?:_\d+)*|\.\d+)(?:[eE][+-]?\d+)?\s*$/.test(x) ? Number(x.replaceAll('_', '')) : NaN;
  if (!Number.isFinite(n)) call.fail('expr-value', `could not convert string to float: '${x}'`, call.argExprs[0]);
  return n;
};

const len: Builtin = (call) => {
  const [x] = bind(call, ['obj'], 1);
  if (typeof x === 'string') return [...x].length;
  if (Array.isArray(x)) return x.length;
  return call.fail('expr-type', `len() needs a string, list or tuple, not ${article(typeName(x!))}`, call.argExprs[0]);
};

/** MobileNet's `_make_divisible`: round to the nearest multiple of `divisor`, never more than 10% down. */
const makeDivisible: Builtin = (call) => {
  const [v, divisorValue, minValue] = bind(call, ['v', 'divisor', 'min_value'], 1);
  const value = requireNumber(call, v!, 0, 'v');
  const divisor = divisorValue === undefined ? 8 : requireNumber(call, divisorValue, 1, 'divisor');
  if (divisor === 0) call.fail('expr-value', 'make_divisible() needs a divisor other than 0', argumentExpr(call, 1, 'divisor'));
  const floor = minValue === undefined || minValue === null ? divisor : requireNumber(call, minValue, 2, 'min_value');
  let result = Math.max(floor, pyFloorDiv(Math.trunc(value + divisor / 2), divisor) * divisor);
  if (result < 0.9 * value) result += divisor;
  return result;
};

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ['min', extreme(lessThan)],
  ['max', extreme((a, b) => lessThan(b, a))],
  ['floor', oneNumber(Math.floor)],
  ['ceil', oneNumber(Math.ceil)],
  ['round', round],
  ['abs', oneNumber(Math.abs)],
  ['int', toInt],
  ['float', toFloat],
  ['len', len],
  ['make_divisible', makeDivisible],
]);
