// Number and shape formatting shared by every report.
import type { Shape } from '../layers/types.js';

/** 2632 → "2,632". */
/** (A regular expression, not toLocaleString: Intl's first call costs more than a whole summary.) */
export const commas = (n: number): string => {
  const [whole, fraction] = String(n).split('.');
  return whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction ? `.${fraction}` : '');
};

/** Keras's own style: 1312 → "1.28 KB". */
export function bytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
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
  const units = ['K', 'M', 'G', 'T'];
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
