// Python's operators, indexing, iteration and the few builtins model code uses (range, len, zip, …),
// on plain values. Tensors in arithmetic are an error (Keras would make an op layer netspec does not model).
import type { Span } from './ast.js';
import { describeValue, type Args } from './keras-api.js';
import { Budget, PyError } from './limits.js';
import { NONE, bool, floatRepr, int, pyRepr, pyStr, rangeLength, str, truthy, unknown, type Value } from './values.js';

export const BUILTIN_NAMES = new Set([
  'range',
  'len',
  'zip',
  'enumerate',
  'reversed',
  'list',
  'tuple',
  'dict',
  'min',
  'max',
  'int',
  'float',
  'str',
  'abs',
  'sum',
  'round',
  'sorted',
  'bool',
  'print',
  'isinstance',
  'any',
  'all',
]);

/** The items of an iterable value (materialised, within the budget). */
export function iterate(value: Value, at: Span, budget: Budget): Value[] {
  switch (value.t) {
    case 'list':
    case 'tuple':
      return [...value.items];
    case 'str':
      budget.allocate(value.v.length, at);
      return [...value.v].map(str);
    case 'dict':
      return [...value.entries.values()].map(([k]) => k);
    case 'range': {
      const n = rangeLength(value);
      budget.allocate(n, at);
      return Array.from({ length: n }, (_, i) => int(value.start + i * value.step));
    }
    case 'unknown':
      throw new PyError(`netspec cannot iterate over this: ${value.reason}`, value.at, false);
    default:
      throw new PyError(`${describeValue(value)} is not something netspec can loop over`, at, value.t === 'tensor');
  }
}

const isNumber = (v: Value): v is Extract<Value, { t: 'int' | 'float' | 'bool' }> => v.t === 'int' || v.t === 'float' || v.t === 'bool';
const num = (v: Extract<Value, { t: 'int' | 'float' | 'bool' }>): number => (v.t === 'bool' ? (v.v ? 1 : 0) : v.v);

function checkedInt(x: number, at: Span): Value {
  if (!Number.isSafeInteger(x)) throw new PyError(`this integer is beyond the exact range netspec computes (2 ** 53)`, at, false);
  return int(x);
}

export function binaryOp(op: string, a: Value, b: Value, at: Span, budget: Budget): Value {
  if (a.t === 'tensor' || b.t === 'tensor') {
    const hint: Record<string, string> = { '+': 'layers.Add()([a, b])', '*': 'layers.Multiply()([a, b])', '-': 'layers.Subtract()([a, b])' };
    throw new PyError(`arithmetic on tensors is not followed${hint[op] ? `; write ${hint[op]}` : ''}`, at, true);
  }
  if (a.t === 'unknown') return a;
  if (b.t === 'unknown') return b;
  if (op === 'neg' || op === 'pos' || op === '~') {
    if (!isNumber(a)) throw new PyError(`bad operand for unary ${op === 'neg' ? '-' : '+'}: ${describeValue(a)}`, at, false);
    if (op === '~') return checkedInt(~num(a), at);
    return a.t === 'float' ? { t: 'float', v: op === 'neg' ? -a.v : a.v } : checkedInt(op === 'neg' ? -num(a) : num(a), at);
  }
  if (isNumber(a) && isNumber(b)) {
    const x = num(a);
    const y = num(b);
    const float = a.t === 'float' || b.t === 'float';
    const result = (v: number): Value => (float ? { t: 'float', v } : checkedInt(v, at));
    switch (op) {
      case '+':
        return result(x + y);
      case '-':
        return result(x - y);
      case '*':
        return result(x * y);
      case '/':
        if (y === 0) throw new PyError('division by zero', at, false);
        return { t: 'float', v: x / y };
      case '//':
        if (y === 0) throw new PyError('division by zero', at, false);
        return result(Math.floor(x / y));
      case '%':
        if (y === 0) throw new PyError('modulo by zero', at, false);
        return result(x - y * Math.floor(x / y));
      case '**':
        if (!float && y < 0) return { t: 'float', v: x ** y };
        return result(x ** y);
    }
  }
  if (op === '+' && a.t === 'str' && b.t === 'str') {
    budget.allocate(a.v.length + b.v.length, at);
    return str(a.v + b.v);
  }
  if (op === '+' && (a.t === 'list' || a.t === 'tuple') && a.t === b.t) {
    budget.allocate(a.items.length + b.items.length, at);
    return { t: a.t, items: [...a.items, ...b.items] };
  }
  if (op === '*') {
    const [seq, count] = isNumber(b) ? [a, b] : [b, a];
    if (isNumber(count) && count.t !== 'float' && (seq.t === 'str' || seq.t === 'list' || seq.t === 'tuple')) {
      const n = Math.max(0, num(count));
      const size = seq.t === 'str' ? seq.v.length : seq.items.length;
      budget.allocate(n * size, at);
      if (seq.t === 'str') return str(seq.v.repeat(n));
      return { t: seq.t, items: Array.from({ length: n }, () => seq.items).flat() };
    }
  }
  if (op === '%' && a.t === 'str') {
    const values = b.t === 'tuple' ? b.items : [b];
    let i = 0;
    return str(a.v.replace(/%[sd]/g, () => pyStr(values[i++] ?? NONE) ?? ''));
  }
  throw new PyError(`netspec cannot compute ${describeValue(a)} ${op} ${describeValue(b)}`, at, false);
}

