// Issue 10 item 7, as a user runs it: a 200,001-layer spec through the real CLI process, with its
// time and peak memory measured; and the issue's own spec (a dense_block of 100,000 concatenations,
// whose width doubles each time) ending in a diagnostic rather than a crash.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const SCRIPT = new URL('./measured-cli.ts', import.meta.url).pathname;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  peakBytes: number;
}

/** Asynchronous on purpose: a spawnSync would block the test worker's event loop for the whole run. */
function run(args: string[], stdin: string): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => err.push(b));
  child.stdin.end(stdin);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8');
      const peak = /maxRSS=(\d+)\s*$/.exec(stderr);
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr,
        seconds: (performance.now() - started) / 1000,
        peakBytes: peak ? Number(peak[1]) * 1024 : Infinity,
      });
    });
  });
}

describe('the CLI on large legal models', () => {
  it('summarises 200,001 layers as JSON within 120 s and 1.5 GB', async () => {
    const spec = 'input: [4]\nlayers:\n  - {dense: {units: 4}, repeat: 100000}\n  - {relu: {}, repeat: 100000}\n';
    const r = await run(['summary', '-', '--format', 'json'], spec);
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.layers.length).toBe(200_001);
    // Keras: Dense(4) on 4 features has (4 + 1)·4 = 20 parameters
    expect(json.total_params).toBe(100_000 * 20);
    expect(r.seconds).toBeLessThan(120);
    expect(r.peakBytes).toBeLessThan(1.5e9);
  }, 180_000);

  it("ends the issue's doubling dense_block in a diagnostic at its line, quickly", async () => {
    const r = await run(['summary', '-'], 'input: [4]\nlayers:\n  - dense_block: {repeat: 100000, body: [relu]}\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/<stdin>:3:5: error\[range\]: dense_block\.concatenate_\d+ \(Concatenate\)/);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).not.toContain('Maximum call stack');
    expect(r.seconds).toBeLessThan(60);
    expect(r.peakBytes).toBeLessThan(1e9);
  }, 120_000);
});
