// Number and shape formatting shared by every report.
import { numberText } from '../layers/exact.js';
import type { Shape } from '../layers/types.js';

/** 2632 → "2,632". */
/** (A regular expression, not toLocaleString: Intl's first call costs more than a whole summary.) */
export const commas = (n: number): string => {
  const [whole, fraction] = numberText(n).split('.');
  return whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction ? `.${fraction}` : '');
};

/** Keras's own style (readable_memory_size, up to PB): 1312 → "1.28 KB". */
export function bytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(2)} ${units[unit]}`;
}

/** 2332800 → "2.33M". */
export function compact(n: number): string {
  if (n < 1000) return String(n);
  const units = ['K', 'M', 'G', 'T', 'P', 'E'];
  let value = n;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)}${units[unit]}`;
}

/** Keras prints shapes with the batch dimension: (None, 120, 60, 4). */
export function batchShape(shape: Shape): string {
  return `(${['None', ...shape.map((d) => (d === null ? 'None' : String(d)))].join(', ')})`;
}

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
  const fields = Object.entries(value).map(([k, v]) => [k, typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v) ? `${marker}${numberText(v)}` : v]);
  const text = JSON.stringify(Object.fromEntries(fields), null, indent);
  return text.includes(marker) ? text.replace(new RegExp(`"${marker}(-?[0-9.e+]+)"`, 'g'), '$1') : text;
}
