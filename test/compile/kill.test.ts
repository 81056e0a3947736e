// `compile --force` killed at every moment: the real CLI, in its own process, is SIGKILLed at each of
// its write steps in turn (NETSPEC_TEST_KILL_AT_STEP) and at staggered times; after every kill the
// output folder is the complete old model, untouched, or the complete new one — never a mix — and a
// file beside it is never touched. The next run cleans or restores what the killed one left.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { CLI_BUNDLE_OPTIONS } from '../../scripts/cli-bundle-options.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = new URL('../../', import.meta.url).pathname;
// The CLI bundled from the current sources (as `npm install` bundles it, a third of tsx's start-up
// cost), into its own folder so it never races the bundle other tests read.
const bundleDir = join(repo, 'dist/kill-test');
const entry = join(bundleDir, 'cli-process.js');
const parent = mkdtempSync(join(tmpdir(), 'netspec-kill-'));
beforeAll(async () => {
  rmSync(bundleDir, { recursive: true, force: true });
  await build({
    entryPoints: { 'cli-process': join(repo, 'test/compile/cli-process.ts') },
    outdir: bundleDir,
    ...CLI_BUNDLE_OPTIONS,
    logLevel: 'warning',
  });
}, 120_000);
afterAll(() => {
  rmSync(parent, { recursive: true, force: true });
  rmSync(bundleDir, { recursive: true, force: true });
});

const out = join(parent, 'out');
const notes = join(parent, 'notes.txt');
// The old model needs two 4 MiB shards, the new one one: any mix of the two is visible.
const oldSpec = join(parent, 'old.yaml');
const newSpec = join(parent, 'new.yaml');
writeFileSync(oldSpec, 'name: old\ninput: [1100]\nlayers:\n  - dense: {units: 1000}\n');
writeFileSync(newSpec, 'name: new\ninput: [6, 6, 2]\nlayers:\n  - conv2d: {filters: 3, kernel_size: 3}\n  - flatten\n  - dense: {units: 2}\n');
writeFileSync(notes, 'the user’s own file');

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  ms: number;
}

function compile(spec: string, options: { killAtStep?: number; killAfterMs?: number } = {}): Promise<Run> {
  const env = { ...process.env, NETSPEC_TEST_KILL_AT_STEP: String(options.killAtStep ?? 0) };
  const started = Date.now();
  const child = spawn(process.execPath, [entry, 'compile', spec, '-o', out, '--force', '--backend', 'cpu'], {
    cwd: repo,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = options.killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
  return new Promise((resolve) => child.on('close', (code, signal) => (clearTimeout(timer), resolve({ code, signal, stderr, ms: Date.now() - started }))));
}

/** Every file in a folder with a hash of its bytes (comparing 4 MiB buffers with toEqual is slow). */
function files(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir).map((name) => [
      name,
      createHash('sha256')
        .update(readFileSync(join(dir, name)))
        .digest('hex'),
    ]),
  );
}

/**
 * The model in `dir` is complete: model.json parses, names weight files that all exist, and they
 * hold exactly the bytes its weights' shapes imply (float32), and the folder holds nothing else.
 * Returns the model's name.
 */
function completeModel(dir: string): string {
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as {
    modelTopology: { config: { name: string } };
    weightsManifest: { paths: string[]; weights: { shape: number[] }[] }[];
  };
  const [group] = json.weightsManifest;
  const implied = group!.weights.reduce((sum, w) => sum + w.shape.reduce((p, d) => p * d, 1) * 4, 0);
  const actual = group!.paths.reduce((sum, p) => sum + statSync(join(dir, p)).size, 0);
  expect(actual).toBe(implied);
  expect(readdirSync(dir).sort()).toEqual(['.netspec-output', ...group!.paths, 'model.json'].sort());
  return json.modelTopology.config.name.replace(/__model$/, '');
}

/** The leftover folder a kill between the two renames leaves, if any. */
const setAside = (): string | undefined => readdirSync(parent).find((e) => e.startsWith('.out.netspec-old-'));

describe('compile --force killed at every moment', () => {
  it('leaves the complete old model (untouched) or the complete new one after every kill', { timeout: 600_000 }, async () => {
    const first = await compile(oldSpec);
    expect(first.code, first.stderr).toBe(0);
    expect(completeModel(out)).toBe('old');

    let kills = 0;
    let between = 0;
    for (let step = 1; step < 40; step++) {
      // Each run replaces the model that is there by the other one (old ↔ new).
      const current = completeModel(out);
      const other = current === 'old' ? 'new' : 'old';
      const before = files(out);
      const run = await compile(other === 'old' ? oldSpec : newSpec, { killAtStep: step });
      if (run.code === 0) break; // past the last write step: the run finished
      expect(run.signal, `step ${step}: ${run.stderr}`).toBe('SIGKILL');
      kills++;
      if (existsSync(out)) {
        const name = completeModel(out);
        expect([current, other]).toContain(name);
        // Not yet replaced: byte for byte what was there before the run.
        if (name === current) expect(files(out)).toEqual(before);
      } else {
        // Killed between "old aside" and "new in": the old model waits complete beside the folder,
        // and the next run puts it back before anything else.
        between++;
        const aside = join(parent, setAside()!);
        expect(completeModel(aside)).toBe(current);
        expect(files(aside)).toEqual(before);
        const restore = await compile(join(parent, 'missing.yaml'));
        expect(restore.stderr).toMatch(/restored .*out from \.out\.netspec-old-\d+/);
        expect(files(out)).toEqual(before);
      }
      expect(readFileSync(notes, 'utf8')).toBe('the user’s own file');
    }
    expect(kills).toBeGreaterThanOrEqual(10); // mkdir, marker, 2 files, 2 renames, removals…
    expect(between).toBe(1);

    // Staggered kills at arbitrary moments of a whole run, as a user's Ctrl-\ or the OOM killer would.
    const full = await compile(newSpec);
    expect(full.code, full.stderr).toBe(0);
    for (const fraction of [0.7, 0.95]) {
      const spec = completeModel(out) === 'new' ? oldSpec : newSpec;
      await compile(spec, { killAfterMs: Math.round(full.ms * fraction) });
      if (existsSync(out)) expect(['old', 'new']).toContain(completeModel(out));
      else expect(completeModel(join(parent, setAside()!))).toMatch(/old|new/);
    }

    // A last run cleans every leftover and leaves only the folder and the user's file.
    const last = await compile(newSpec);
    expect(last.code, last.stderr).toBe(0);
    expect(completeModel(out)).toBe('new');
    expect(readdirSync(parent).sort()).toEqual(['new.yaml', 'notes.txt', 'old.yaml', 'out']);
    expect(readFileSync(notes, 'utf8')).toBe('the user’s own file');
  });
});
