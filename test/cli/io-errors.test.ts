// Ordinary file-system failures on output paths are diagnostics with exit 1 (EEXIST, EISDIR,
// ENOTDIR here; EACCES, EROFS, ENOSPC through the same path, checked on synthetic errors since
// tests run as root on a writable disk), never "internal error" and never a stack trace.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/io/write-file.js';
import { DiagnosticError } from '../../src/diagnostics/diagnostic.js';
import { ioDiagnostic } from '../../src/diagnostics/io-error.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'netspec-io-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const spec = join(dir, 'tiny.yaml');
writeFileSync(spec, 'name: tiny\ninput: [6, 6, 2]\nlayers:\n  - conv2d: {filters: 3, kernel_size: 3}\n  - flatten\n  - dense: {units: 2}\n');
writeFileSync(join(dir, 'a-file'), 'x');
mkdirSync(join(dir, 'a-folder.ts'));
mkdirSync(join(dir, 'a-folder.json'));

describe('output paths: file-system failures are diagnostics, exit 1', () => {
  it.each([
    ['compile into a folder under a file (ENOTDIR)', ['compile', spec, '-o', join(dir, 'a-file/model')], /cannot create the folder: .*\((ENOTDIR|EEXIST)\)/],
    ['compile onto a file', ['compile', spec, '-o', join(dir, 'a-file'), '--force'], /exists and is not a folder/],
    [
      'compile --emit ts onto a directory (EISDIR)',
      ['compile', spec, '-o', join(dir, 'a-folder.ts'), '--emit', 'ts', '--force'],
      /a-folder\.ts: error\[io\]: cannot write: it is a directory/,
    ],
    ['compile --emit ts under a file (ENOTDIR)', ['compile', spec, '-o', join(dir, 'a-file/m.ts'), '--emit', 'ts'], /cannot write: .*\((ENOTDIR|EEXIST)\)/],
    [
      'diagram under a file (ENOTDIR)',
      ['diagram', spec, '-o', join(dir, 'a-file', 'x.svg')],
      /a-file\/x\.svg: error\[io\]: cannot write: .*\((ENOTDIR|EEXIST)\)/,
    ],
  ])('%s', async (_, args, message) => {
    const run = await runCli(args);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(run.code).toBe(1);
  });

  it('removes the temporary file a killed run left for the same target, and only that', async () => {
    const dead = join(dir, `.out.svg.${2 ** 22 + 17}.1700000000000.tmp`);
    const live = join(dir, `.out.svg.${process.ppid}.1700000000000.tmp`);
    const other = join(dir, `.other.svg.${2 ** 22 + 17}.1700000000000.tmp`);
    for (const f of [dead, live, other]) writeFileSync(f, 'half');
    await writeFileAtomic(join(dir, 'out.svg'), '<svg/>');
    expect([existsSync(dead), existsSync(live), existsSync(other)]).toEqual([false, true, true]);
  });

  it('leaves no temporary file behind a failed write', async () => {
    await expect(writeFileAtomic(join(dir, 'a-folder.json'), '{}', { force: true })).rejects.toThrow(DiagnosticError);
    expect(readdirSync(dir).filter((f) => f.startsWith('.a-folder.json'))).toEqual([]);
  });
});

describe('system errors in plain words', () => {
  const systemError = (code: string) => Object.assign(new Error(`${code}: raw message, open '/x'`), { code, syscall: 'open', path: '/x' });
  it.each([
    ['EACCES', /cannot write: permission denied \(EACCES\)/, /permissions/],
    ['EROFS', /cannot write: read-only file system \(EROFS\)/, /writable file system/],
    ['ENOSPC', /cannot write: no space left on the device \(ENOSPC\)/, /free some space/],
    ['EISDIR', /cannot write: is a directory \(EISDIR\)/, /not a directory/],
    ['ENOTDIR', /cannot write: a part of the path is not a directory \(ENOTDIR\)/, /must be a directory/],
    ['EEXIST', /cannot write: already exists \(EEXIST\)/, undefined],
  ] as const)('%s', (code, message, help) => {
    const d = ioDiagnostic('write', 'out/model.json', systemError(code));
    expect(d.message).toMatch(message);
    expect(d.at?.file).toBe('out/model.json');
    if (help) expect(d.suggestion).toMatch(help);
  });
});
