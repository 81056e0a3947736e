// Progress for work that may take more than a second (building or saving a large model): one
// rewritten line on stderr, only on a terminal, only once the work has run for a second.
import type { CliIO } from './command.js';

export interface Progress {
  update(done: number, total: number): void;
  finish(): void;
}

const QUIET: Progress = { update() {}, finish() {} };

export function progress(
  io: CliIO,
  label: string,
  format: (done: number, total: number) => string = (d, t) => `${d}/${t}`,
  now: () => number = Date.now,
): Progress {
  if (!io.isTTY) return QUIET;
  const start = now();
  let shown = false;
  let last = 0;
  return {
    update(done, total) {
      const t = now();
      if (t - start < 1000 || (t - last < 100 && done < total)) return;
      last = t;
      shown = true;
      io.stderr(`\r${label} ${format(done, total)}\x1b[K`);
    },
    finish() {
      if (shown) io.stderr('\r\x1b[K');
    },
  };
}
