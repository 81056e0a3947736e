// Offsets → line and column in O(log n): the line starts of a text are found once, so reporting
// thousands of diagnostics in a megabyte-sized file stays linear rather than quadratic.

export class LineIndex {
  /** Offset of the first character of each line (line 1 at index 0). */
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line and column of an offset (clamped to the text). */
  lineColumn(offset: number): { line: number; column: number } {
    const at = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= at) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.starts[low]! + 1 };
  }

  /** The text of a 1-based line without its line break; undefined past the end. */
  lineText(line: number): string | undefined {
    const start = this.starts[line - 1];
    if (start === undefined) return undefined;
    const next = this.starts[line];
    const end = next === undefined ? this.text.length : next - 1;
    return this.text.slice(start, end > start && this.text.charCodeAt(end - 1) === 13 ? end - 1 : end);
  }
}

/** Indexes of the last few texts seen, so callers that pass only the text still get O(log n). */
const recent: LineIndex[] = [];

export function lineIndexOf(text: string): LineIndex {
  const hit = recent.find((index) => index.text === text);
  if (hit) return hit;
  const index = new LineIndex(text);
  recent.unshift(index);
  if (recent.length > 4) recent.pop();
  return index;
}
