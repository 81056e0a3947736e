// The golden corpus: each bad spec names, in its first line, the diagnostic code and the
// line:column it must be reported at (0:0 = anywhere), and optionally a hint it must carry. Beside
// it, baselines/<spec>.txt holds every diagnostic as netspec prints it (as the TypeScript compiler's
// test baselines do): a second diagnostic appearing, or a changed caret or help line, shows in review.
// After a deliberate change: npx vitest run test/spec/bad-specs.test.ts -u, then read the diff.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile, formatDiagnostic } from '../../src/index.js';

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

  it.each(cases)('$file: every diagnostic, formatted, is its baseline', async ({ file }) => {
    const result = analyzeFile(join(dir, file));
    const printed = result.diagnostics
      .map((d) => formatDiagnostic({ ...d, file: d.file.replace(`${dir}/`, '') }, result.sources.sourceText(d.file)))
      .join('\n');
    await expect(`${printed}\n`).toMatchFileSnapshot(join(dir, 'baselines', file.replace(/\.yaml$/, '.txt')));
  });
});