export function compareOp(op: string, a: Value, b: Value, at: Span): Value {
  if (a.t === 'unknown') return a;
  if (b.t === 'unknown') return b;
  switch (op) {
    case '==':
      return bool(equal(a, b));
    case '!=':
      return bool(!equal(a, b));
    case 'is':
      return bool(a === b || (a.t === 'none' && b.t === 'none') || (a.t === 'bool' && b.t === 'bool' && a.v === b.v));
    case 'is not':
      return bool(!(a === b || (a.t === 'none' && b.t === 'none') || (a.t === 'bool' && b.t === 'bool' && a.v === b.v)));
    case 'in':
    case 'not in': {
      let found: boolean;
      if (b.t === 'str' && a.t === 'str') found = b.v.includes(a.v);
      else if (b.t === 'list' || b.t === 'tuple') found = b.items.some((item) => equal(item, a));
      else if (b.t === 'dict') found = [...b.entries.values()].some(([k]) => equal(k, a));
      else if (b.t === 'range' && a.t === 'int') found = a.v >= Math.min(b.start, b.stop) && a.v < Math.max(b.start, b.stop) && (a.v - b.start) % b.step === 0;
      else throw new PyError(`netspec cannot test membership in ${describeValue(b)}`, at, false);
      return bool(op === 'in' ? found : !found);
    }
  }
  if (isNumber(a) && isNumber(b)) {
    const x = num(a);
    const y = num(b);
    return bool(op === '<' ? x < y : op === '>' ? x > y : op === '<=' ? x <= y : x >= y);
  }
  if (a.t === 'str' && b.t === 'str') return bool(op === '<' ? a.v < b.v : op === '>' ? a.v > b.v : op === '<=' ? a.v <= b.v : a.v >= b.v);
  throw new PyError(`netspec cannot compare ${describeValue(a)} ${op} ${describeValue(b)}`, at, false);
}

function equal(a: Value, b: Value): boolean {
  if (isNumber(a) && isNumber(b)) return num(a) === num(b);
  if (a.t === 'str' && b.t === 'str') return a.v === b.v;
  if (a.t === 'none' || b.t === 'none') return a.t === b.t;
  if ((a.t === 'list' || a.t === 'tuple') && a.t === b.t) return a.items.length === b.items.length && a.items.every((x, i) => equal(x, b.items[i] as Value));
  return a === b;
}

function index(i: Value, length: number, at: Span): number {
  if (!isNumber(i) || i.t === 'float') throw new PyError(`an index must be an integer, not ${describeValue(i)}`, at, false);
  const n = num(i) < 0 ? length + num(i) : num(i);
  if (n < 0 || n >= length) throw new PyError('index out of range', at, false);
  return n;
}

function sliceBounds(slice: Value[], length: number, at: Span): number[] {
  const [, lower, upper, stepV] = slice;
  const step = stepV && isNumber(stepV) ? num(stepV) : 1;
  if (step === 0) throw new PyError('slice step cannot be zero', at, false);
  const clamp = (v: Value | undefined, dflt: number): number => {
    if (!v || v.t === 'none') return dflt;
    if (!isNumber(v)) throw new PyError(`a slice bound must be an integer, not ${describeValue(v)}`, at, false);
    let n = num(v);
    if (n < 0) n += length;
    return step > 0 ? Math.min(Math.max(n, 0), length) : Math.min(Math.max(n, -1), length - 1);
  };
  const start = clamp(lower, step > 0 ? 0 : length - 1);
  const stop = clamp(upper, step > 0 ? length : -1);
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
  return out;
}

const isSlice = (v: Value): v is Extract<Value, { t: 'tuple' }> => v.t === 'tuple' && v.items[0]?.t === 'str' && v.items[0].v === '\0slice';

export function subscriptOf(object: Value, key: Value, at: Span, budget: Budget): Value {
  if (object.t === 'unknown') return object;
  if (key.t === 'unknown') return key;
  if (object.t === 'list' || object.t === 'tuple' || object.t === 'str') {
    const items: Value[] = object.t === 'str' ? [...object.v].map(str) : object.items;
    if (isSlice(key)) {
      const picked = sliceBounds(key.items, items.length, at).map((i) => items[i] as Value);
      budget.allocate(picked.length, at);
      if (object.t === 'str') return str(picked.map((v) => (v.t === 'str' ? v.v : '')).join(''));
      return { t: object.t, items: picked };
    }
    return items[index(key, items.length, at)] as Value;
  }
  if (object.t === 'range' && !isSlice(key)) {
    const i = index(key, rangeLength(object), at);
    return int(object.start + i * object.step);
  }
  if (object.t === 'dict') {
    const k = pyRepr(key);
    for (const [entryKey, v] of object.entries.values()) if (pyRepr(entryKey) === k) return v;
    throw new PyError(`the dict has no key ${k ?? ''}`, at, false);
  }
  if (object.t === 'module') return unknown(`indexing ${object.path} is not computed`, at);
  throw new PyError(`netspec cannot index ${describeValue(object)}`, at, false);
}

