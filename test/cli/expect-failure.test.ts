// A failed expect: must not hide the table: summary, explain and diagram print their normal output
// with the mismatch marked, then the diagnostic, and exit 1. Figures from the lecture's Setting B
// (320 + 2,312 = 2,632 parameters).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const SETTING_B = (stepExpect: string, modelExpect: string): string =>
  [
    'input: [64, 64, 1]',
    'layers:',
    "  - Conv2D(filters=32, kernel_size=(3, 3), strides=(1, 2), padding='valid')",
    '  - conv2d: {filters: 8, kernel_size: 3, strides: [1, 2]}',
    `    expect: ${stepExpect}`,
    `expect: ${modelExpect}`,
    '',
  ].join('\n');

const STEP_WRONG = SETTING_B('{params: 2000}', '{params: 2632}');
const MODEL_WRONG = SETTING_B('{params: 2312}', '{params: 2600, output_shape: [60, 15, 9]}');

describe('a failed step expect:', () => {
  it('summary prints the whole table with the row marked, then the diagnostic naming the step; exit 1', async () => {
    const run = await runCli(['summary', '-'], { stdin: STEP_WRONG });
    expect(run.code).toBe(1);
    const row = run.stdout.split('\n').find((l) => l.startsWith('conv2d_1 '));
    expect(row).toContain('2,312');
    expect(row).toMatch(/✗ expected params 2,000, got 2,312$/);
    expect(run.stdout).toContain('Total params: 2,632');
    expect(run.stderr).toContain("<stdin>:5:22: error[expect]: expected params 2,000, but step 'conv2d_1' has 2,312");
    expect(run.stderr).not.toContain('the network has');
  });

  it('summary --format json carries the failures; the table formats keep their shape', async () => {
    const run = await runCli(['summary', '-', '--format', 'json'], { stdin: STEP_WRONG });
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as { total_params: number; expect_failures: unknown[] };
    expect(json.total_params).toBe(2632);
    expect(json.expect_failures).toEqual([{ step: 'conv2d_1', figure: 'params', expected: '2,000', actual: '2,312' }]);
    const md = await runCli(['summary', '-', '--format', 'markdown'], { stdin: STEP_WRONG });
    expect(md.stdout).toMatch(/\| conv2d_1 \(Conv2D\) .*✗ expected params 2,000, got 2,312 \|/);
  });

  it('explain prints every formula and marks the step', async () => {
    const run = await runCli(['explain', '-'], { stdin: STEP_WRONG });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/conv2d_1 \(Conv2D\)[^]*✗ expected params 2,000, got 2,312[^]*Totals/);
    expect(run.stderr).toContain("but step 'conv2d_1' has 2,312");
  });

  it('diagram still writes the diagram, then reports; exit 1', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'netspec-expect-')), 'b.svg');
    const run = await runCli(['diagram', '-', '-o', out], { stdin: STEP_WRONG });
    expect(run.code).toBe(1);
    expect(existsSync(out)).toBe(true);
    expect(run.stderr).toContain("but step 'conv2d_1' has 2,312");
  });
});

describe('a failed model expect:', () => {
  it('marks the totals line and the output row, and says "the network has"', async () => {
    const run = await runCli(['summary', '-'], { stdin: MODEL_WRONG });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^Total params: 2,632 \(.*\) +✗ expected params 2,600, got 2,632$/m);
    expect(run.stdout).toMatch(/^conv2d_1 .*✗ expected output shape \(60, 15, 9\), got \(60, 15, 8\)$/m);
    expect(run.stderr).toContain('expected params 2,600, but the network has 2,632');
    expect(run.stderr).toContain('2 errors');
  });

  it('check still prints only the diagnostics and exits 1', async () => {
    const run = await runCli(['check', '-'], { stdin: MODEL_WRONG });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
  });
});

describe('a failed expect: on a block step', () => {
  const spec = [
    'input: [32, 32, 3]',
    'blocks:',
    '  pair:',
    '    layers: [conv2d: {filters: 4, kernel_size: 3}, relu]',
    'layers:',
    '  - pair: {}',
    '    name: stem',
    '    expect: {params: 100}',
    '  - flatten',
    '',
  ].join('\n');

  it('names the block instance and marks its collapsed row at --depth 0', async () => {
    const run = await runCli(['summary', '-', '--depth', '0'], { stdin: spec });
    expect(run.code).toBe(1);
    // Conv2D 3×3, 3 → 4 channels: (3·3·3 + 1)·4 = 112 parameters.
    expect(run.stdout).toMatch(/^stem \(pair, collapsed\) .*✗ expected params 100, got 112$/m);
    expect(run.stderr).toContain("but step 'stem' has 112");
  });
});
