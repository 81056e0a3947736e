// The file `netspec serve` follows, as the page holds it: its text (in the editor while it is
// shown, in a stash while a gallery spec is), the versions the server pushes (ServedDocument
// decides what they may replace), saving (queued, over the version the text is based on), the
// conflict bar, and the marks that say whether there are unsaved edits.
import type { SpecPayload } from '../protocol.js';
import { ConflictBar } from './conflict-bar.js';
import type { SpecEditor } from './editor.js';
import { ServedDocument } from './served-document.js';
import { followServedSpec, saveServedSpec } from './sources.js';

export interface FollowedFileHost {
  editor: SpecEditor;
  setStatus(text: string, error?: boolean): void;
  /** The files the analysis reads for this text: its page path, its `extends` chain, refusals. */
  useFiles(file: string, related: Record<string, string>, refused: Record<string, string>): void;
  /** New text: fit the diagram to it. */
  fitNext(): void;
  /** Analyse again: a base of the `extends` chain changed, the text did not. */
  reanalyse(): void;
}

export interface FollowedFileElements {
  save: HTMLButtonElement;
  follow: HTMLElement;
  conflict: HTMLElement;
  diff: HTMLElement;
}

export class FollowedFile {
  /** The editor shows this file (not a gallery spec). */
  showing = true;
  private file: string;
  private related: Record<string, string> = {};
  private refused: Record<string, string> = {};
  private token = '';
  private connected = false;
  private stash = '';
  private saves: Promise<void> = Promise.resolve();
  private readonly doc: ServedDocument;
  private readonly conflictBar: ConflictBar;

  constructor(
    readonly name: string,
    private readonly host: FollowedFileHost,
    private readonly elements: FollowedFileElements,
  ) {
    this.file = `/served/${name}`;
    this.doc = new ServedDocument({
      get: () => (this.showing ? host.editor.text : this.stash),
      set: (text) => {
        if (this.showing) host.editor.setText(text);
        else this.stash = text;
      },
    });
    this.conflictBar = new ConflictBar(elements.conflict, elements.diff, {
      keepMine: () => {
        this.doc.keepMine();
        this.refresh();
        host.setStatus('kept your text; Save writes it over the file on disk');
      },
      loadTheirs: () => {
        this.doc.loadTheirs();
        host.fitNext();
        this.refresh();
        host.setStatus('loaded the file from disk');
      },
      texts: () => ({ theirs: this.doc.pending?.text ?? '', mine: this.doc.buffer.get() }),
    });
  }

  get dirty(): boolean {
    return this.doc.dirty;
  }

  start(): void {
    this.elements.save.hidden = false;
    followServedSpec(
      (spec) => this.receive(spec),
      (connected) => {
        this.connected = connected;
        this.refresh();
      },
    );
  }

  private receive(spec: SpecPayload): void {
    if (spec.token) this.token = spec.token;
    const chainChanged =
      !spec.error && (JSON.stringify(spec.related) !== JSON.stringify(this.related) || JSON.stringify(spec.refused ?? {}) !== JSON.stringify(this.refused));
    if (!spec.error) Object.assign(this, { file: spec.file, related: spec.related, refused: spec.refused ?? {} });
    if (this.showing) this.host.useFiles(this.file, this.related, this.refused);
    const outcome = this.doc.receive(spec);
    if (outcome === 'loaded') this.host.fitNext();
    if (outcome !== 'loaded' && chainChanged && this.showing) this.host.reanalyse();
    if (outcome === 'unreadable') this.host.setStatus(this.doc.diskError!, true);
    this.refresh();
  }

  /** Puts the file's text (unsaved edits included) back in the editor. */
  show(): void {
    if (this.showing) return;
    this.showing = true;
    this.host.useFiles(this.file, this.related, this.refused);
    this.host.fitNext();
    this.host.editor.setText(this.stash);
    this.refresh();
  }

  /** A gallery spec takes the editor: the file's text waits in the stash, still following the disk. */
  hide(): void {
    if (this.showing) this.stash = this.host.editor.text;
    this.showing = false;
    this.refresh();
  }

  /** Saves one after another: a second Ctrl+S during a save goes out over the first one's version. */
  save(): void {
    this.saves = this.saves.then(() => this.saveNow()).catch((err: Error) => this.host.setStatus(`not saved: ${err.message}`, true));
  }

  private async saveNow(): Promise<void> {
    if (!this.showing) return this.host.setStatus('gallery specs are read-only; pick the file on disk to save it', true);
    if (this.doc.pending) {
      this.conflictBar.flash();
      return this.host.setStatus(`${this.name} changed on disk: keep yours or load theirs first`, true);
    }
    const text = this.doc.buffer.get();
    this.doc.saving = text;
    this.host.setStatus(`saving ${this.name}…`);
    const reply = await saveServedSpec(text, this.doc.base?.version ?? '', this.token);
    this.doc.saving = undefined;
    if (reply.ok) {
      this.doc.saved(text, reply.version);
      this.host.setStatus(`saved ${this.name}`);
    } else {
      if (reply.conflict) this.doc.receive(reply.conflict);
      this.host.setStatus(reply.message, true);
    }
    this.refresh();
  }

  /** The unsaved-edits mark, the Save button, the follow indicator and the conflict bar. */
  refresh(): void {
    const dirty = this.doc.dirty;
    document.body.dataset.dirty = String(dirty);
    const { save, follow } = this.elements;
    save.classList.toggle('dirty', dirty);
    save.disabled = !this.showing;
    save.title = this.showing ? `Write ${this.name} on disk (Ctrl+S)` : 'Gallery specs are read-only; pick the file on disk to save it';
    follow.hidden = false;
    follow.textContent = `${this.connected ? '●' : '○'} ${this.name}${dirty ? ' — unsaved edits' : ''}${this.connected ? '' : ' — reconnecting…'}`;
    follow.classList.toggle('dirty', dirty);
    if (this.doc.pending && this.showing) this.conflictBar.show(this.name);
    else this.conflictBar.hide();
  }
}
