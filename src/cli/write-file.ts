// Atomic output: write a temporary file beside the target, then rename, so a failure never leaves
// a half-written file and an existing file is only replaced on purpose. File-system failures
// (EACCES, EROFS, ENOSPC, EISDIR, ENOTDIR, …) come back as diagnostics, never as internal errors.
// Temporary files a killed run left beside the target are removed on the next write.
import { lstat, mkdir, open, readdir, rename, rm, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DiagnosticError } from '../diagnostics/diagnostic.js';
import { ioDiagnostic, isSystemError } from '../diagnostics/io-error.js';
import { UsageError } from './command.js';

export interface WriteFileOptions {
  /** Replace an existing file (never a directory). */
  force?: boolean;
  /** The path as the user wrote it, for messages. */
  label?: string;
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, options: WriteFileOptions = {}): Promise<void> {
  const label = options.label ?? path;
  const existing = await lstat(path).catch((err: unknown) => {
    if (isSystemError(err) && err.code === 'ENOENT') return undefined;
    throw ioDiagnostic('write', label, err);
  });
  if (existing?.isDirectory()) throw new DiagnosticError('io', 'cannot write: it is a directory', { file: label }, 'give a file name, not a directory');
  if (existing && !options.force) throw new UsageError(`${label} already exists (use --force to overwrite)`);
  if (existing && !existing.isFile() && !existing.isSymbolicLink()) throw new DiagnosticError('io', 'cannot write: it is not a regular file', { file: label }, 'give the name of a regular file');
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await mkdir(dirname(path), { recursive: true });
    await removeStaleTemporaries(path);
    // 'wx': never write through a file (or symbolic link) that is already there.
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw ioDiagnostic('write', label, err);
  }
}

/** Temporary files a killed run left for the same target: named as this module names them, by a process that is gone. */
async function removeStaleTemporaries(path: string): Promise<void> {
  const base = basename(path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^\\.${base}\\.(\\d+)\\.\\d+\\.tmp$`);
  const entries = await readdir(dirname(path)).catch(() => [] as string[]);
  for (const entry of entries) {
    const pid = Number(pattern.exec(entry)?.[1] ?? NaN);
    if (!Number.isSafeInteger(pid) || pid === process.pid || isRunning(pid)) continue;
    const stats = await lstat(join(dirname(path), entry)).catch(() => undefined);
    if (stats?.isFile()) await unlink(join(dirname(path), entry)).catch(() => undefined);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return isSystemError(err) && err.code === 'EPERM';
  }
}
