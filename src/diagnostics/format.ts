import type { Diagnostic } from './diagnostic.js';
import { lineIndexOf } from './line-index.js';
import { printableLine } from './printable.js';

/**
 * `file:line:col: error[code]: message` followed by the source line and a caret under the range.
 * Each part is one line with control characters escaped, so a name in a message cannot forge
 * output or drive the terminal. A problem found many times (once per repeat) says how often.
 */
export function formatDiagnostic(d: Diagnostic, sourceText?: string): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
  const times = d.count !== undefined && d.count > 1 ? ` (×${d.count})` : '';
  const lines = [printableLine(`${where}: ${d.severity}[${d.code}]: ${d.message}${times}`)];
  const excerpt = sourceText !== undefined && d.line > 0 ? caretExcerpt(sourceText, d) : '';
  if (excerpt) lines.push(excerpt);
  if (d.suggestion) lines.push(`  = help: ${printableLine(d.suggestion)}`);
  return lines.join('\n');
}

const EXCERPT_WIDTH = 160;

function caretExcerpt(text: string, d: Diagnostic): string {
  const lineText = lineIndexOf(text).lineText(d.line);
  if (lineText === undefined) return '';
  const gutter = String(d.line);
  const start = d.column - 1;
  // Escaping widens a control character; the caret moves by what precedes it on the line.
  const before = printableLine(lineText.slice(0, Math.max(0, start)).replace(/\t/g, ' '));
  const shownLine = printableLine(lineText.replace(/\t/g, ' '));
  const shown = shownLine.length > EXCERPT_WIDTH ? shownLine.slice(0, EXCERPT_WIDTH) + '…' : shownLine;
  const width = Math.max(1, Math.min(d.range[1] - d.range[0], lineText.length - start));
  const pad = ' '.repeat(gutter.length);
  return [`${pad} |`, `${gutter} | ${shown}`, `${pad} | ${' '.repeat(Math.min(before.length, EXCERPT_WIDTH))}${'^'.repeat(Math.min(width, 80))}`].join('\n');
}

/** Closest candidate by edit distance, for "did you mean" hints; undefined when nothing is close. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    // Case-insensitive distance decides; exact case breaks ties (conv2 → conv2d, Conv2d → Conv2D).
    const score = editDistance(lower, c.toLowerCase()) * 2 + (editDistance(word, c) > editDistance(lower, c.toLowerCase()) ? 1 : 0);
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  const allowed = Math.max(2, Math.floor(word.length / 3));
  return bestScore <= allowed * 2 + 1 ? best : undefined;
}

export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const hit = closest(word, candidates);
  return hit === undefined ? undefined : `did you mean '${hit}'?`;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 8) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[b.length]!;
}
