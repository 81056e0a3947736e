// Watches a changing set of files: fs.watch on their folders for quick notice, and a stat poll of
// each path as a backstop for what fs.watch misses (a folder deleted and recreated, network file
// systems). Calls `onChange` once a burst of events settles; whether anything really changed is
// for the caller to decide (it compares content, not times).
import { unwatchFile, watch, watchFile, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { POLL_MS, SETTLE_MS } from './limits.js';

export class PathWatcher {
  private polled = new Set<string>();
  private folders = new Map<string, FSWatcher>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly poke = (): void => this.schedule();

  constructor(private readonly onChange: () => void) {}

  /** Watches exactly `paths` from now on (re-arming folder watchers that died with their folder). */
  set(paths: string[]): void {
    if (this.closed) return;
    const wanted = new Set(paths);
    for (const path of this.polled) if (!wanted.has(path)) unwatchFile(path, this.poke);
    for (const path of wanted) if (!this.polled.has(path)) watchFile(path, { interval: POLL_MS, persistent: false }, this.poke);
    this.polled = wanted;
    const names = new Map<string, Set<string>>();
    for (const path of wanted) names.set(dirname(path), (names.get(dirname(path)) ?? new Set()).add(basename(path)));
    for (const [folder, watcher] of this.folders) {
      watcher.close();
      this.folders.delete(folder);
    }
    for (const [folder, files] of names) {
      try {
        const watcher = watch(folder, { persistent: false }, (_event, name) => {
          if (name === null || files.has(String(name))) this.schedule();
        });
        watcher.on('error', () => {
          watcher.close();
          this.folders.delete(folder);
          this.schedule();
        });
        this.folders.set(folder, watcher);
      } catch {
        // the folder is not there (now): the stat poll notices when it comes back
      }
    }
  }

  private schedule(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(this.onChange, SETTLE_MS);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    for (const path of this.polled) unwatchFile(path, this.poke);
    for (const watcher of this.folders.values()) watcher.close();
    this.polled.clear();
    this.folders.clear();
  }
}
