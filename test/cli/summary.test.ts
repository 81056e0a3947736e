import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('netspec summary', () => {
  it('answers the lecture Setting A from a call string (issue "done when")', async () => {
    const r = await runCli(['summary', "Conv2D(filters=4, kernel_size=(9, 9), strides=(1, 2), padding='valid')", '--input', '128,128,1']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(None, 120, 60, 4)');
    expect(r.stdout).toMatch(/Total params: 328\b/);
  });

  it('prints the stable JSON interface for Setting B', async () => {
    const r = await runCli(['summary', 'examples/lecture/setting-b.yaml', '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.name).toBe('setting-b');
    expect(json.inputs).toEqual([{ name: 'input_layer', shape: [null, 64, 64, 1] }]);
    expect(json.outputs[0].shape).toEqual([null, 60, 15, 8]);
    expect(json.layers.map((l: { name: string; output_shape: unknown; params: number }) => [l.name, l.output_shape, l.params])).toEqual([
      ['input_layer', [null, 64, 64, 1], 0],
      ['conv2d', [null, 62, 31, 32], 320],
      ['conv2d_1', [null, 60, 15, 8], 2312],
    ]);
    expect([json.total_params, json.trainable_params, json.non_trainable_params]).toEqual([2632, 2632, 0]);
  });

  it.each(['markdown', 'csv', 'table'])('renders %s', async (format) => {
    const r = await runCli(['summary', 'examples/lecture/setting-b.yaml', '--format', format]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(format === 'csv' ? '2312' : '2,312');
  });

  it('reads a spec from stdin', async () => {
    const r = await runCli(['summary', '-', '--format', 'json'], { stdin: 'input: [28, 28, 1]\nlayers:\n  - flatten\n  - Dense(10)\n' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).total_params).toBe(7850);
  });

  it('overrides params with --set (expect: figures then describe another network and are skipped)', async () => {
    const r = await runCli(['summary', 'examples/lecture/fully-connected.yaml', '--set', 'hidden=10', '--format', 'json']);
    expect(r.code).toBe(0);
    // 128·128·10 + 10, then 10·1 + 1
    expect(JSON.parse(r.stdout).total_params).toBe(163861);
    expect(r.stderr).toContain('expect: figures were not checked');
  });

  it('exits 1 on a failed expect: figure', async () => {
    const r = await runCli(['check', 'test/fixtures/bad-specs/expect-mismatch.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('expected params 330, but the network has 328');
  });
});

describe('usage errors exit 2', () => {
  it.each([
    [['summary']],
    [['summary', 'examples/lecture/setting-b.yaml', '--format', 'xml']],
    [['summary', 'nope.yaml']],
    [['summary', 'Conv2D(4, 3)']],
    [['frobnicate']],
    [['summary', 'examples/lecture/setting-b.yaml', '--bogus']],
    [['summary', 'Conv2D(4, 3)', '--input', '12,abc']],
  ])('%j', async (args) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
