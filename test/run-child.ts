// Runs a child process without blocking the test worker: a spawnSync/execFileSync that lasts
// seconds stops the worker's event loop, and vitest then fails the whole run with
// "Timeout calling onTaskUpdate" even when every test passed.
import { spawn, type SpawnOptions } from 'node:child_process';

export interface ChildRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface ChildOptions extends Pick<SpawnOptions, 'cwd' | 'env'> {
  /** Killed (SIGKILL) after this many milliseconds; the run then resolves with status null. */
  timeout?: number;
}

export function runChild(command: string, args: string[], options: ChildOptions = {}): Promise<ChildRun> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout!.on('data', (b: Buffer) => out.push(b));
  child.stderr!.on('data', (b: Buffer) => err.push(b));
  const timer = options.timeout === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.timeout);
  return new Promise((resolve, reject) => {
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** runChild that throws with the child's stderr unless it exits 0; returns stdout. */
export async function runChildOrThrow(command: string, args: string[], options: ChildOptions = {}): Promise<string> {
  const run = await runChild(command, args, options);
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${run.status}:\n${run.stderr}`);
  return run.stdout;
}
