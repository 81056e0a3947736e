// What a new version of the followed file may do to the page's text: the decision table behind
// "unsaved edits are never replaced" (the browser tests check the same end to end).
import { describe, expect, test } from 'vitest';
import type { SpecPayload } from '../../../src/serve/protocol.js';
import { ServedDocument } from '../../../src/serve/web/served-document.js';

const disk = (text: string, version = `v-${text}`): SpecPayload => ({ name: 'model.yaml', file: '/served/model.yaml', text, related: {}, version });

function documentWith(initial: string): { doc: ServedDocument; buffer: { text: string } } {
  const buffer = { text: '' };
  const doc = new ServedDocument({ get: () => buffer.text, set: (t) => (buffer.text = t) });
  doc.receive(disk(initial));
  return { doc, buffer };
}

describe('a version arriving from disk', () => {
  test.each([
    // [edit in the buffer?, what arrives, outcome, buffer after, conflict?]
    ['clean', 'same version (reconnect, touch)', 'A', 'unchanged', 'A', false],
    ['clean', 'new version', 'B', 'loaded', 'B', false],
    ['edited', 'same version (reconnect, touch)', 'A', 'unchanged', 'A+mine', false],
    ['edited', 'new version', 'B', 'conflict', 'A+mine', true],
    ['edited', 'new version equal to the edit', 'A+mine', 'unchanged', 'A+mine', false],
  ] as const)('%s buffer, %s → %s', (state, _, incoming, outcome, after, conflict) => {
    const { doc, buffer } = documentWith('A');
    if (state === 'edited') buffer.text = 'A+mine';
    expect(doc.receive(disk(incoming))).toBe(outcome);
    expect(buffer.text).toBe(after);
    expect(doc.pending !== undefined).toBe(conflict);
  });

  test('an unreadable file (deleted, too large) changes nothing but says why', () => {
    const { doc, buffer } = documentWith('A');
    buffer.text = 'A+mine';
    expect(doc.receive({ ...disk(''), version: undefined, error: 'model.yaml is not there (deleted or renamed?)' })).toBe('unreadable');
    expect(buffer.text).toBe('A+mine');
    expect(doc.diskError).toMatch(/not there/);
    expect(doc.base?.text).toBe('A');
  });

  test('the echo of our own save is not a conflict, even with typing since', () => {
    const { doc, buffer } = documentWith('A');
    buffer.text = 'A+saved';
    doc.saving = 'A+saved';
    buffer.text = 'A+saved+more';
    expect(doc.receive(disk('A+saved'))).toBe('unchanged');
    expect(doc.base?.text).toBe('A+saved');
    expect(doc.dirty).toBe(true);
    expect(doc.pending).toBeUndefined();
  });

  test('a conflict that goes away on disk (back to the base) clears itself', () => {
    const { doc, buffer } = documentWith('A');
    buffer.text = 'A+mine';
    doc.receive(disk('B'));
    expect(doc.receive(disk('A'))).toBe('unchanged');
    expect(doc.pending).toBeUndefined();
    expect(buffer.text).toBe('A+mine');
  });
});

describe('resolving a conflict', () => {
  function inConflict() {
    const made = documentWith('A');
    made.buffer.text = 'A+mine';
    made.doc.receive(disk('B'));
    return made;
  }

  test('keep mine: the buffer stays and is now based on their version (the next save overwrites it)', () => {
    const { doc, buffer } = inConflict();
    doc.keepMine();
    expect(buffer.text).toBe('A+mine');
    expect(doc.base).toEqual({ text: 'B', version: 'v-B' });
    expect(doc.dirty).toBe(true);
    expect(doc.pending).toBeUndefined();
  });

  test('load theirs: their text replaces the buffer', () => {
    const { doc, buffer } = inConflict();
    doc.loadTheirs();
    expect(buffer.text).toBe('B');
    expect(doc.dirty).toBe(false);
    expect(doc.pending).toBeUndefined();
  });
});
