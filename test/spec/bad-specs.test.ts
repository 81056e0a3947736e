// The golden corpus: each bad spec names, in its first line, the diagnostic code and the
// line:column it must be reported at (0:0 = anywhere), and optionally a hint it must carry.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/index.js';

const dir = join(import.meta.dirname, '../fixtures/bad-specs');
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .map((file) => {
    const header = readFileSync(join(dir, file), 'utf8').split('\n')[0]!;
    const m = /^# expect: (\S+) (\d+):(\d+)(?: (.*))?$/.exec(header);
    if (!m) throw new Error(`${file}: bad header`);
    return { file, code: m[1]!, line: Number(m[2]), column: Number(m[3]), hint: m[4] };
  });

describe('bad specs give one precise diagnostic', () => {
  it.each(cases)('$file → $code at $line:$column', ({ file, code, line, column, hint }) => {
    const result = analyzeFile(join(dir, file));
    // A failed expect: leaves a complete graph (shown beside the diagnostic); anything else none.
    if (code === 'expect') expect(result.graph).toBeDefined();
    else expect(result.graph).toBeUndefined();
    const first = result.diagnostics[0]!;
    expect(first.code).toBe(code);
    if (line > 0) expect([first.line, first.column]).toEqual([line, column]);
    if (hint) expect(first.suggestion ?? first.message).toContain(hint);
    expect(first.file).toContain(file);
  });
});
