// How netspec spells numbers and shapes, everywhere (summary, explain, diagnostics, diagrams, the playground).
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

/** 2632 → "2,632": grouped with commas whatever the locale, so output is the same everywhere. */
/** (A regular expression, not toLocaleString: Intl's first call costs more than a whole summary.) */
export function formatCount(n: number): string {
  const [whole, fraction] = numberText(n).split('.');
  return groupDigits(whole!) + (fraction ? `.${fraction}` : '');
}

/** "-9007199254740993" → "-9,007,199,254,740,993": a whole number's digits as text (one beyond the exact range, as written). */
export function groupDigits(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Every byte size netspec prints — summary, explain, diagrams, the playground, the server's messages,
 * limits in diagnostics, bench output — in Keras's own style (readable_memory_size: steps of 1024,
 * two decimals, up to PB): 1312 → "1.28 KB", 5 · 1024² → "5.00 MB". Keras's summary prints it so.
 */
export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(2)} ${units[unit]}`;
}

/**
 * Large figures in three significant digits with SI prefixes — 2332800 → "2.33M", 15.5e9 → "15.5G" —
 * and smaller ones exactly: 2304 → "2,304". Summary, diagrams and the playground all use this.
 */
export function formatCompact(n: number): string {
  if (Math.abs(n) < 10_000) return formatCount(n);
  const units = ['K', 'M', 'G', 'T', 'P', 'E'];
  let value = n / 1000;
  let unit = 0;
  // Move up while the rounded value would read 1000 or more (999,999 is "1.00M", not "1000K").
  while (Math.abs(value) >= 999.5 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = Math.abs(value) >= 99.95 ? 0 : Math.abs(value) >= 9.995 ? 1 : 2;
  return `${value.toFixed(digits)}${units[unit]}`;
}

/**
 * A scale factor for a label: the reciprocal of a whole number as `1/255` (Rescaling(1./255),
 * EfficientNetV2's 1/128), otherwise at most 4 significant digits (0.5, 2, 0.007843 → 0.007843).
 */
export function formatFactor(x: number): string {
  if (x < 0) return `-${formatFactor(-x)}`;
  const inverse = 1 / x;
  const whole = Math.round(inverse);
  if (Math.abs(inverse) > 1 && Math.abs(inverse - whole) <= 1e-9 * Math.abs(whole)) return `1/${whole}`;
  return String(Number(x.toPrecision(4)));
}

/** Text size on a slide: whole pixels from 12 px up, one decimal (rounded down) below, where it matters. */
export function formatPx(px: number): string {
  return px >= 12 ? String(Math.floor(px)) : (Math.floor(px * 10) / 10).toFixed(1);
}

/** A duration for people: 0.42 s, 3.14 s, 12.3 s (milliseconds in). */
export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`;
}

type Dims = readonly (number | null)[];

/** Python's tuple, as Keras's messages print shapes: `(None, 120, 4)`, `(5,)`. */
export function formatTuple(shape: Dims): string {
  return `(${shape.map((d) => (d === null ? 'None' : String(d))).join(', ')}${shape.length === 1 ? ',' : ''})`;
}

/** A batch-less shape as Keras's summary prints it, with the batch axis: `(None, 120, 60, 4)`. */
export function formatBatchShape(shape: Dims): string {
  return formatTuple([null, ...shape]);
}

/** The diagrams' short form: `56×56×64`, unknown sizes as `?`, `scalar` for no axes. */
export function formatDims(shape: Dims): string {
  return shape.length === 0 ? 'scalar' : shape.map((d) => (d === null ? '?' : String(d))).join('×');
}
