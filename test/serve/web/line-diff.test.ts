import { describe, expect, test } from 'vitest';
import { lineDiff } from '../../../src/serve/web/line-diff.js';

const show = (before: string, after: string): string[] =>
  lineDiff(before, after).map((l) => `${l.kind === 'same' ? ' ' : l.kind === 'removed' ? '-' : '+'}${l.text}`);

describe('lineDiff', () => {
  test.each([
    ['a\nb\nc', 'a\nb\nc', [' a', ' b', ' c']],
    ['a\nb\nc', 'a\nx\nc', [' a', '-b', '+x', ' c']],
    ['a\nc', 'a\nb\nc', [' a', '+b', ' c']],
    ['a\nb\nc', 'a\nc', [' a', '-b', ' c']],
    ['', 'a', ['-', '+a']],
    ['x\na\ny\nb\nz', 'a\nq\nb', ['-x', ' a', '-y', '+q', ' b', '-z']],
  ])('%j → %j', (before, after, expected) => expect(show(before, after)).toEqual(expected));

  test('a huge change is shown as replaced (a hang guard: the speed target lives in no unit test)', () => {
    const before = Array.from({ length: 5000 }, (_, i) => `a${i}`).join('\n');
    const after = Array.from({ length: 5000 }, (_, i) => `b${i}`).join('\n');
    const started = Date.now();
    const lines = lineDiff(before, after);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(lines.filter((l) => l.kind === 'removed')).toHaveLength(5000);
    expect(lines.filter((l) => l.kind === 'added')).toHaveLength(5000);
  });
});
