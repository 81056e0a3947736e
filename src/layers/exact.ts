// netspec's numbers are doubles: integers are exact up to 2^53 − 1. These helpers keep every figure
// in that range or say plainly that it is not, so no rounded number is ever shown as exact.

/** 2^53 − 1 with thousands separators, for messages. */
export const MAX_EXACT_TEXT = '9,007,199,254,740,991';

/** A number as text without a misleading rounding: String(2 ** 60) is "1152921504606847000", not 1152921504606846976. */
export function numberText(n: number): string {
  if (!Number.isInteger(n) || Number.isSafeInteger(n)) return String(n);
  return Math.abs(n) < 1e21 ? BigInt(n).toString() : n.toExponential();
}

/** `about 3.228e+19` — how a figure beyond the exact range is described. */
export function approximately(n: number): string {
  if (Number.isNaN(n)) return 'not a number';
  return Number.isFinite(n) ? `about ${n.toPrecision(4)}` : 'infinite';
}
