// Reading user-named files and streams without trusting them: only regular files, never more than
// a cap, and never blocked by a FIFO. Below every stage but src/format, so any command
// — spec loading, predict's data files — can use it. Errors are InputFileError with a short,
// errno-free message meant to follow the file's name: "x: is a directory".
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { formatBytes } from '../format/format.js';

export type InputFileProblem = 'not-found' | 'permission' | 'directory' | 'not-regular' | 'too-large' | 'binary' | 'io';

export class InputFileError extends Error {
  constructor(
    readonly problem: InputFileProblem,
    message: string,
  ) {
    super(message);
  }
}

const CHUNK = 1 << 16;

/**
 * The bytes of a regular file, at most `maxBytes` of them. A directory, device, FIFO or socket is
 * refused before anything is read: the file is opened non-blocking (so a FIFO with no writer cannot
 * hang the open) and checked with fstat on the open descriptor (so it cannot be swapped in between).
 * The size is enforced while reading, not taken from stat (files in /proc report size 0).
 */
export function readRegularFile(path: string, maxBytes: number): Buffer {
  const fd = openRegularFile(path);
  try {
    if (fstatSync(fd).size > maxBytes) throw tooLarge(maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > maxBytes) throw tooLarge(maxBytes);
    }
    return Buffer.concat(chunks, total);
  } catch (err) {
    throw err instanceof InputFileError ? err : fromErrno(err);
  } finally {
    closeSync(fd);
  }
}

/**
 * A descriptor of a regular file, for reading by ranges (a zip archive's directory): the same
 * checks as readRegularFile. The caller closes it.
 */
export function openRegularFile(path: string): number {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw fromErrno(err);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new InputFileError('directory', 'is a directory');
    if (!stat.isFile()) throw new InputFileError('not-regular', `is not a regular file (${specialKind(stat)})`);
    return fd;
  } catch (err) {
    closeSync(fd);
    throw err instanceof InputFileError ? err : fromErrno(err);
  }
}

/** A regular file that must be text (UTF-8, no NUL or other binary control bytes). */
export function readTextFile(path: string, maxBytes: number): string {
  return decodeText(readRegularFile(path, maxBytes));
}

/** Reads a stream (stdin) up to `maxBytes`; an endless stream stops at the cap with an error. */
export async function readCappedStream(stream: AsyncIterable<unknown> & { destroy?(): void }, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(bytes);
    total += bytes.length;
    if (total > maxBytes) {
      stream.destroy?.();
      throw tooLarge(maxBytes);
    }
  }
  return Buffer.concat(chunks, total);
}

/**
 * UTF-8 text, or InputFileError('binary'). A NUL byte, invalid UTF-8, or more than a few control
 * characters other than tab, newline and carriage return mean the bytes are not a text file.
 */
export function decodeText(bytes: Buffer): string {
  if (bytes.includes(0)) throw binary();
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw binary();
  }
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) controls++;
  }
  if (controls > 8 && controls * 100 > text.length) throw binary();
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function binary(): InputFileError {
  return new InputFileError('binary', 'is not a text file (binary content)');
}

function tooLarge(maxBytes: number): InputFileError {
  return new InputFileError('too-large', `is larger than the limit of ${formatBytes(maxBytes)}`);
}

function specialKind(stat: ReturnType<typeof fstatSync>): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a plain file';
}

function fromErrno(err: unknown): InputFileError {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return new InputFileError('not-found', 'no such file');
    case 'ENOTDIR':
      return new InputFileError('not-found', 'no such file (a part of the path is not a folder)');
    case 'EACCES':
    case 'EPERM':
      return new InputFileError('permission', 'permission denied');
    case 'EISDIR':
      return new InputFileError('directory', 'is a directory');
    case 'ELOOP':
      return new InputFileError('io', 'too many levels of symbolic links');
    case 'ENAMETOOLONG':
      return new InputFileError('io', 'the file name is too long');
    case 'ENXIO':
    case 'EAGAIN':
      return new InputFileError('not-regular', 'is not a regular file');
    default:
      return new InputFileError('io', `cannot be read (${code ?? 'I/O error'})`);
  }
}
