// A tensor as numpy prints it: nested brackets, one row per line, numbers in one common format and
// width, and — past 1,000 values — only the first and last 3 items of each axis, with `...` between
// (numpy's summarisation: threshold=1000, edgeitems=3), rows wrapped at 75 columns as numpy wraps them.

export const SUMMARY_THRESHOLD = 1000;
export const EDGE_ITEMS = 3;

const ELLIPSIS = -1;
/** numpy's default linewidth. */
const LINE_WIDTH = 75;

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

  // numpy's _formatArray, ported: a hanging indent per axis, rows wrapped at 75 columns.
  const render = (axis: number, offset: number, hangingIndent: string, width: number): string => {
    const n = shape[axis]!;
    const at = (i: number) => offset + i * strides[axis]!;
    const indices = shownIndices(n, summarize);
    const nextIndent = hangingIndent + ' ';
    let s = '';
    if (axis === shape.length - 1) {
      const elementWidth = width - 1; // room for the closing bracket
      let line = hangingIndent;
      indices.forEach((i, k) => {
        const word = i === ELLIPSIS ? '...' : text.get(at(i))!;
        // Wrap when the word would pass the width, unless the line holds nothing yet.
        if (line.length + word.length > elementWidth && line.length > hangingIndent.length) {
          s += line.trimEnd() + '\n';
          line = hangingIndent;
        }
        line += word + (k < indices.length - 1 ? ' ' : '');
      });
      s += line;
    } else {
      // Between sub-arrays: a newline, plus a blank line per further axis.
      const separator = '\n'.repeat(shape.length - axis - 1);
      s = indices.map((i) => hangingIndent + (i === ELLIPSIS ? '...' : render(axis + 1, at(i), nextIndent, width - 1))).join(separator);
    }
    return `[${s.slice(hangingIndent.length)}]`;
  };
  return render(0, 0, ' ', LINE_WIDTH);
}

/**
 * One format for all the numbers shown, as numpy chooses it (floatmode 'maxprec', precision 8):
 * each value's shortest round-trip digits (float32 values as float32), at most 8 decimals, decimal
 * points aligned (`[0.25 1.   2.  ]`); scientific notation when the magnitudes span more than 1e3
 * or leave [1e-4, 1e8). One deviation: when every value is a whole number they print as integers
 * (`[ 0 10 20]`, not `[ 0. 10. 20.]`), so the lecture's tables read as tables.
 */
function formatNumbers(values: number[]): string[] {
  const finite = values.filter(Number.isFinite);
  const special = (v: number): string => (Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf');
  if (finite.every((v) => Number.isInteger(v) && Math.abs(v) < 1e16)) return values.map((v) => (Number.isFinite(v) ? String(v) : special(v)));
  const nonZero = finite.filter((v) => v !== 0).map(Math.abs);
  const largest = Math.max(0, ...nonZero);
  const smallest = nonZero.length > 0 ? Math.min(...nonZero) : 0;
  const scientific = largest >= 1e8 || (smallest > 0 && (smallest < 1e-4 || largest / smallest > 1e3));
  const texts = finite.map((v) => (scientific ? shortestExponential(v) : shortestPositional(v)));
  let padLeft: number;
  let padRight: number;
  let format: (v: number) => string;
  if (scientific) {
    const digits = Math.max(...texts.map((t) => t.split('e')[0]!.split('.')[1]!.length));
    format = (v) => exponential(v, digits);
    padLeft = Math.max(...finite.map((v) => format(v).split('.')[0]!.length));
    padRight = Math.max(...finite.map((v) => format(v).split('.')[1]!.length));
  } else {
    const parts = texts.map((t) => t.split('.') as [string, string]);
    padLeft = Math.max(...parts.map(([i]) => i.length));
    padRight = Math.max(...parts.map(([, f]) => f.length));
    format = (v) => {
      const [i, f] = shortestPositional(v).split('.') as [string, string];
      return `${i.padStart(padLeft)}.${f.padEnd(padRight)}`;
    };
  }
  if (finite.length !== values.length) {
    // Room for nan and inf (and -inf) in the same columns, as numpy makes it.
    const negativeInfinity = values.some((v) => v === -Infinity) ? 1 : 0;
    padLeft = Math.max(padLeft, 3 - (padRight + 1), 3 + negativeInfinity - (padRight + 1));
  }
  const width = padLeft + padRight + 1;
  return values.map((v) => (Number.isFinite(v) ? format(v).padStart(width) : special(v).padStart(width)));
}

/** Fewest significant digits that read back as the same value (as a float32 when it is one). */
function shortestDigits(v: number): number {
  const same = Math.fround(v) === v ? (x: number) => Math.fround(x) === v : (x: number) => x === v;
  for (let digits = 1; digits < 17; digits++) if (same(Number(v.toPrecision(digits)))) return digits;
  return 17;
}

/** `0.25`, `1.`, `175.375`: shortest digits, at most 8 decimals, the point always shown. */
function shortestPositional(v: number): string {
  let text = String(Number(v.toPrecision(shortestDigits(v))));
  const decimals = text.split('.')[1]?.length ?? 0;
  if (decimals > 8) text = String(Number(v.toFixed(8)));
  return text.includes('.') ? text : `${text}.`;
}

/** `1.e-03`, `1.2e+01`: the shortest mantissa, at most 8 decimals. */
function shortestExponential(v: number): string {
  return exponential(v, Math.min(8, shortestDigits(v) - 1), true);
}

/** numpy's `1.5e+03`: a two-digit exponent at least; `trim` drops trailing zeros of the mantissa. */
function exponential(v: number, digits: number, trim = false): string {
  let [mantissa, exponent] = v.toExponential(digits).split('e') as [string, string];
  if (trim && mantissa.includes('.')) mantissa = mantissa.replace(/0+$/, '');
  if (!mantissa.includes('.')) mantissa += '.';
  const sign = exponent.startsWith('-') ? '-' : '+';
  return `${mantissa}e${sign}${exponent.replace(/^[+-]/, '').padStart(2, '0')}`;
}
