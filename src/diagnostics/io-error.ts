// Ordinary file-system failures (permission denied, disk full, read-only file system, …) told as
// diagnostics in plain words: they are the user's environment, not netspec's bug.
import { DiagnosticError } from './diagnostic.js';

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ENOENT: 'no such file or directory',
  EEXIST: 'already exists',
  ENOTEMPTY: 'the directory is not empty',
  EBUSY: 'the file or directory is busy',
  EXDEV: 'cannot move across file systems',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
  EFBIG: 'the file is too large',
  EIO: 'input/output error',
};

const HELPS: Record<string, string> = {
  EACCES: 'choose a location you can write to, or change its permissions',
  EPERM: 'choose a location you can write to, or change its permissions',
  EROFS: 'choose a location on a writable file system',
  ENOSPC: 'free some space or choose another disk',
  EDQUOT: 'free some space or choose another disk',
  EISDIR: 'give a file name, not a directory',
  ENOTDIR: 'every part of the path before the file name must be a directory',
};

/** A Node.js system error (it carries an errno code such as `EACCES`). */
export function isSystemError(err: unknown): err is NodeJS.ErrnoException & { code: string } {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && /^E[A-Z0-9]+$/.test((err as NodeJS.ErrnoException).code!);
}

/** "permission denied (EACCES)" for a system error, its message for anything else. */
export function systemReason(err: unknown): string {
  if (!isSystemError(err)) return err instanceof Error ? err.message : String(err);
  return `${REASONS[err.code] ?? err.message.replace(/^E[A-Z0-9]+: /, '')} (${err.code})`;
}

/** At `out/model.json`: `cannot write: no space left on the device (ENOSPC)`, with a help line where one helps. */
export function ioDiagnostic(action: string, path: string, err: unknown): DiagnosticError {
  if (err instanceof DiagnosticError) return err;
  const code = isSystemError(err) ? err.code : '';
  return new DiagnosticError('io', `cannot ${action}: ${systemReason(err)}`, { file: path }, HELPS[code]);
}
