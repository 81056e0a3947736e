import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError, type CliIO } from '../../src/cli/command.js';
import { command } from '../../src/cli/commands/diagram.js';

function io(cwd: string): CliIO & { err: string[] } {
  const err: string[] = [];
  return { stdout: () => {}, stderr: (t) => err.push(t), isTTY: false, cwd, readStdin: async () => '', err };
}

const SPEC = join(process.cwd(), 'test/render/specs/unet-mini.yaml');
const run = (cwd: string, values: Record<string, string | boolean>) => command.run(values, [SPEC], io(cwd));

describe('netspec diagram', () => {
  it('writes an SVG and a PNG', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netspec-diagram-'));
    expect(await run(dir, { output: 'u.svg', view: 'stack', theme: 'light' })).toBe(0);
    expect(readFileSync(join(dir, 'u.svg'), 'utf8')).toMatch(/^<svg [^>]*viewBox/);
    expect(await run(dir, { output: 'u.png', view: 'graph', theme: 'dark', width: '800' })).toBe(0);
    const png = readFileSync(join(dir, 'u.png'));
    expect(png.readUInt32BE(16)).toBe(800);
  });

  it('refuses to overwrite without --force, and overwrites with it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netspec-diagram-'));
    writeFileSync(join(dir, 'keep.svg'), 'mine');
    await expect(run(dir, { output: 'keep.svg', view: 'graph', theme: 'light' })).rejects.toThrow(/--force/);
    expect(readFileSync(join(dir, 'keep.svg'), 'utf8')).toBe('mine');
    expect(await run(dir, { output: 'keep.svg', view: 'graph', theme: 'light', force: true })).toBe(0);
    expect(readFileSync(join(dir, 'keep.svg'), 'utf8')).toMatch(/^<svg /);
  });

  it.each([
    [{ view: 'graph', theme: 'light' }, /missing the output file/],
    [{ output: 'x.jpg', view: 'graph', theme: 'light' }, /\.svg, \.png or \.pdf/],
    [{ output: 'x.svg', view: 'graph', theme: 'light', fit: '3:2' }, /--fit must be one of 16:9, 4:3, none/],
    [{ output: 'x.svg', view: 'tree', theme: 'light' }, /--view must be one of graph, stack/],
    [{ output: 'x.svg', view: 'graph', theme: 'light', direction: 'RL' }, /--direction must be one of TB, LR/],
    [{ output: 'x.svg', view: 'graph', theme: 'blue' }, /--theme/],
    [{ output: 'x.svg', view: 'graph', theme: 'light', depth: '-1' }, /--depth expects a whole number/],
    [{ output: 'x.svg', view: 'graph', theme: 'light', depth: '1.5' }, /--depth expects a whole number/],
    [{ output: 'x.png', view: 'graph', theme: 'light', scale: '-1' }, /--scale/],
    [{ output: 'x.png', view: 'graph', theme: 'light', width: 'wide' }, /--width/],
    [{ output: 'x.png', view: 'graph', theme: 'light', scale: '1e-9' }, /--scale 1e-9 makes a .*-px image; a PNG needs at least 1 px/],
  ] as const)('usage error for %o', async (values, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'netspec-diagram-'));
    const attempt = run(dir, values as Record<string, string>);
    await expect(attempt).rejects.toBeInstanceOf(UsageError);
    await expect(attempt).rejects.toThrow(message);
    expect(existsSync(join(dir, 'x.svg'))).toBe(false);
  });

  it('prints diagnostics and exits 1 for an invalid spec, writing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netspec-diagram-'));
    const bad = join(process.cwd(), 'test/fixtures/bad-specs/unknown-kind.yaml');
    const out = io(dir);
    expect(await command.run({ output: 'x.svg', view: 'graph', theme: 'light' }, [bad], out)).toBe(1);
    expect(out.err.join('')).toMatch(/unknown/i);
    expect(existsSync(join(dir, 'x.svg'))).toBe(false);
  });
});
