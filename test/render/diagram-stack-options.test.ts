// `netspec diagram`'s stack-view options from the command line: --block, --show and --layout, and
// their usage errors (exit 2 through UsageError, with the choices or a did-you-mean).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError, type CliIO } from '../../src/cli/command.js';
import { command } from '../../src/cli/commands/diagram.js';

function io(cwd: string): CliIO {
  return { stdout: () => {}, stderr: () => {}, isTTY: false, cwd, readStdin: async () => '' };
}

const spec = (name: string) => join(process.cwd(), name);
const run = (dir: string, file: string, values: Record<string, string | boolean>) =>
  command.run({ theme: 'light', view: 'stack', ...values }, [spec(file)], io(dir));

describe('netspec diagram --block / --show / --layout', () => {
  it('--block draws one block alone; --show chooses the text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netspec-stack-'));
    expect(await run(dir, 'specs/resnet50.yaml', { output: 'b.svg', block: 'conv2.block1', show: 'shape,params' })).toBe(0);
    const svg = readFileSync(join(dir, 'b.svg'), 'utf8');
    expect(svg).toContain('resnet50 · conv2.block1');
    // conv2_block1_1_conv in Keras: 64·64 + 64 = 4,160 parameters.
    expect(svg).toContain('4,160 params');
    expect(svg).not.toContain('· relu');
  });

  it('--layout line draws U-Net on one line, the default as a U', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netspec-stack-'));
    expect(await run(dir, 'test/render/specs/unet-mini.yaml', { output: 'line.svg', layout: 'line' })).toBe(0);
    expect(await run(dir, 'test/render/specs/unet-mini.yaml', { output: 'u.svg' })).toBe(0);
    const rows = (file: string) =>
      new Set([...readFileSync(join(dir, file), 'utf8').matchAll(/class="link edge"><path[^>]* d="M[\d.]+,([\d.]+)L[\d.]+,\1"/g)].map((m) => m[1])).size;
    expect(rows('line.svg')).toBe(1);
    expect(rows('u.svg')).toBeGreaterThan(1);
  });

  it.each([
    [{ block: 'mixed_0' }, 'specs/inception_v3.yaml', /no block of that name; did you mean 'mixed0'\?[\s\S]*blocks: .*mixed0, mixed1/],
    [{ show: 'shape,flops' }, 'specs/lenet5.yaml', /--show: unknown field 'flops'; choose from shape, params, activation, macs/],
    [{ layout: 'spiral' }, 'specs/lenet5.yaml', /--layout must be one of auto, u, line, wrap/],
  ])('%o: a usage error', async (values, file, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'netspec-stack-'));
    const attempt = run(dir, file, { output: 'x.svg', ...values });
    await expect(attempt).rejects.toThrow(UsageError);
    await expect(attempt).rejects.toThrow(message);
  });
});
