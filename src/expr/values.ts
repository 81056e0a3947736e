// Python's semantics for the handful of value operations expressions need.
import type { Value } from './types.js';

export function typeName(value: Value): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return value.className;
  return Number.isInteger(value) ? 'int' : 'float';
}

/** Numbers, and booleans as 0/1 (Python's bool is an int); undefined for anything else. */
export function numeric(value: Value): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return undefined;
}

/** An integer value (bools included), as Python accepts for repetition counts; undefined otherwise. */
export function integral(value: Value): number | undefined {
  const n = numeric(value);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}

export function truthy(value: Value): boolean {
  if (value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'string') return value.length > 0;
  return Boolean(value);
}

export function pyEquals(a: Value, b: Value): boolean {
  const x = numeric(a);
  const y = numeric(b);
  if (x !== undefined || y !== undefined) return x === y;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => pyEquals(item, b[i]!));
  }
  return a === b;
}

/** Python's float modulo: the result takes the divisor's sign. Divisor must not be 0. */
export function pyMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

/** Python's floor division (CPython's float_floor_div algorithm, exact for ints). Divisor must not be 0. */
export function pyFloorDiv(a: number, b: number): number {
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) div -= 1;
  if (div === 0) return 0;
  const floored = Math.floor(div);
  return div - floored > 0.5 ? floored + 1 : floored;
}

/** Round half to even, as Python's round(x). */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor; // exact for doubles
  if (diff < 0.5) return floor;
  if (diff > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Python's round(x, ndigits): half to even on the exact binary value of x. */
export function roundDigits(x: number, digits: number): number {
  if (digits < 0) {
    const scale = 10 ** -digits;
    return roundHalfEven(x / scale) * scale;
  }
  // toFixed rounds ties away from zero; a tie is only possible when x's exact expansion ends in 5 right there.
  const exact = Math.abs(x).toFixed(Math.min(100, digits + 60));
  const [whole, fraction = ''] = exact.split('.');
  const tail = fraction.slice(digits);
  const isTie = /^50*$/.test(tail);
  if (!isTie) return Number(x.toFixed(digits));
  const kept = `${whole}.${fraction.slice(0, digits)}`;
  const lastDigit = Number(kept.at(-1) === '.' ? whole!.at(-1) : kept.at(-1));
  const truncated = Number(kept);
  const magnitude = lastDigit % 2 === 0 ? truncated : truncated + 10 ** -digits;
  return Number((Math.sign(x) * magnitude).toFixed(digits));
}
