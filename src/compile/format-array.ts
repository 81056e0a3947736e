// A tensor as numpy prints it: nested brackets, one row per line, numbers in one common format and
// width, and — past 1,000 values — only the first and last 3 items of each axis, with `...` between
// (numpy's summarisation: threshold=1000, edgeitems=3).

export const SUMMARY_THRESHOLD = 1000;
export const EDGE_ITEMS = 3;

const ELLIPSIS = -1;

/** The indices shown along an axis of length n: all of them, or the edges with ELLIPSIS between. */
function shownIndices(n: number, summarize: boolean): number[] {
  if (!summarize || n <= 2 * EDGE_ITEMS) return Array.from({ length: n }, (_, i) => i);
  return [...Array.from({ length: EDGE_ITEMS }, (_, i) => i), ELLIPSIS, ...Array.from({ length: EDGE_ITEMS }, (_, i) => n - EDGE_ITEMS + i)];
}

export function formatArray(shape: number[], values: ArrayLike<number>): string {
  const size = shape.reduce((p, d) => p * d, 1);
  if (shape.length === 0) return formatNumbers([values[0]!])[0]!;
  const summarize = size > SUMMARY_THRESHOLD;
  const strides = shape.map((_, axis) => shape.slice(axis + 1).reduce((p, d) => p * d, 1));
  // The values that will be shown decide the common number format.
  const offsets: number[] = [];
  const collect = (axis: number, offset: number): void => {
    for (const i of shownIndices(shape[axis]!, summarize)) {
      if (i === ELLIPSIS) continue;
      if (axis === shape.length - 1) offsets.push(offset + i);
      else collect(axis + 1, offset + i * strides[axis]!);
    }
  };
  collect(0, 0);
  const texts = formatNumbers(offsets.map((o) => values[o]!));
  const width = Math.max(...texts.map((t) => t.length));
  const text = new Map(offsets.map((o, i) => [o, texts[i]!.padStart(width)]));

  const render = (axis: number, offset: number): string => {
    const indices = shownIndices(shape[axis]!, summarize);
    if (axis === shape.length - 1) return `[${indices.map((i) => (i === ELLIPSIS ? '...' : text.get(offset + i)!)).join(' ')}]`;
    // Between sub-arrays: a newline, plus a blank line per further axis; continuation lines indent.
    const separator = '\n'.repeat(shape.length - axis - 1) + ' '.repeat(axis + 1);
    return `[${indices.map((i) => (i === ELLIPSIS ? '...' : render(axis + 1, offset + i * strides[axis]!))).join(separator)}]`;
  };
  return render(0, 0);
}

/**
 * One format for all the numbers shown, as numpy chooses it: integers as integers; otherwise fixed
 * point with as many decimals as the most precise value needs (6 significant digits, float32's
 * honest precision), or scientific notation when the magnitudes span more than 1e3 or leave
 * [1e-4, 1e8). Values below 1e-6 of the largest are float noise and print as 0.
 */
export function formatNumbers(values: number[]): string[] {
  const finite = values.filter(Number.isFinite);
  const largest = Math.max(0, ...finite.map(Math.abs));
  const cleaned = values.map((v) => (Number.isFinite(v) && Math.abs(v) <= largest * 1e-6 ? 0 : v));
  const special = (v: number): string | undefined => (Number.isNaN(v) ? 'nan' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : undefined);
  if (cleaned.every((v) => !Number.isFinite(v) || (Number.isInteger(v) && Math.abs(v) < 1e16))) return cleaned.map((v) => special(v) ?? String(v));
  const nonZero = cleaned.filter((v) => Number.isFinite(v) && v !== 0).map(Math.abs);
  const smallest = nonZero.length > 0 ? Math.min(...nonZero) : 0;
  const scientific = largest >= 1e8 || (smallest > 0 && (smallest < 1e-4 || largest / smallest > 1e3));
  if (scientific) {
    const digits = Math.max(...nonZero.map((v) => mantissaDigits(v)), 0);
    return cleaned.map((v) => special(v) ?? exponential(v, digits));
  }
  const decimals = Math.max(...cleaned.filter(Number.isFinite).map((v) => decimalsOf(Number(v.toPrecision(6)))));
  return cleaned.map((v) => special(v) ?? Number(v.toPrecision(6)).toFixed(decimals));
}

/** Decimal places of a number's shortest representation. */
function decimalsOf(v: number): number {
  const [, fraction = ''] = String(v).split('.');
  return fraction.includes('e') ? 6 : fraction.length;
}

/** Mantissa decimals (at most 5) that show `v` to 6 significant digits without trailing zeros. */
function mantissaDigits(v: number): number {
  const mantissa = v.toExponential(5).split('e')[0]!.replace(/0+$/, '').replace(/\.$/, '');
  return mantissa.includes('.') ? mantissa.split('.')[1]!.length : 0;
}

/** numpy's `1.5e+03`: a two-digit exponent at least. */
function exponential(v: number, digits: number): string {
  const [mantissa, exponent] = v.toExponential(digits).split('e') as [string, string];
  const sign = exponent.startsWith('-') ? '-' : '+';
  return `${mantissa}e${sign}${exponent.replace(/^[+-]/, '').padStart(2, '0')}`;
}
