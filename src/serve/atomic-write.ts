// Writing the followed spec the way careful editors do: the new text goes to a temporary file in
// the same folder, is flushed, takes the old file's permissions, and is renamed over the old file
// in one step. A crash or kill at any moment leaves the old file or the new one, never a mix; the
// temporary file such a kill leaves is removed by the next save (only files named as this module
// names them, by a process that is gone).
import { randomBytes } from 'node:crypto';
import { open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { escapeRegExp, removeStaleTemporaries, syncDirectory } from '../io/durable.js';

const TEMP_SUFFIX = '.netspec-tmp';

/** Writes `text` to `path` atomically; a symbolic link is followed and kept (its target is replaced). */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const target = await realpath(path).catch(() => path);
  let mode = 0o644;
  try {
    mode = (await stat(target)).mode & 0o7777;
  } catch {
    // a new file: default permissions
  }
  await removeStaleTemporaries(target, new RegExp(`^\\.${escapeRegExp(basename(target))}\\.(\\d+)\\.[0-9a-f]{12}\\.netspec-tmp$`));
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    try {
      await handle.writeFile(text, 'utf8');
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  // The rename itself survives a power cut only once the folder is flushed (best effort).
  await syncDirectory(dirname(target));
}
