// Issue 10 item 7, as a user runs it: a 200,001-layer spec through the real CLI process, with its
// time and peak memory measured; and the issue's own spec (a dense_block of 100,000 concatenations,
// whose width doubles each time) ending in a diagnostic rather than a crash.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const SCRIPT = new URL('./measured-cli.ts', import.meta.url).pathname;

function run(args: string[], stdin: string): { code: number | null; stdout: string; stderr: string; seconds: number; peakBytes: number } {
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { input: stdin, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - started) / 1000;
  const peak = /maxRSS=(\d+)\s*$/.exec(r.stderr);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, seconds, peakBytes: peak ? Number(peak[1]) * 1024 : Infinity };
}

describe('the CLI on large legal models', () => {
  it('summarises 200,001 layers as JSON within 120 s and 1.5 GB', () => {
    const spec = 'input: [4]\nlayers:\n  - {dense: {units: 4}, repeat: 100000}\n  - {relu: {}, repeat: 100000}\n';
    const r = run(['summary', '-', '--format', 'json'], spec);
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.layers.length).toBe(200_001);
    // Keras: Dense(4) on 4 features has (4 + 1)·4 = 20 parameters
    expect(json.total_params).toBe(100_000 * 20);
    expect(r.seconds).toBeLessThan(120);
    expect(r.peakBytes).toBeLessThan(1.5e9);
  }, 180_000);

  it("ends the issue's doubling dense_block in a diagnostic at its line, quickly", () => {
    const r = run(['summary', '-'], 'input: [4]\nlayers:\n  - dense_block: {repeat: 100000, body: [relu]}\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/<stdin>:3:5: error\[range\]: dense_block\.concatenate_\d+ \(Concatenate\)/);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).not.toContain('Maximum call stack');
    expect(r.seconds).toBeLessThan(60);
    expect(r.peakBytes).toBeLessThan(1e9);
  }, 120_000);
});
