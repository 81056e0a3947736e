// The compile output folder: refused when not empty (without --force) or holding files netspec did
// not write (with it), replaced as a whole, and leftovers of interrupted runs cleaned, restored or
// reported. No TensorFlow.js here: the folder logic works on plain files.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOutputFolder, MARKER, writeOutputFolder } from '../../src/compile/output-folder.js';
import { DiagnosticError } from '../../src/diagnostics/diagnostic.js';

const root = mkdtempSync(join(tmpdir(), 'netspec-output-folder-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let counter = 0;
/** A fresh parent folder with the given files (name → content; a trailing `/` makes a folder). */
function parentWith(files: Record<string, string> = {}): string {
  const parent = join(root, `case-${++counter}`);
  mkdirSync(parent);
  for (const [name, content] of Object.entries(files)) {
    if (name.endsWith('/')) mkdirSync(join(parent, name), { recursive: true });
    else {
      mkdirSync(join(parent, name, '..'), { recursive: true });
      writeFileSync(join(parent, name), content);
    }
  }
  return parent;
}

const NEW = [
  { name: 'group1-shard1of1.bin', data: new Uint8Array([1, 2, 3, 4]) },
  { name: 'model.json', data: '{"new": true}' },
];
const marker = (files: string[]) => JSON.stringify({ writtenBy: 'netspec compile', files });
const OLD_MODEL = {
  'out/model.json': '{"old": true}',
  'out/group1-shard1of2.bin': 'old1',
  'out/group1-shard2of2.bin': 'old2',
  [`out/${MARKER}`]: marker(['group1-shard1of2.bin', 'group1-shard2of2.bin', 'model.json']),
};
const legacyJson = (paths: string[]) => JSON.stringify({ convertedBy: 'netspec', modelTopology: {}, weightsManifest: [{ paths, weights: [] }] });

/** Every file under `dir` with its content, for "nothing else was touched" checks. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[join(entry.parentPath, entry.name).slice(dir.length + 1)] = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  }
  return out;
}

async function refusal(promise: Promise<unknown>): Promise<DiagnosticError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DiagnosticError);
  return err as DiagnosticError;
}

describe('compile output folder: what is refused', () => {
  it.each([
    [
      'a non-empty folder without --force, even one netspec wrote',
      OLD_MODEL,
      false,
      'output-not-empty',
      /not empty \(\.netspec-output, group1-shard1of2\.bin, group1-shard2of2\.bin and 1 more\)/,
    ],
    ['a folder with a shard but no model.json, without --force', { 'out/group1-shard1of1.bin': 'x' }, false, 'output-not-empty', /not empty/],
    ['a foreign file beside netspec files, with --force', { ...OLD_MODEL, 'out/notes.txt': 'mine' }, true, 'output-foreign', /did not write \(notes\.txt\)/],
    ['a folder of files without a marker or a netspec model.json', { 'out/group1-shard1of1.bin': 'x' }, true, 'output-foreign', /group1-shard1of1\.bin/],
    [
      'a model.json another tool wrote',
      { 'out/model.json': JSON.stringify({ convertedBy: 'TensorFlow.js Converter', weightsManifest: [{ paths: [], weights: [] }] }) },
      true,
      'output-foreign',
      /model\.json/,
    ],
    ['a sub-folder, even one named like a netspec file', { ...OLD_MODEL, 'out/model.ts/': '' }, true, 'output-foreign', /model\.ts/],
    [
      "an old manifest naming notes.txt and '..' as weights",
      { 'out/model.json': legacyJson(['notes.txt', '..', 'model.json']), 'out/notes.txt': 'mine' },
      true,
      'output-foreign',
      /notes\.txt/,
    ],
    ['a marker naming notes.txt', { [`out/${MARKER}`]: marker(['notes.txt', '../x']), 'out/notes.txt': 'mine' }, true, 'output-foreign', /notes\.txt/],
    ['a file where the folder should be', { out: 'a file' }, true, 'output-not-folder', /not a folder/],
  ] as const)('refuses %s, and touches nothing', async (_, files, force, code, message) => {
    const parent = parentWith(files);
    const before = snapshot(parent);
    const err = await refusal(writeOutputFolder(join(parent, 'out'), NEW, { force }));
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
    expect(err.suggestion).toBeTruthy();
    expect(snapshot(parent)).toEqual(before);
    expect(readdirSync(parent).filter((e) => e.includes('netspec-'))).toEqual([]);
  });

  it.each([
    ['the current folder', () => process.cwd()],
    ['a folder containing the current one', () => join(process.cwd(), '..')],
  ])('refuses %s: it would vanish under the shell', async (_, where) => {
    const err = await refusal(writeOutputFolder(where(), NEW, { force: true }));
    expect(err.code).toBe('output-is-current-folder');
    expect(err.suggestion).toMatch(/-o model/);
  });

  it('checks before the build without writing anything', async () => {
    const parent = parentWith({ 'out/notes.txt': 'mine' });
    expect((await refusal(checkOutputFolder(join(parent, 'out'), { force: true, label: 'out' }))).at?.file).toBe('out');
    expect(await checkOutputFolder(join(parent, 'missing'))).toBe('absent');
  });
});

describe('compile output folder: what is replaced', () => {
  it('writes a new folder with a marker listing exactly its files', async () => {
    const parent = parentWith();
    await writeOutputFolder(join(parent, 'out'), NEW);
    expect(readdirSync(join(parent, 'out')).sort()).toEqual([MARKER, 'group1-shard1of1.bin', 'model.json']);
    expect(JSON.parse(readFileSync(join(parent, 'out', MARKER), 'utf8')).files).toEqual(['group1-shard1of1.bin', 'model.json']);
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it('fills an existing empty folder without --force', async () => {
    const parent = parentWith({ 'out/': '' });
    await writeOutputFolder(join(parent, 'out'), NEW);
    expect(readFileSync(join(parent, 'out', 'model.json'), 'utf8')).toBe('{"new": true}');
  });

  it('replaces its own folder as a whole with --force: no old shard survives, nothing else is touched', async () => {
    const parent = parentWith({ ...OLD_MODEL, 'notes.txt': 'beside the folder' });
    await writeOutputFolder(join(parent, 'out'), NEW, { force: true });
    expect(snapshot(parent)).toEqual({
      'notes.txt': 'beside the folder',
      [`out/${MARKER}`]: marker(['group1-shard1of1.bin', 'model.json']) + '\n',
      'out/group1-shard1of1.bin': '\x01\x02\x03\x04',
      'out/model.json': '{"new": true}',
    });
  });

  it('looks again before the swap: a file dropped into the folder meanwhile stops it, and nothing is left behind', async () => {
    const parent = parentWith(OLD_MODEL);
    const before = snapshot(join(parent, 'out'));
    const dropFile = () => writeFileSync(join(parent, 'out', 'notes.txt'), 'written during the compile');
    const err = await refusal(writeOutputFolder(join(parent, 'out'), NEW, { force: true, onProgress: dropFile }));
    expect(err.code).toBe('output-foreign');
    expect(snapshot(join(parent, 'out'))).toEqual({ ...before, 'notes.txt': 'written during the compile' });
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it("keeps the replaced folder's permissions", async () => {
    const parent = parentWith(OLD_MODEL);
    chmodSync(join(parent, 'out'), 0o750);
    await writeOutputFolder(join(parent, 'out'), NEW, { force: true });
    expect(statSync(join(parent, 'out')).mode & 0o777).toBe(0o750);
  });

  it('replaces a folder an earlier netspec (before markers) wrote', async () => {
    const parent = parentWith({
      'out/model.json': legacyJson(['group1-shard1of2.bin', 'group1-shard2of2.bin']),
      'out/group1-shard1of2.bin': 'a',
      'out/group1-shard2of2.bin': 'b',
    });
    await writeOutputFolder(join(parent, 'out'), NEW, { force: true });
    expect(readdirSync(join(parent, 'out')).sort()).toEqual([MARKER, 'group1-shard1of1.bin', 'model.json']);
  });

  it('replaces the folder a symbolic link points to, and keeps the link', async () => {
    const parent = parentWith(OLD_MODEL);
    symlinkSync(join(parent, 'out'), join(parent, 'link'));
    await writeOutputFolder(join(parent, 'link'), NEW, { force: true });
    expect(readFileSync(join(parent, 'link', 'model.json'), 'utf8')).toBe('{"new": true}');
    expect(readFileSync(join(parent, 'out', 'model.json'), 'utf8')).toBe('{"new": true}');
  });
});

describe('compile output folder: leftovers of an interrupted run', () => {
  const deadPid = 2 ** 22 + 17; // above Linux's pid_max default: never a running process

  it('removes a half-written temporary folder of its own and says so', async () => {
    const parent = parentWith({
      ...OLD_MODEL,
      [`.out.netspec-new-${deadPid}/${MARKER}`]: marker(['group1-shard1of1.bin', 'model.json']),
      [`.out.netspec-new-${deadPid}/group1-shard1of1.bin`]: 'half',
    });
    const notices: string[] = [];
    await writeOutputFolder(join(parent, 'out'), NEW, { force: true, notice: (l) => notices.push(l) });
    expect(readdirSync(parent)).toEqual(['out']);
    expect(notices).toEqual([expect.stringMatching(/removed .*\.out\.netspec-new-\d+, left by an interrupted compile/)]);
  });

  it('puts back a previous model set aside when the folder is missing (killed between the two renames)', async () => {
    const aside = Object.fromEntries(Object.entries(OLD_MODEL).map(([k, v]) => [k.replace('out/', `.out.netspec-old-${deadPid}/`), v]));
    const parent = parentWith(aside);
    const notices: string[] = [];
    // Without --force the restored model is a non-empty folder: refused, and the old model is back.
    await refusal(writeOutputFolder(join(parent, 'out'), NEW, { notice: (l) => notices.push(l) }));
    expect(readFileSync(join(parent, 'out', 'model.json'), 'utf8')).toBe('{"old": true}');
    expect(readdirSync(parent)).toEqual(['out']);
    expect(notices).toEqual([expect.stringMatching(/restored .*out from \.out\.netspec-old-\d+/)]);
  });

  it('reports, and leaves alone, a leftover that holds files netspec did not write', async () => {
    const parent = parentWith({ [`.out.netspec-new-${deadPid}/notes.txt`]: 'mine' });
    const notices: string[] = [];
    await writeOutputFolder(join(parent, 'out'), NEW, { notice: (l) => notices.push(l) });
    expect(readFileSync(join(parent, `.out.netspec-new-${deadPid}`, 'notes.txt'), 'utf8')).toBe('mine');
    expect(notices).toEqual([expect.stringMatching(/left .* alone: .* holds files netspec did not write/)]);
  });

  it('leaves alone the temporary folder of a compile that is still running', async () => {
    const parent = parentWith({ [`.out.netspec-new-${process.ppid}/${MARKER}`]: marker([]) });
    const notices: string[] = [];
    await writeOutputFolder(join(parent, 'out'), NEW, { notice: (l) => notices.push(l) });
    expect(existsSync(join(parent, `.out.netspec-new-${process.ppid}`))).toBe(true);
    expect(notices).toEqual([expect.stringMatching(/another netspec compile \(process \d+\) may still be writing it/)]);
  });
});

describe('compile output folder: file-system failures are diagnostics', () => {
  it.each([
    ['a parent that is a file (ENOTDIR / EEXIST)', { file: 'x' }, 'file/out'],
    ['a parent under a file (ENOTDIR)', { file: 'x' }, 'file/a/out'],
  ])('%s', async (_, files, target) => {
    const parent = parentWith(files);
    const err = await refusal(writeOutputFolder(join(parent, target), NEW, { label: target }));
    expect(err.code).toBe('io');
    expect(err.message).toMatch(/^cannot .*: .*\((ENOTDIR|EEXIST)\)$/);
  });
});
