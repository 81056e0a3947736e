// Reading the followed spec and its `extends` bases for the page: only regular `.yaml`/`.yml`
// files, size-capped, read without blocking the server. A refusal says why without echoing the
// file's content.
import { constants, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { formatBytes } from '../format/format.js';
import { MAX_SPEC_BYTES } from './limits.js';

export class RefusedFile extends Error {
  constructor(
    message: string,
    /** ENOENT and the like: the file is not there (as opposed to being refused). */
    readonly missing = false,
  ) {
    super(message);
  }
}

export const isYamlName = (path: string): boolean => /\.ya?ml$/i.test(path);

function checkStats(stats: Stats, shown: string): void {
  if (!stats.isFile()) throw new RefusedFile(`${shown} is not a regular file`);
  if (stats.size > MAX_SPEC_BYTES)
    throw new RefusedFile(`${shown} is ${formatBytes(stats.size)}; the playground follows spec files up to ${formatBytes(MAX_SPEC_BYTES)}`);
}

/**
 * The text of a regular file of at most MAX_SPEC_BYTES (checked on the open file too, so a file
 * that grows or is swapped after the check is still capped). `shown` names it in messages.
 */
export async function readCappedText(path: string, shown: string): Promise<string> {
  let handle;
  try {
    checkStats(await stat(path), shown);
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    if (err instanceof RefusedFile) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new RefusedFile(
      code === 'ENOENT' || code === 'ENOTDIR' ? `${shown} is not there (deleted or renamed?)` : `cannot read ${shown} (${code ?? 'error'})`,
      code === 'ENOENT' || code === 'ENOTDIR',
    );
  }
  try {
    checkStats(await handle.stat(), shown);
    const buffer = Buffer.alloc(MAX_SPEC_BYTES + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > MAX_SPEC_BYTES)
        throw new RefusedFile(`${shown} is over ${formatBytes(MAX_SPEC_BYTES)}; the playground follows spec files up to ${formatBytes(MAX_SPEC_BYTES)}`);
    }
    const bytes = buffer.subarray(0, length);
    if (bytes.includes(0)) throw new RefusedFile(`${shown} is not a text file`);
    return bytes.toString('utf8');
  } finally {
    await handle.close();
  }
}
