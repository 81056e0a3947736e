// The durable-write primitives every writer shares (CLI outputs, compile's output folder, the
// playground's save): a new file flushed to disk before it is renamed anywhere, a folder flushed so
// its renames survive a power cut, and the clean-up of temporary files a killed process left.
// Below every stage, so compile and serve never reach up into cli/ for them.
import { lstat, open, readdir, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Creates `path` (never through an existing file or link: 'wx'), writes `data` and flushes it. */
export async function writeNewFile(path: string, data: string | Uint8Array, mode?: number): Promise<void> {
  const handle = await open(path, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes renames in `dir` durable where the platform allows it (Linux does; others may refuse). */
export async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not every platform can open or sync a directory; the renames are atomic either way.
  }
}

/** Whether a process with this id still runs (EPERM: it runs, as another user). */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the regular files beside `target` whose names match `pattern` (its first group is the
 * writer's process id) and whose writer is gone: temporary files of a killed write.
 */
export async function removeStaleTemporaries(target: string, pattern: RegExp): Promise<void> {
  const dir = dirname(target);
  for (const entry of await readdir(dir).catch(() => [] as string[])) {
    const pid = Number(pattern.exec(entry)?.[1] ?? NaN);
    if (!Number.isSafeInteger(pid) || pid === process.pid || isProcessRunning(pid)) continue;
    const path = join(dir, entry);
    if ((await lstat(path).catch(() => undefined))?.isFile()) await unlink(path).catch(() => undefined);
  }
}

/** `name` quoted for use inside a RegExp. */
export const escapeRegExp = (name: string): string => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
