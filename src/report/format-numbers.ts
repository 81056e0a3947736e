// The summary's Keras-style shapes and its exact JSON (numbers: src/format/numbers.ts).
import { numberText } from '../format/format.js';
import type { Shape } from '../layers/types.js';

export function jsonShape(shape: Shape): (number | null)[] {
  return [null, ...shape];
}

/**
 * JSON.stringify, except that an integer beyond 2^53 − 1 among the object's own top-level fields (a
 * byte figure: 4 × an exact count) is written with its exact digits: JSON.stringify(2 ** 55) gives
 * 36028797018963970, not …968. Nested numbers are the per-layer figures, exact by construction
 * (src/ir/figures.ts); leaving them to plain JSON.stringify keeps 200k-layer output fast.
 */
export function exactJson(value: Record<string, unknown>, indent: number): string {
  // A marker no spec string can contain (a fresh nonce), so only the numbers are rewritten.
  const marker = `exact-${Math.random().toString(36).slice(2)}:`;
  const fields = Object.entries(value).map(([k, v]) => [
    k,
    typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v) ? `${marker}${numberText(v)}` : v,
  ]);
  const text = JSON.stringify(Object.fromEntries(fields), null, indent);
  return text.includes(marker) ? text.replace(new RegExp(`"${marker}(-?[0-9.e+]+)"`, 'g'), '$1') : text;
}
