// npm run mutants: shows that the tests in scripts/mutants/table.ts can fail, and for the right reason.
// Each row's bug is put into a scratch git worktree of HEAD (under the system's temp folder, with
// node_modules linked; the tree you work in is never touched), only that row's test files run, and
// the run counts as a kill only when a failing test's name carries the row's `catches` text.
//   npm run mutants                      every row, one after another (the machine is shared)
//   npm run mutants -- --only a,b        some rows
//   npm run mutants -- --timeout 300     seconds per run (default 300; a row may set its own)
//   npm run mutants -- --list            the table, nothing run
// Exit 0: every mutant killed; 1: a survivor, a failure for another reason, a timeout or a stale
// row (its search text no longer in the file); 2: usage, or uncommitted changes (the check runs on HEAD).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { applyMutant, describeChange, failuresOf, judge, type Mutant, type Verdict, type VitestReport } from './mutation.js';
import { MUTANTS } from './table.js';

const repo = join(import.meta.dirname, '../..');

interface Run {
  exitCode: number | null;
  timedOut: boolean;
  seconds: number;
}

/** Runs a command in its own process group (so a timeout stops vitest's workers too); output to a log file. */
function runLogged(command: string, args: string[], cwd: string, log: string, timeoutSeconds: number): Promise<Run> {
  const started = Date.now();
  const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
  const chunks: Buffer[] = [];
  child.stdout!.on('data', (b: Buffer) => chunks.push(b));
  child.stderr!.on('data', (b: Buffer) => chunks.push(b));
  let timedOut = false;
  const stop = (): void => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  current = stop;
  const timer = setTimeout(() => ((timedOut = true), stop()), timeoutSeconds * 1000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      current = undefined;
      writeFileSync(log, Buffer.concat(chunks));
      resolve({ exitCode, timedOut, seconds: (Date.now() - started) / 1000 });
    });
  });
}

/** The running child's stop, for Ctrl-C. */
let current: (() => void) | undefined;

function git(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(Buffer.concat(out).toString('utf8')) : reject(new Error(`git ${args.join(' ')}: ${Buffer.concat(err).toString('utf8').trim()}`)),
    );
  });
}

async function vitest(tree: string, tests: string[], report: string, log: string, timeoutSeconds: number): Promise<Run & { report?: VitestReport }> {
  rmSync(report, { force: true });
  const run = await runLogged(
    join(tree, 'node_modules/.bin/vitest'),
    ['run', '--reporter=json', `--outputFile=${report}`, ...tests],
    tree,
    log,
    timeoutSeconds,
  );
  const parsed = existsSync(report) ? (JSON.parse(readFileSync(report, 'utf8')) as VitestReport) : undefined;
  return { ...run, report: parsed };
}

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const clip = (s: string, n: number): string => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

function printTable(rows: { mutant: Mutant; verdict: Verdict; seconds: number }[]): void {
  const idWidth = Math.max(2, ...rows.map((r) => r.mutant.id.length));
  console.log(`${pad('id', idWidth)}  ${pad('result', 12)}  ${pad('time', 6)}  failing test (the reason)`);
  for (const { mutant, verdict, seconds } of rows) {
    console.log(
      `${pad(mutant.id, idWidth)}  ${pad(verdict.outcome, 12)}  ${pad(`${Math.round(seconds)} s`, 6)}  ${clip(verdict.reason.replace(/\s+/g, ' '), 110)}`,
    );
  }
}

