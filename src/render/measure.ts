// Deterministic text measurement and number formatting: the same estimate in Node and the browser.
import type { Shape } from '../layers/types.js';
import { BOLD_WIDTHS, REGULAR_WIDTHS } from './font-widths.js';

/** Width of a character missing from the table (wide, so boxes err on the roomy side). */
const FALLBACK_EM = 0.7;

export function textWidth(text: string, fontSize: number, bold = false): number {
  const widths = bold ? BOLD_WIDTHS : REGULAR_WIDTHS;
  let em = 0;
  for (const ch of text) em += widths[ch] ?? FALLBACK_EM;
  return em * fontSize;
}

/** `56×56×64`; unknown dims as `?`. */
export function formatShape(shape: Shape): string {
  return shape.length === 0 ? 'scalar' : shape.map((d) => (d === null ? '?' : String(d))).join('×');
}

/** `1,234,567` — grouped with commas whatever the locale, so output is the same everywhere. */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Compact: `23.5M`, `215k`, `640`. */
export function formatCompact(n: number): string {
  if (n >= 1e9) return `${trim(n / 1e9)}B`;
  if (n >= 1e6) return `${trim(n / 1e6)}M`;
  if (n >= 1e4) return `${trim(n / 1e3)}k`;
  return formatCount(n);
}

function trim(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1).replace(/\.0$/, '') : x.toFixed(2).replace(/\.?0+$/, '');
}

/** Coordinates rounded to 0.1 px so output is stable and small. */
export function round(x: number): number {
  const r = Math.round(x * 10) / 10;
  return Object.is(r, -0) ? 0 : r;
}
