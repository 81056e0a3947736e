// Runs the CLI in a child process and measures it: exit code, output, wall time, CPU time and
// peak memory (reported by the child itself, see cli-entry.ts). The CLI is bundled from source once
// with esbuild, as the published bin is, so each run costs what a user's run costs rather than
// TypeScript compilation on every start.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { CLI_BUNDLE_OPTIONS } from '../../scripts/cli-bundle-options.js';

const ENTRY = fileURLToPath(new URL('./cli-entry.ts', import.meta.url));

/**
 * Bundles cli-entry.ts (the CLI from src/) into `dir`; returns the script to run. TensorFlow.js
 * and the image libraries stay external and are not reachable from summary, check or explain.
 */
export async function bundleCli(dir: string): Promise<string> {
  // Split into chunks as the real build is: each command's imports (TensorFlow.js, resvg) load
  // only when that command runs.
  await build({
    entryPoints: { 'netspec-cli': ENTRY },
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    ...CLI_BUNDLE_OPTIONS,
    logLevel: 'error',
  });
  return join(dir, 'netspec-cli.mjs');
}

export interface ProcessRun {
  code: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  /** Killed after the wall-clock limit: a hang. */
  timedOut: boolean;
}

export interface RunOptions {
  /** The bundled CLI from bundleCli. */
  script: string;
  cwd: string;
  stdin?: Readable;
  env?: Record<string, string>;
  /** Wall-clock limit after which the child is killed (a hang, not a slow run). */
  killAfterMs?: number;
}

export async function runProcess(args: string[], options: RunOptions): Promise<ProcessRun> {
  const dir = mkdtempSync(join(tmpdir(), 'netspec-usage-'));
  const usageFile = join(dir, 'usage.json');
  const started = Date.now();
  const child = spawn(process.execPath, [options.script, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, NETSPEC_USAGE_FILE: usageFile, NODE_OPTIONS: '' },
    stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  if (options.stdin && child.stdin) {
    child.stdin.on('error', () => {}); // the CLI closes stdin when it has read enough
    options.stdin.pipe(child.stdin);
  }
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => void (stdout.length < 1_000_000 && (stdout += chunk.toString('utf8'))));
  child.stderr!.on('data', (chunk: Buffer) => void (stderr.length < 1_000_000 && (stderr += chunk.toString('utf8'))));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.killAfterMs ?? 60_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  clearTimeout(timer);
  options.stdin?.destroy();
  const wallMs = Date.now() - started;
  let usage = { maxRssKb: Infinity, cpuMs: Infinity };
  try {
    usage = JSON.parse(readFileSync(usageFile, 'utf8')) as typeof usage;
  } catch {
    // killed before it could report: the limits below fail the test
  }
  rmSync(dir, { recursive: true, force: true });
  return { code, stdout, stderr, wallMs, cpuMs: usage.cpuMs, maxRssMb: usage.maxRssKb / 1024, timedOut };
}
