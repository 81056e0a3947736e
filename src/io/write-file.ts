// Atomic output: write a temporary file beside the target, then rename, so a failure never leaves
// a half-written file and an existing file is only replaced on purpose. File-system failures
// (EACCES, EROFS, ENOSPC, EISDIR, ENOTDIR, …) come back as diagnostics, never as internal errors.
// Temporary files a killed run left beside the target are removed on the next write.
import { lstat, mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DiagnosticError } from '../diagnostics/diagnostic.js';
import { ioDiagnostic, isSystemError } from '../diagnostics/io-error.js';
import { escapeRegExp, removeStaleTemporaries, writeNewFile } from './durable.js';
import { UsageError } from '../diagnostics/usage-error.js';

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
  if (existing && !existing.isFile() && !existing.isSymbolicLink())
    throw new DiagnosticError('io', 'cannot write: it is not a regular file', { file: label }, 'give the name of a regular file');
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await mkdir(dirname(path), { recursive: true });
    await removeStaleTemporaries(path, new RegExp(`^\\.${escapeRegExp(basename(path))}\\.(\\d+)\\.\\d+\\.tmp$`));
    await writeNewFile(temp, data);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw ioDiagnostic('write', label, err);
  }
}
