// Coalesces edits into update passes and times each one from the edit that started it: analysis,
// table (diagnostics, totals, rows) and diagram, as the e2e test reads them.

export interface UpdateTiming {
  version: number;
  /** Milliseconds from the edit to each phase's end. */
  analysed: number;
  table: number;
  total: number;
}

type Pass = (mark: (phase: 'analysed' | 'table') => void) => Promise<void>;

export class UpdateTimer {
  private version = 0;
  private pendingSince: number | undefined;
  private running = false;

  constructor(private readonly report: (timing: UpdateTiming) => void) {}

  /** No edit waiting and no pass running. */
  get idle(): boolean {
    return !this.running && this.pendingSince === undefined;
  }

  /** An edit happened; runs `pass` as soon as the previous one has finished, once for all edits since. */
  edited(pass: Pass): void {
    this.pendingSince ??= performance.now();
    if (!this.running) setTimeout(() => void this.run(pass), 0);
  }

  private async run(pass: Pass): Promise<void> {
    if (this.running || this.pendingSince === undefined) return;
    this.running = true;
    const since = this.pendingSince;
    this.pendingSince = undefined;
    const version = ++this.version;
    const marks = { analysed: 0, table: 0 };
    try {
      await pass((phase) => (marks[phase] = performance.now() - since));
      this.report({ version, ...marks, total: performance.now() - since });
    } catch (err) {
      console.error(err);
    } finally {
      this.running = false;
      if (this.pendingSince !== undefined) void this.run(pass);
    }
  }
}
