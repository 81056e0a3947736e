// The followed file as the page holds it: the text on disk the editor's text is based on, and a
// version of the file on disk that came in while there were unsaved edits (a conflict). The rule:
// unsaved edits are never replaced without the user's word. A reconnect, a touch or a save of the
// same bytes brings the same version and changes nothing; a new version replaces the text only
// when there is nothing unsaved. No DOM here: main.ts shows what this decides.
import type { SpecPayload } from '../protocol.js';

/** Where the text lives: the editor while the file is shown, a stash while a gallery spec is. */
export interface TextBuffer {
  get(): string;
  set(text: string): void;
}

export interface DiskVersion {
  text: string;
  version: string;
}

export type Received = 'loaded' | 'unchanged' | 'conflict' | 'unreadable';

export class ServedDocument {
  /** The disk text the buffer is based on (undefined until the file was read once). */
  base: DiskVersion | undefined;
  /** A version on disk that arrived while the buffer had unsaved edits. */
  pending: SpecPayload | undefined;
  /** Why the file could not be read the last time (deleted, too large, …). */
  diskError: string | undefined;
  /** The text of a save under way: its own echo from the server is not a conflict. */
  saving: string | undefined;

  constructor(public buffer: TextBuffer) {}

  get dirty(): boolean {
    return this.buffer.get() !== (this.base?.text ?? '');
  }

  receive(spec: SpecPayload): Received {
    if (spec.error !== undefined || spec.version === undefined) {
      this.diskError = spec.error ?? 'the file could not be read';
      return 'unreadable';
    }
    this.diskError = undefined;
    const disk = { text: spec.text, version: spec.version };
    if (this.base?.version === disk.version) {
      this.pending = undefined; // the file went back to what the buffer is based on
      return 'unchanged';
    }
    const text = this.buffer.get();
    if (!this.dirty) {
      this.buffer.set(disk.text);
      return this.settle(disk);
    }
    if (text === disk.text || disk.text === this.saving) return this.settle(disk, 'unchanged');
    this.pending = spec;
    return 'conflict';
  }

  /** Conflict resolved for the buffer: it stays, and the next save replaces the disk's version. */
  keepMine(): void {
    if (!this.pending) return;
    this.base = { text: this.pending.text, version: this.pending.version! };
    this.pending = undefined;
  }

  /** Conflict resolved for the disk: its text replaces the buffer. */
  loadTheirs(): void {
    if (!this.pending) return;
    this.buffer.set(this.pending.text);
    this.settle({ text: this.pending.text, version: this.pending.version! });
  }

  saved(text: string, version: string): void {
    this.base = { text, version };
  }

  private settle(disk: DiskVersion, outcome: Received = 'loaded'): Received {
    this.base = disk;
    this.pending = undefined;
    return outcome;
  }
}
