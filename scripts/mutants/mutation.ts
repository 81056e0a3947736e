// The pure half of the mutation check: what a row is, how it changes a file, and how a vitest run
// (its JSON report) is judged. run.ts does the processes and the scratch worktree.

interface MutantBase {
  /** Short and unique, for --only and the printed table. */
  id: string;
  /** Repository-relative path of the file to change. */
  file: string;
  /** The vitest files that must catch it (only these run). */
  tests: string[];
  /**
   * The right reason: text that must appear in the full name of a failing test (or, when a test file
   * cannot even load, in its error). A failure elsewhere alone does not count as a kill.
   */
  catches: string;
  /** One line: the realistic bug this stands for, and why that test is the one to notice. */
  why: string;
  /** Seconds before the run is stopped (default: the runner's --timeout). */
  timeoutSeconds?: number;
}

/** A change to a file: `search` must occur exactly once (a row that no longer applies is stale, not skipped). */
export interface EditMutant extends MutantBase {
  search: string;
  replace: string;
}

/** A file that goes missing (a fixture lost, say). */
export interface RemoveMutant extends MutantBase {
  remove: true;
}

export type Mutant = EditMutant | RemoveMutant;

/** The change as one line, for listings. */
export function describeChange(mutant: Mutant): string {
  return 'remove' in mutant ? `${mutant.file}: removed` : `${mutant.file}: ${JSON.stringify(mutant.search)} → ${JSON.stringify(mutant.replace)}`;
}

/** The file's text with the row's change (undefined: remove the file), or why the row does not apply. */
export function applyMutant(text: string, mutant: Mutant): { text: string | undefined } | { stale: string } {
  if ('remove' in mutant) return { text: undefined };
  if (mutant.search === mutant.replace) return { stale: 'search and replace are the same text' };
  const first = text.indexOf(mutant.search);
  if (first < 0) return { stale: `the search text is not in ${mutant.file} any more` };
  if (text.indexOf(mutant.search, first + 1) >= 0) return { stale: `the search text occurs more than once in ${mutant.file}` };
  return { text: text.slice(0, first) + mutant.replace + text.slice(first + mutant.search.length) };
}

/** The parts of vitest's JSON reporter output read here. */
export interface VitestReport {
  numFailedTests?: number;
  numTotalTests?: number;
  testResults?: {
    name: string;
    status: string;
    message?: string;
    assertionResults?: { fullName: string; status: string }[];
  }[];
}

export type Verdict =
  | { outcome: 'killed'; reason: string }
  | { outcome: 'survived'; reason: string }
  | { outcome: 'wrong-reason'; reason: string }
  | { outcome: 'timeout'; reason: string }
  | { outcome: 'stale'; reason: string };

/** Failures in a report: each failing test's full name, and the error of each file that failed without one. */
export function failuresOf(report: VitestReport): string[] {
  return (report.testResults ?? []).flatMap((file) => {
    const failedTests = (file.assertionResults ?? []).filter((a) => a.status === 'failed').map((a) => a.fullName);
    if (failedTests.length > 0) return failedTests;
    return file.status === 'failed' ? [`${file.name}: ${(file.message ?? 'failed').split('\n')[0]}`] : [];
  });
}

/** Killed only when a failure carries the row's `catches` text; other failures alone are the wrong reason. */
export function judge(mutant: Mutant, report: VitestReport | undefined, exitCode: number | null): Verdict {
  if (!report) return { outcome: 'wrong-reason', reason: `vitest wrote no report (exit ${exitCode ?? 'signal'})` };
  const failures = failuresOf(report);
  if (failures.length === 0) {
    if (exitCode !== 0) return { outcome: 'wrong-reason', reason: `vitest exited ${exitCode ?? 'signal'} with no failing test` };
    return { outcome: 'survived', reason: `${report.numTotalTests ?? 0} tests passed` };
  }
  const right = failures.find((f) => f.includes(mutant.catches));
  if (right) return { outcome: 'killed', reason: right };
  return { outcome: 'wrong-reason', reason: `failed, but not '${mutant.catches}': ${failures[0]}` };
}
