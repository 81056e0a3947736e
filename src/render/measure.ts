// Deterministic text measurement and number formatting: the same estimate in Node and the browser.
import { BOLD_WIDTHS, REGULAR_WIDTHS } from './font-widths.js';

/** Width of a character missing from the table (wide, so boxes err on the roomy side). */
const FALLBACK_EM = 0.7;

export function textWidth(text: string, fontSize: number, bold = false): number {
  const widths = bold ? BOLD_WIDTHS : REGULAR_WIDTHS;
  let em = 0;
  for (const ch of text) em += widths[ch] ?? FALLBACK_EM;
  return em * fontSize;
}

/** Coordinates rounded to 0.1 px so output is stable and small. */
export function round(x: number): number {
  const r = Math.round(x * 10) / 10;
  return Object.is(r, -0) ? 0 : r;
}
