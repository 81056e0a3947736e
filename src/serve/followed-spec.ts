// The spec file given to `netspec serve`: read once per change (asynchronously, size-capped), kept
// as the JSON the page receives, and pushed to every open page when its content or a base's
// content changes. A touch or a save of identical bytes pushes nothing: content is compared, not
// times. Saving writes only this file, atomically, and only over the version the page started from.
import { writeFileAtomic } from './atomic-write.js';
import { MAX_SPEC_BYTES } from './limits.js';
import { PathWatcher } from './path-watcher.js';
import type { SaveReply, SpecPayload } from './protocol.js';
import { readSpecChain, versionOf, type ChainRead } from './spec-chain.js';
import { formatBytes } from '../format/format.js';
import { readCappedText, RefusedFile } from './spec-files.js';

export class FollowedSpec {
  /** How many times the file was read (tests check it is once per change, not per request). */
  loads = 0;
  /** The number of the read whose result is the current payload. */
  private applied = 0;
  private payload!: SpecPayload;
  private json = '';
  private readonly watcher = new PathWatcher(() => void this.reload());
  private reloading: Promise<void> | undefined;
  private reloadAgain = false;
  private saving: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    readonly path: string,
    private readonly token: string,
    private readonly onChange: (json: string) => void,
    private readonly read: (path: string) => Promise<ChainRead> = readSpecChain,
  ) {}

  async start(): Promise<void> {
    await this.load();
  }

  /** The payload as JSON, ready to send. */
  current(): string {
    return this.json;
  }

  /** Reads run concurrently (a save's and a watcher's); only a read newer than the one applied lands. */
  private async load(): Promise<boolean> {
    const read = ++this.loads;
    const { payload, watched } = await this.read(this.path);
    if (this.closed || read < this.applied) return false;
    this.applied = read;
    this.watcher.set(watched);
    const json = JSON.stringify({ ...payload, token: this.token });
    const changed = json !== this.json;
    this.payload = payload;
    this.json = json;
    return changed;
  }

  /** Re-reads now (as a file-system event does). */
  refresh(): Promise<void> {
    return this.reload();
  }

  /** Re-reads after a file-system event; one read at a time, and one more if events came meanwhile. */
  private reload(): Promise<void> {
    if (this.reloading) {
      this.reloadAgain = true;
      return this.reloading;
    }
    this.reloading = (async () => {
      do {
        this.reloadAgain = false;
        if (await this.load()) this.onChange(this.json);
      } while (this.reloadAgain && !this.closed);
    })().finally(() => (this.reloading = undefined));
    return this.reloading;
  }

  /**
   * Writes `text` over the followed file if what is on disk is still `base` (the version the page
   * loaded or last saved); otherwise replies with the conflict and what is on disk now. A file
   * that is gone is written again; one that cannot be read (too large, not regular) is left alone.
   */
  save(text: string, base: string): Promise<SaveReply> {
    const run = this.saving.then(() => this.saveNow(text, base));
    this.saving = run.catch(() => undefined);
    return run;
  }

  private async saveNow(text: string, base: string): Promise<SaveReply> {
    if (Buffer.byteLength(text) > MAX_SPEC_BYTES)
      return { ok: false, message: `the text is ${formatBytes(Buffer.byteLength(text))}; the playground saves up to ${formatBytes(MAX_SPEC_BYTES)}` };
    try {
      const onDisk = await readCappedText(this.path, this.payload.name);
      if (versionOf(onDisk) !== base) {
        if (await this.load()) this.onChange(this.json);
        return { ok: false, message: `${this.payload.name} changed on disk since the page loaded it`, conflict: { ...this.payload, token: this.token } };
      }
    } catch (err) {
      if (!(err instanceof RefusedFile && err.missing)) return { ok: false, message: `not saved: ${(err as Error).message}` };
    }
    try {
      await writeFileAtomic(this.path, text);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return { ok: false, message: `not saved: cannot write ${this.payload.name} (${code ?? (err as Error).message})` };
    }
    if (await this.load()) this.onChange(this.json);
    return { ok: true, version: versionOf(text) };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watcher.close();
    await this.saving;
  }
}
