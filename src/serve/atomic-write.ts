// Writing the followed spec the way careful editors do: the new text goes to a temporary file in
// the same folder, is flushed, takes the old file's permissions, and is renamed over the old file
// in one step. A crash or kill at any moment leaves the old file or the new one, never a mix; the
// temporary file such a kill leaves is removed by the next save (only files named as this module
// names them, by a process that is gone).
import { randomBytes } from 'node:crypto';
import { lstat, open, readdir, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

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
  await removeLeftovers(target);
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
  const folder = await open(dirname(target), 'r').catch(() => undefined);
  await folder?.sync().catch(() => undefined);
  await folder?.close();
}

/** Temporary files of earlier saves of `target` whose process is gone (killed mid-save). */
async function removeLeftovers(target: string): Promise<void> {
  const name = basename(target).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^\\.${name}\\.(\\d+)\\.[0-9a-f]{12}\\.netspec-tmp$`);
  for (const entry of await readdir(dirname(target)).catch(() => [] as string[])) {
    const pid = Number(pattern.exec(entry)?.[1] ?? NaN);
    if (!Number.isSafeInteger(pid) || pid === process.pid || running(pid)) continue;
    const path = join(dirname(target), entry);
    if ((await lstat(path).catch(() => undefined))?.isFile()) await unlink(path).catch(() => undefined);
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