function intArg(args: Args, i: number, at: Span): number {
  const v = args.positional[i]?.value;
  if (!v || !isNumber(v) || v.t === 'float')
    throw new PyError(`range() takes integers, not ${v ? describeValue(v) : 'nothing'}`, args.positional[i]?.at ?? at, false);
  return num(v);
}

export function callBuiltin(name: string, args: Args, at: Span, budget: Budget): Value {
  const values = args.positional.map((a) => a.value);
  const firstUnknown = [...values, ...[...args.keywords.values()].map((a) => a.value)].find((v) => v.t === 'unknown');
  if (name === 'print') return unknown('print() output is not used', at);
  if (firstUnknown) return firstUnknown;
  const first = values[0] ?? NONE;
  switch (name) {
    case 'range': {
      if (values.length === 0 || values.length > 3) throw new PyError('range() takes 1 to 3 integers', at, false);
      const [start, stop, step] =
        values.length === 1 ? [0, intArg(args, 0, at), 1] : [intArg(args, 0, at), intArg(args, 1, at), values.length === 3 ? intArg(args, 2, at) : 1];
      if (step === 0) throw new PyError('range() step cannot be zero', at, false);
      return { t: 'range', start, stop, step };
    }
    case 'len':
      if (first.t === 'range') return int(rangeLength(first));
      if (first.t === 'str') return int(first.v.length);
      if (first.t === 'dict') return int(first.entries.size);
      return int(iterate(first, at, budget).length);
    case 'list':
    case 'tuple': {
      const items = values.length === 0 ? [] : iterate(first, at, budget);
      return { t: name, items };
    }
    case 'dict': {
      const entries = new Map<string, [Value, Value]>();
      for (const [k, v] of args.keywords) entries.set(`s:${k}`, [str(k), v.value]);
      return { t: 'dict', entries };
    }
    case 'zip': {
      const lists = values.map((v, i) => iterate(v, args.positional[i]?.at ?? at, budget));
      const n = Math.min(...lists.map((l) => l.length));
      return { t: 'list', items: Array.from({ length: lists.length === 0 ? 0 : n }, (_, i) => ({ t: 'tuple', items: lists.map((l) => l[i] as Value) })) };
    }
    case 'enumerate': {
      const startV = args.keywords.get('start')?.value ?? values[1];
      const start = startV && isNumber(startV) ? num(startV) : 0;
      return { t: 'list', items: iterate(first, at, budget).map((v, i) => ({ t: 'tuple', items: [int(start + i), v] })) };
    }
    case 'reversed':
      return { t: 'list', items: iterate(first, at, budget).reverse() };
    case 'sorted': {
      const items = iterate(first, at, budget);
      items.sort((a, b) => (isNumber(a) && isNumber(b) ? num(a) - num(b) : String(pyStr(a)).localeCompare(String(pyStr(b)))));
      return { t: 'list', items };
    }
    case 'min':
    case 'max':
    case 'sum': {
      const items = values.length === 1 ? iterate(first, at, budget) : values;
      if (name === 'sum') return items.reduce((acc, v) => binaryOp('+', acc, v, at, budget), int(0));
      if (items.length === 0) throw new PyError(`${name}() of an empty sequence`, at, false);
      return items.reduce((acc, v) => (truthyOf(compareOp(name === 'min' ? '<' : '>', v, acc, at)) ? v : acc));
    }
    case 'abs':
      if (!isNumber(first)) break;
      return first.t === 'float' ? { t: 'float', v: Math.abs(first.v) } : int(Math.abs(num(first)));
    case 'int':
      if (first.t === 'str' && /^\s*[-+]?\d+\s*$/.test(first.v)) return checkedInt(Number(first.v), at);
      if (!isNumber(first)) break;
      return checkedInt(Math.trunc(num(first)), at);
    case 'float':
      if (first.t === 'str' && !Number.isNaN(Number(first.v))) return { t: 'float', v: Number(first.v) };
      if (!isNumber(first)) break;
      return { t: 'float', v: num(first) };
    case 'round': {
      if (!isNumber(first)) break;
      const digits = values[1];
      if (digits && isNumber(digits)) return { t: 'float', v: Number(num(first).toFixed(num(digits))) };
      const x = num(first);
      const r = Math.round(x);
      return checkedInt(Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r, at);
    }
    case 'str':
      return str(pyStr(first) ?? floatRepr(NaN));
    case 'bool':
      return bool(truthy(first) ?? false);
    case 'any':
      return bool(iterate(first, at, budget).some((v) => truthy(v) === true));
    case 'all':
      return bool(iterate(first, at, budget).every((v) => truthy(v) === true));
    case 'isinstance':
      return unknown('isinstance() is not computed', at);
  }
  throw new PyError(`netspec cannot compute ${name}(${describeValue(first)})`, at, false);
}

function truthyOf(v: Value): boolean {
  return truthy(v) === true;
}
