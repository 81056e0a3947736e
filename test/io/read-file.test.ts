import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, test } from 'vitest';
import { decodeText, InputFileError, readCappedStream, readRegularFile, readTextFile } from '../../src/io/read-file.js';

const dir = mkdtempSync(join(tmpdir(), 'netspec-read-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function problem(fn: () => unknown): { problem: string; message: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputFileError) return { problem: err.problem, message: err.message };
    throw err;
  }
  throw new Error('expected an InputFileError');
}

describe('readRegularFile', () => {
  test('reads a regular file up to the cap, and refuses one byte more', () => {
    writeFileSync(join(dir, 'ten.txt'), '0123456789');
    expect(readRegularFile(join(dir, 'ten.txt'), 10).toString()).toBe('0123456789');
    expect(problem(() => readRegularFile(join(dir, 'ten.txt'), 9))).toEqual({ problem: 'too-large', message: 'is larger than the limit of 9.00 B' });
  });

  test.each([
    ['a missing file', () => join(dir, 'missing.yaml'), 'not-found', 'no such file'],
    [
      'a path through a file',
      () => (writeFileSync(join(dir, 'plain'), 'x'), join(dir, 'plain', 'x.yaml')),
      'not-found',
      'no such file (a part of the path is not a folder)',
    ],
    ['a directory', () => (mkdirSync(join(dir, 'sub')), join(dir, 'sub')), 'directory', 'is a directory'],
    [
      'a FIFO with no writer (must not block)',
      () => (execFileSync('mkfifo', [join(dir, 'fifo')]), join(dir, 'fifo')),
      'not-regular',
      'is not a regular file (a FIFO)',
    ],
    ['a character device', () => '/dev/zero', 'not-regular', 'is not a regular file (a device)'],
  ])('refuses %s with a short message', (_, make, kind, message) => {
    expect(problem(() => readRegularFile(make(), 1000))).toEqual({ problem: kind, message });
  });

  test('a /proc file (stat size 0) is still capped while reading', () => {
    expect(problem(() => readRegularFile('/proc/self/maps', 10)).problem).toBe('too-large');
  });
});

describe('decodeText', () => {
  test.each([
    ['a NUL byte', Buffer.from('name: a\0b\n')],
    ['invalid UTF-8', Buffer.from([0x6e, 0x61, 0xff, 0xfe, 0x0a])],
    ['mostly control bytes', Buffer.from(Array.from({ length: 600 }, (_, i) => 1 + (i % 8)))],
  ])('refuses %s as binary', (_, bytes) => {
    expect(problem(() => decodeText(bytes))).toEqual({ problem: 'binary', message: 'is not a text file (binary content)' });
  });

  test('accepts UTF-8 text with tabs and CRLF, and drops a byte-order mark', () => {
    expect(decodeText(Buffer.from('\ufeffname: μ\r\n\tx\n'))).toBe('name: μ\r\n\tx\n');
  });

  test('readTextFile combines both', () => {
    writeFileSync(join(dir, 'bin.yaml'), Buffer.from([0, 1, 2]));
    expect(problem(() => readTextFile(join(dir, 'bin.yaml'), 100)).problem).toBe('binary');
  });
});

describe('readCappedStream', () => {
  test('stops an endless stream at the cap', async () => {
    let pushed = 0;
    const endless = new Readable({
      read() {
        pushed += 1000;
        this.push('x'.repeat(1000));
      },
    });
    await expect(readCappedStream(endless, 10_240)).rejects.toThrow('is larger than the limit of 10.00 KB');
    expect(pushed).toBeLessThan(100_000);
  });

  test('returns a finite stream whole', async () => {
    expect((await readCappedStream(Readable.from([Buffer.from('ab'), Buffer.from('c')]), 3)).toString()).toBe('abc');
  });
});
