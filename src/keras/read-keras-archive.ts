// config.json out of a `.keras` archive (a zip: config.json, metadata.json, model.weights.h5),
// read without loading the archive: only its directory at the end and the one member are read,
// so a large weights file costs nothing. A small bounded reader of our own over node:zlib: stored
// and deflated members, no zip64 (config.json is never near 4 GB), sizes checked before inflating.
import { closeSync, fstatSync, readSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { DiagnosticError } from '../diagnostics/diagnostic.js';
import { formatBytes } from '../format/format.js';
import { InputFileError, openRegularFile } from '../io/read-file.js';

/** The largest config.json we inflate (ResNet152's is under 1 MB). */
export const MAX_ARCHIVE_CONFIG_BYTES = 32 * 1024 ** 2;

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** The end record is 22 bytes plus a comment of at most 65,535. */
const END_SEARCH = 22 + 0xffff;

export function readKerasArchiveConfig(path: string, label: string): string {
  let fd: number;
  try {
    fd = openRegularFile(path);
  } catch (err) {
    if (err instanceof InputFileError) throw new DiagnosticError('file', err.message, { file: label });
    throw err;
  }
  try {
    const size = fstatSync(fd).size;
    const read = (offset: number, length: number): Buffer => {
      if (offset < 0 || length < 0 || offset + length > size) throw bad(label, 'is cut short (a member lies past its end)');
      const buffer = Buffer.alloc(length);
      let done = 0;
      while (done < length) {
        const n = readSync(fd, buffer, done, length - done, offset + done);
        if (n === 0) throw bad(label, 'is cut short');
        done += n;
      }
      return buffer;
    };
    const tailStart = Math.max(0, size - END_SEARCH);
    const tail = read(tailStart, size - tailStart);
    let end = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === END_OF_DIRECTORY) {
        end = i;
        break;
      }
    }
    if (end < 0) throw bad(label, 'is not a .keras archive (not a zip file)');
    const entries = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    const directory = read(directoryOffset, directorySize);
    let at = 0;
    for (let i = 0; i < entries; i++) {
      if (at + 46 > directory.length || directory.readUInt32LE(at) !== DIRECTORY_ENTRY) throw bad(label, 'has a damaged zip directory');
      const method = directory.readUInt16LE(at + 10);
      const compressed = directory.readUInt32LE(at + 20);
      const uncompressed = directory.readUInt32LE(at + 24);
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      const localOffset = directory.readUInt32LE(at + 42);
      const name = directory.subarray(at + 46, at + 46 + nameLength).toString('utf8');
      at += 46 + nameLength + extraLength + commentLength;
      if (name !== 'config.json') continue;
      if (uncompressed > MAX_ARCHIVE_CONFIG_BYTES)
        throw bad(label, `holds a config.json of ${formatBytes(uncompressed)}, beyond the limit of ${formatBytes(MAX_ARCHIVE_CONFIG_BYTES)}`);
      const local = read(localOffset, 30);
      if (local.readUInt32LE(0) !== LOCAL_HEADER) throw bad(label, 'has a damaged zip member header');
      const dataStart = localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      const data = read(dataStart, compressed);
      let bytes: Buffer;
      if (method === 0) bytes = data;
      else if (method === 8) {
        try {
          bytes = inflateRawSync(data, { maxOutputLength: MAX_ARCHIVE_CONFIG_BYTES });
        } catch {
          throw bad(label, 'holds a config.json that cannot be inflated (damaged, or larger than it says)');
        }
      } else throw bad(label, `stores config.json with zip method ${method}; netspec reads stored and deflated members`);
      return bytes.toString('utf8');
    }
    throw bad(label, 'has no config.json: it is a zip file but not a Keras 3 .keras archive');
  } finally {
    closeSync(fd);
  }
}

function bad(label: string, message: string): DiagnosticError {
  return new DiagnosticError('keras-import', message, { file: label }, 'give a file written by model.save("model.keras") in Keras 3');
}
