import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/command.js';
import { progress } from '../../src/cli/progress.js';

function fakeIO(isTTY: boolean): CliIO & { err: string } {
  const io = { err: '', isTTY, cwd: '/', stdout: () => {}, stderr: (t: string) => void (io.err += t), readStdin: async () => '' };
  return io;
}

describe('progress', () => {
  it('stays quiet when output is not a terminal', () => {
    const io = fakeIO(false);
    let now = 0;
    const bar = progress(io, 'building', undefined, () => now);
    now = 5000;
    bar.update(1, 2);
    bar.finish();
    expect(io.err).toBe('');
  });

  it('shows nothing for work under a second, then one rewritten line, cleared at the end', () => {
    const io = fakeIO(true);
    let now = 0;
    const bar = progress(io, 'building', undefined, () => now);
    now = 500;
    bar.update(1, 10);
    expect(io.err).toBe('');
    now = 1200;
    bar.update(5, 10);
    now = 1250;
    bar.update(6, 10); // throttled
    now = 1400;
    bar.update(10, 10);
    bar.finish();
    expect(io.err).toBe('\rbuilding 5/10\x1b[K\rbuilding 10/10\x1b[K\r\x1b[K');
  });
});
