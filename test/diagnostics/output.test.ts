import { describe, expect, test, vi } from 'vitest';
import { DiagnosticBag } from '../../src/diagnostics/diagnostic.js';
import { formatDiagnostic } from '../../src/diagnostics/format.js';
import { LineIndex } from '../../src/diagnostics/line-index.js';
import { printableLine, printableProgress, printableText } from '../../src/diagnostics/printable.js';

describe('LineIndex', () => {
  const text = 'ab\ncd\r\n\nlast';
  const index = new LineIndex(text);

  test.each([
    [0, 1, 1],
    [2, 1, 3],
    [3, 2, 1],
    [5, 2, 3],
    [7, 3, 1],
    [8, 4, 1],
    [12, 4, 5],
  ])('offset %i is line %i, column %i', (offset, line, column) => {
    expect(index.lineColumn(offset)).toEqual({ line, column });
  });

  test('line texts without their line breaks', () => {
    expect([1, 2, 3, 4, 5].map((n) => index.lineText(n))).toEqual(['ab', 'cd', '', 'last', undefined]);
  });

  test('a lookup in a 1 MB text never scans the text (binary search over line starts)', () => {
    const big = 'x: 1\n'.repeat(200_000);
    const bigIndex = new LineIndex(big);
    const scans = vi.spyOn(String.prototype, 'indexOf');
    const reads = vi.spyOn(String.prototype, 'charCodeAt');
    for (let i = 0; i < 1_000; i++) bigIndex.lineColumn(i * 997);
    expect(bigIndex.lineColumn(999_999)).toEqual({ line: 200_000, column: 5 });
    expect(scans).not.toHaveBeenCalled();
    expect(reads).not.toHaveBeenCalled();
    scans.mockRestore();
    reads.mockRestore();
  });
});

describe('DiagnosticBag', () => {
  test('the same problem reported again raises its count instead of adding an item', () => {
    const bag = new DiagnosticBag();
    bag.addSource('s.yaml', 'a: 1\nb: nope\n');
    for (let i = 0; i < 4096; i++) bag.error('expr-name', "unknown name 'nope'", { file: 's.yaml', start: 8, end: 12 });
    bag.error('expr-name', "unknown name 'nope'", { file: 's.yaml', start: 0, end: 1 });
    expect(bag.items).toHaveLength(2);
    expect(bag.items[0]).toMatchObject({ line: 2, column: 4, count: 4096 });
    expect(bag.items[1]!.count).toBeUndefined();
    expect(formatDiagnostic(bag.items[0]!, bag.sourceText('s.yaml')).split('\n')[0]).toBe("s.yaml:2:4: error[expr-name]: unknown name 'nope' (×4096)");
  });
});

describe('printable output', () => {
  test.each([
    ['\u001b]0;title\u0007', '\\e]0;title\\a'],
    ['\u001b[2J', '\\e[2J'],
    ['a\nb\rc\td', 'a\\nb\\rc\\td'],
    ['\u0085\u202e\u007f', '\\u0085\\u202e\\u007f'],
    ['\u0001', '\\x01'],
  ])('printableLine(%j)', (raw, shown) => {
    expect(printableLine(raw)).toBe(shown);
  });

  test('printableText keeps the layout (newline, tab) and escapes the rest', () => {
    expect(printableText('a\tb\nc\u001b[2J\r')).toBe('a\tb\nc\\e[2J\\r');
  });

  test('printableProgress keeps only the progress line’s leading CR and erase-line', () => {
    expect(printableProgress('\rweights 3/4\u001b[K')).toBe('\rweights 3/4\u001b[K');
    expect(printableProgress('\r\u001b[K')).toBe('\r\u001b[K');
    expect(printableProgress('name\r\u001b[2Jforged\n')).toBe('name\\r\\e[2Jforged\n');
  });

  test('an escape inside JSON text stays valid JSON for the same string', () => {
    const json = JSON.stringify({ name: 'a\u0085\u202eb\u007f' });
    expect(JSON.parse(printableText(json))).toEqual({ name: 'a\u0085\u202eb\u007f' });
  });

  test('a diagnostic cannot forge lines or drive the terminal; the caret stays under its column', () => {
    const bag = new DiagnosticBag();
    const text = 'layers:\n  - "x\\e" \u001b[2J: bad\n';
    bag.addSource('s.yaml', text);
    const at = text.indexOf('bad');
    bag.error('schema', "unknown key 'a\nforged: error'", { file: 's.yaml', start: at, end: at + 3 }, 'did you mean \u001b[31mred?');
    const out = formatDiagnostic(bag.items[0]!, text);
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    const lines = out.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toContain("unknown key 'a\\nforged: error'");
    expect(lines[2]!.indexOf('bad')).toBe(lines[3]!.indexOf('^'));
  });
});
