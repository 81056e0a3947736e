// The bar shown when the file changed on disk while the editor has unsaved edits: keep mine, load
// theirs, or show a line diff (disk → editor). All text goes in as text nodes.
import { lineDiff } from './line-diff.js';

export interface ConflictChoices {
  keepMine(): void;
  loadTheirs(): void;
  /** The two texts to compare, read when the diff is opened. */
  texts(): { theirs: string; mine: string };
}

export class ConflictBar {
  private readonly message: HTMLElement;

  constructor(
    private readonly bar: HTMLElement,
    private readonly diff: HTMLElement,
    choices: ConflictChoices,
  ) {
    this.message = bar.querySelector('.message')!;
    bar.querySelector('[data-choice="mine"]')!.addEventListener('click', () => choices.keepMine());
    bar.querySelector('[data-choice="theirs"]')!.addEventListener('click', () => choices.loadTheirs());
    bar.querySelector('[data-choice="diff"]')!.addEventListener('click', () => {
      if (diff.hidden) this.showDiff(choices.texts());
      else diff.hidden = true;
    });
  }

  show(name: string): void {
    this.message.textContent = `${name} changed on disk while you have unsaved edits.`;
    this.bar.hidden = false;
    if (!this.diff.hidden) this.diff.hidden = true;
  }

  hide(): void {
    this.bar.hidden = true;
    this.diff.hidden = true;
  }

  /** Draws attention to the bar (a save was tried before choosing). */
  flash(): void {
    this.bar.classList.remove('flash');
    void this.bar.offsetWidth;
    this.bar.classList.add('flash');
  }

  private showDiff({ theirs, mine }: { theirs: string; mine: string }): void {
    const title = document.createElement('div');
    title.className = 'diff-title';
    title.textContent = '− on disk (theirs)   + in the editor (mine)';
    const pre = document.createElement('pre');
    for (const line of lineDiff(theirs, mine)) {
      const row = document.createElement('div');
      row.className = `diff-${line.kind}`;
      row.textContent = `${line.kind === 'removed' ? '−' : line.kind === 'added' ? '+' : ' '} ${line.text}`;
      pre.append(row);
    }
    this.diff.replaceChildren(title, pre);
    this.diff.hidden = false;
  }
}
