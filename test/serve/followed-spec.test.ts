// FollowedSpec's reads race (a watcher's read and a save's): a read that started before a save
// and ends after it must not put the old text back.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { FollowedSpec } from '../../src/serve/followed-spec.js';
import { readSpecChain, versionOf } from '../../src/serve/spec-chain.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('a slow read from before a save does not land after it', async () => {
  dir = mkdtempSync(join(tmpdir(), 'netspec-followed-'));
  const path = join(dir, 'model.yaml');
  writeFileSync(path, 'name: old\n');
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let calls = 0;
  const slowSecondRead = async (p: string) => {
    const n = ++calls;
    const read = await readSpecChain(p);
    if (n === 2) await gate;
    return read;
  };
  const pushed: string[] = [];
  const followed = new FollowedSpec(path, 'token', (json) => pushed.push(JSON.parse(json).text), slowSecondRead);
  await followed.start();
  const watcherRead = followed.refresh(); // read 2: sees 'old', then stalls
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(await followed.save('name: new\n', versionOf('name: old\n'))).toEqual({ ok: true, version: versionOf('name: new\n') });
  release();
  await watcherRead;
  expect(pushed).toEqual(['name: new\n']);
  expect(JSON.parse(followed.current()).text).toBe('name: new\n');
  await followed.close();
});
