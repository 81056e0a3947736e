// Runs the CLI in a child process and measures it: exit code, output, wall time, CPU time and
// peak memory (reported by the child itself, see cli-entry.ts).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ENTRY = fileURLToPath(new URL('./cli-entry.ts', import.meta.url));
const TSX = createRequire(import.meta.url).resolve('tsx');

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
  const child = spawn(process.execPath, ['--import', pathToFileURL(TSX).href, ENTRY, ...args], {
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
