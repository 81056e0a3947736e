// Usage mistakes on the command line get a line saying what to write instead.
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('command-line mistakes', () => {
  it('an unknown command suggests the closest one (exit 2)', async () => {
    const run = await runCli(['sumary', 'examples/lecture/setting-b.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^netspec: unknown command 'sumary' — did you mean 'summary'\?/);
  });

  it('an unknown option suggests the closest one, in one line', async () => {
    const run = await runCli(['summary', 'examples/lecture/setting-b.yaml', '--dpeth', '1']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe("netspec summary: unknown option '--dpeth' — did you mean '--depth'?");
  });

  it('explain --layer with an unknown name lists the layers and suggests one (exit 1)', async () => {
    const run = await runCli(['explain', 'examples/lecture/setting-b.yaml', '--layer', 'conv2d_2']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("no layer named 'conv2d_2'");
    expect(run.stderr).toContain("did you mean 'conv2d_1'? --layer takes a name from the summary: input_layer, conv2d, conv2d_1");
  });
});