function listTable(mutants: Mutant[]): void {
  for (const m of mutants) console.log(`${m.id}\n  ${describeChange(m)}\n  caught by ${m.tests.join(', ')} ('${m.catches}')\n  ${m.why}\n`);
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ options: { only: { type: 'string' }, timeout: { type: 'string', default: '300' }, list: { type: 'boolean', default: false } } }));
  } catch (err) {
    console.error(`mutants: ${(err as Error).message}`);
    return 2;
  }
  const timeout = Number(values.timeout);
  if (!(timeout > 0)) {
    console.error(`mutants: --timeout expects seconds, got '${values.timeout}'`);
    return 2;
  }
  const wanted = values.only?.split(',').map((s) => s.trim());
  const unknown = wanted?.filter((id) => !MUTANTS.some((m) => m.id === id)) ?? [];
  if (unknown.length > 0) {
    console.error(`mutants: no row ${unknown.map((u) => `'${u}'`).join(', ')} in scripts/mutants/table.ts`);
    return 2;
  }
  const mutants = wanted ? MUTANTS.filter((m) => wanted.includes(m.id)) : MUTANTS;
  if (values.list) {
    listTable(mutants);
    return 0;
  }

  // The check runs on HEAD: uncommitted edits would silently not be what is tested.
  if ((await git(['status', '--porcelain', '--untracked-files=no'], repo)).trim() !== '') {
    console.error('mutants: the working tree has uncommitted changes; commit or stash them first (the mutants run on HEAD in a scratch worktree)');
    return 2;
  }

  const scratch = mkdtempSync(join(tmpdir(), 'netspec-mutants-'));
  const tree = join(scratch, 'tree');
  const logs = join(scratch, 'logs');
  mkdirSync(logs);
  const cleanUp = async (): Promise<void> => {
    await git(['worktree', 'remove', '--force', tree], repo).catch(() => undefined);
    rmSync(tree, { recursive: true, force: true });
  };
  process.on('SIGINT', () => {
    current?.();
    void cleanUp().finally(() => process.exit(130));
  });

  const started = Date.now();
  try {
    await git(['worktree', 'add', '--detach', tree, 'HEAD'], repo);
    symlinkSync(realpathSync(join(repo, 'node_modules')), join(tree, 'node_modules'));
    console.log(`mutants: ${mutants.length} rows on ${(await git(['rev-parse', '--short', 'HEAD'], repo)).trim()}, in a scratch worktree (${tree})`);

    // Unchanged, the named tests must pass: otherwise a "kill" says nothing.
    const allTests = [...new Set(mutants.flatMap((m) => m.tests))].sort();
    const baseline = await vitest(tree, allTests, join(scratch, 'baseline.json'), join(logs, 'baseline.log'), timeout * 3);
    const baseFailures = baseline.report ? failuresOf(baseline.report) : ['no report'];
    if (baseline.exitCode !== 0 || baseFailures.length > 0) {
      console.error(`mutants: the tests fail with no mutation (${Math.round(baseline.seconds)} s):`);
      for (const f of baseFailures) console.error(`  ${f}`);
      console.error(readFileSync(join(logs, 'baseline.log'), 'utf8').slice(-4000));
      return 1;
    }
    console.log(`baseline: ${allTests.length} test files, ${baseline.report?.numTotalTests ?? 0} tests pass unchanged (${Math.round(baseline.seconds)} s)\n`);

    const results: { mutant: Mutant; verdict: Verdict; seconds: number }[] = [];
    for (const mutant of mutants) {
      const path = join(tree, mutant.file);
      const original = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
      const applied = original === undefined ? { stale: `${mutant.file} does not exist` } : applyMutant(original, mutant);
      if ('stale' in applied) {
        results.push({ mutant, verdict: { outcome: 'stale', reason: applied.stale }, seconds: 0 });
        console.log(`${mutant.id}: stale (${applied.stale})`);
        continue;
      }
      if (applied.text === undefined) rmSync(path);
      else writeFileSync(path, applied.text);
      let run;
      try {
        run = await vitest(tree, mutant.tests, join(scratch, `${mutant.id}.json`), join(logs, `${mutant.id}.log`), mutant.timeoutSeconds ?? timeout);
      } finally {
        // Back to HEAD: the file, and anything the tests left (snapshots written, outputs).
        await git(['checkout', '--', '.'], tree);
        await git(['clean', '-fdq'], tree);
      }
      const verdict: Verdict = run.timedOut
        ? { outcome: 'timeout', reason: `stopped after ${mutant.timeoutSeconds ?? timeout} s` }
        : judge(mutant, run.report, run.exitCode);
      // Test files are named from the repository, not the scratch folder.
      results.push({ mutant, verdict: { ...verdict, reason: verdict.reason.replaceAll(`${tree}/`, '') }, seconds: run.seconds });
      console.log(`${mutant.id}: ${verdict.outcome} in ${Math.round(run.seconds)} s`);
    }

    console.log('');
    printTable(results);
    const count = (outcome: Verdict['outcome']): number => results.filter((r) => r.verdict.outcome === outcome).length;
    const others = (['wrong-reason', 'timeout', 'stale'] as const).filter((o) => count(o) > 0).map((o) => `, ${count(o)} ${o}`);
    const minutes = ((Date.now() - started) / 60_000).toFixed(1);
    console.log(`\n${count('killed')} killed, ${count('survived')} survived${others.join('')} (${results.length} mutants, ${minutes} min)`);
    const bad = results.filter((r) => r.verdict.outcome !== 'killed');
    // Keep the logs of what needs looking at (the scratch folder goes either way).
    const kept = bad.length > 0 ? mkdtempSync(join(tmpdir(), 'netspec-mutants-logs-')) : '';
    for (const { mutant } of bad) {
      const log = join(logs, `${mutant.id}.log`);
      if (existsSync(log)) writeFileSync(join(kept, `${mutant.id}.log`), readFileSync(log));
      console.log(`  ${mutant.id}: ${mutant.why}\n    ${describeChange(mutant)}\n    log: ${join(kept, `${mutant.id}.log`)}`);
    }
    return bad.length === 0 ? 0 : 1;
  } finally {
    await cleanUp();
    rmSync(scratch, { recursive: true, force: true });
  }
}

process.exitCode = await main();
