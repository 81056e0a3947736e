// The mutation table (scripts/mutants/table.ts) must stay applicable as the code changes: every row's
// search text occurs exactly once in its file and every named test file exists. npm run mutants is
// too slow for npm test; this keeps it from rotting. When a row fails here, change its search and
// replace to the same bug in the code as it now reads.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMutant, judge, type Mutant, type VitestReport } from '../../scripts/mutants/mutation.js';
import { MUTANTS } from '../../scripts/mutants/table.js';

const root = join(import.meta.dirname, '../..');

describe('the mutation table', () => {
  it('has unique ids', () => {
    const ids = MUTANTS.map((m) => m.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it.each(MUTANTS.map((m) => [m.id, m] as const))('%s applies to the code as it is, and names existing tests', (_id, mutant) => {
    const path = join(root, mutant.file);
    expect(existsSync(path), mutant.file).toBe(true);
    const applied = applyMutant(readFileSync(path, 'utf8'), mutant);
    expect('stale' in applied ? applied.stale : 'applies').toBe('applies');
    expect(mutant.tests.length).toBeGreaterThan(0);
    for (const test of mutant.tests) expect(existsSync(join(root, test)), test).toBe(true);
    expect(mutant.catches.trim()).not.toBe('');
  });
});

describe('judging a run', () => {
  const row: Mutant = { id: 'x', file: 'f.ts', search: 'a', replace: 'b', tests: ['t.test.ts'], catches: 'right test', why: '' };
  const report = (tests: { fullName: string; status: string }[], file: { status?: string; message?: string } = {}): VitestReport => ({
    numTotalTests: tests.length,
    testResults: [
      {
        name: '/t.test.ts',
        status: file.status ?? (tests.some((t) => t.status === 'failed') ? 'failed' : 'passed'),
        message: file.message,
        assertionResults: tests,
      },
    ],
  });

  it.each([
    ['the named test fails', report([{ fullName: 'suite right test', status: 'failed' }]), 1, 'killed'],
    ['everything passes', report([{ fullName: 'suite right test', status: 'passed' }]), 0, 'survived'],
    ['only another test fails', report([{ fullName: 'suite other', status: 'failed' }]), 1, 'wrong-reason'],
    ['the file fails to load with the reason', report([], { status: 'failed', message: 'Error: right test broke\nstack' }), 1, 'killed'],
    ['vitest fails with no failing test', report([{ fullName: 'suite right test', status: 'passed' }]), 1, 'wrong-reason'],
    ['no report at all', undefined, 1, 'wrong-reason'],
  ] as const)('%s', (_what, run, exitCode, outcome) => {
    expect(judge(row, run, exitCode).outcome).toBe(outcome);
  });

  it('refuses a row whose text is not there, or is there twice', () => {
    expect(applyMutant('x = 1', row)).toHaveProperty('stale');
    expect(applyMutant('a a', row)).toHaveProperty('stale');
    expect(applyMutant('xay', row)).toEqual({ text: 'xby' });
  });
});
