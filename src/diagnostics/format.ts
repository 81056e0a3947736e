import type { Diagnostic } from './diagnostic.js';

/** `file:line:col: error[code]: message` followed by the source line and a caret under the range. */
export function formatDiagnostic(d: Diagnostic, sourceText?: string): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
  const lines = [`${where}: ${d.severity}[${d.code}]: ${d.message}`];
  const excerpt = sourceText !== undefined && d.line > 0 ? caretExcerpt(sourceText, d) : '';
  if (excerpt) lines.push(excerpt);
  if (d.suggestion) lines.push(`  = help: ${d.suggestion}`);
  return lines.join('\n');
}

function caretExcerpt(text: string, d: Diagnostic): string {
  const lineText = text.split(/\r?\n/)[d.line - 1];
  if (lineText === undefined) return '';
  const gutter = String(d.line);
  const shown = lineText.length > 160 ? lineText.slice(0, 160) + '…' : lineText;
  const start = d.column - 1;
  const width = Math.max(1, Math.min(d.range[1] - d.range[0], lineText.length - start));
  const pad = ' '.repeat(gutter.length);
  return [
    `${pad} |`,
    `${gutter} | ${shown}`,
    `${pad} | ${' '.repeat(Math.min(start, 160))}${'^'.repeat(Math.min(width, 80))}`,
  ].join('\n');
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
