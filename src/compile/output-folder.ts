// A compile output folder, replaced as a whole. Everything is written into a sibling temporary
// folder, which then takes the old folder's place with two renames (old aside, new in), and only
// then is the old folder emptied — of the files netspec wrote, nothing else. A kill at any moment
// leaves the complete old model or the complete new one; in the instant between the two renames
// the old one waits complete beside it, and the next compile puts it back.
//
// A marker file lists what netspec wrote. Without --force a non-empty folder is refused; with it,
// only a folder whose every entry netspec wrote is replaced.
import { chmod, lstat, mkdir, readdir, readFile, realpath, rename, rmdir, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
import { DiagnosticError } from '../diagnostics/diagnostic.js';
import { ioDiagnostic, isSystemError } from '../diagnostics/io-error.js';
import { isProcessRunning, syncDirectory, writeNewFile } from '../io/durable.js';

/** Lists the files netspec wrote into the folder (itself included). */
export const MARKER = '.netspec-output';

export interface OutputFile {
  name: string;
  data: string | Uint8Array;
}

export interface FolderOptions {
  force?: boolean;
  /** The folder as the user wrote it, for messages. */
  label?: string;
  /** One line for the user: a leftover cleaned, restored or left alone. */
  notice?(line: string): void;
  /** After each file is written: bytes so far and in all. */
  onProgress?(written: number, total: number): void;
}

type FolderState = 'absent' | 'empty' | 'ours';

/** Refuses a folder compile must not replace; says what is there (checked before and after the build). */
export async function checkOutputFolder(dir: string, options: FolderOptions = {}): Promise<FolderState> {
  const label = options.label ?? dir;
  const stats = await statOrUndefined(dir, label);
  if (!stats) return 'absent';
  if (!stats.isDirectory()) {
    throw new DiagnosticError(
      'output-not-folder',
      'exists and is not a folder',
      { file: label },
      'compile writes a folder (model.json and weight files): choose a new or empty folder name',
    );
  }
  // The folder is replaced by another: the current folder (or one above it) would vanish under the shell.
  const here = await realpath(process.cwd()).catch(() => undefined);
  const real = await realpath(dir).catch(() => dir);
  if (here !== undefined && (here === real || here.startsWith(real.endsWith(sep) ? real : real + sep))) {
    throw new DiagnosticError(
      'output-is-current-folder',
      'is the current folder (or contains it); compile replaces its output folder as a whole',
      { file: label },
      'give a folder for the model inside it, e.g. -o model',
    );
  }
  const entries = await readdirOrFail(dir, label);
  if (entries.length === 0) return 'empty';
  if (!options.force) {
    throw new DiagnosticError(
      'output-not-empty',
      `the output folder is not empty (${listed(entries)})`,
      { file: label },
      'choose a new or empty folder, or add --force to replace a folder that netspec compile wrote',
    );
  }
  const owned = await ownedFiles(dir);
  const foreign: string[] = [];
  for (const entry of entries) {
    const isDirectory = (await lstat(join(dir, entry)).catch(() => undefined))?.isDirectory() ?? false;
    if (!owned.has(entry) || isDirectory) foreign.push(entry);
  }
  if (foreign.length > 0) {
    throw new DiagnosticError(
      'output-foreign',
      `the output folder holds files netspec did not write (${listed(foreign)}); --force replaces only a folder that netspec compile wrote`,
      { file: label },
      'move those files away, or choose another output folder',
    );
  }
  return 'ours';
}

/** Before a build: cleans or restores what an interrupted compile left beside the folder, then checks it. */
export async function prepareOutputFolder(dir: string, options: FolderOptions = {}): Promise<FolderState> {
  const real = await realOrResolved(dir, options.label ?? dir);
  await recoverLeftovers(dirname(real), basename(real), options);
  return checkOutputFolder(real, options);
}

/** Writes `files` as the folder's whole content, atomically replacing what a previous compile wrote. */
export async function writeOutputFolder(dir: string, files: OutputFile[], options: FolderOptions = {}): Promise<string[]> {
  const label = options.label ?? dir;
  const real = await realOrResolved(dir, label);
  const parent = dirname(real);
  const base = basename(real);
  await mkdir(parent, { recursive: true }).catch((err: unknown) => {
    throw ioDiagnostic('create the folder', dirname(label), err);
  });
  await recoverLeftovers(parent, base, options);
  countSteps = true;
  const state = await checkOutputFolder(real, options);

  const temp = join(parent, leftoverName(base, 'new', process.pid));
  try {
    await writeFolder(temp, files, options.onProgress);
    // The new folder keeps the old one's permissions (a group-shared folder stays shared).
    if (state !== 'absent') await chmod(temp, (await stat(real)).mode & 0o7777);
  } catch (err) {
    await removeOwned(temp).catch(() => undefined);
    throw ioDiagnostic('write', label, err);
  }
  if (state !== 'ours') {
    // A missing or empty folder: one rename (over an empty directory, too) puts the new one in place.
    await renameOrFail(temp, real, label, temp);
    step();
  } else {
    // Writing may have taken a while: look again, and leave nothing behind on a refusal.
    await checkOutputFolder(real, options).catch(async (err: unknown) => {
      await removeOwned(temp).catch(() => undefined);
      throw err;
    });
    const aside = join(parent, leftoverName(base, 'old', process.pid));
    await renameOrFail(real, aside, label, temp);
    step();
    try {
      await rename(temp, real);
    } catch (err) {
      await rename(aside, real).catch(() => undefined);
      await removeOwned(temp).catch(() => undefined);
      throw ioDiagnostic('replace', label, err);
    }
    step();
    await syncDirectory(parent);
    // The new model is in place; failing to tidy the old one is worth a line, not a failure.
    const removed = await removeOwned(aside).catch(() => false);
    if (!removed) options.notice?.(`left ${aside} (the previous model): it could not be removed completely`);
  }
  await syncDirectory(parent);
  return files.map((f) => join(dir, f.name));
}

// --- writing --------------------------------------------------------------------------------

async function writeFolder(temp: string, files: OutputFile[], onProgress?: (written: number, total: number) => void): Promise<void> {
  await mkdir(temp);
  step();
  // The marker first: a folder killed half-written is still recognisably ours.
  await writeNewFile(join(temp, MARKER), JSON.stringify({ writtenBy: 'netspec compile', files: files.map((f) => f.name) }) + '\n');
  step();
  const total = files.reduce((sum, f) => sum + byteLength(f.data), 0);
  let written = 0;
  for (const file of files) {
    await writeNewFile(join(temp, file.name), file.data);
    written += byteLength(file.data);
    onProgress?.(written, total);
    step();
  }
  await syncDirectory(temp);
}

const byteLength = (data: string | Uint8Array): number => (typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength);

async function renameOrFail(from: string, to: string, label: string, temp: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (err) {
    await removeOwned(temp).catch(() => undefined);
    throw ioDiagnostic('replace', label, err);
  }
}

// --- ownership ------------------------------------------------------------------------------

/**
 * Names compile writes, and so the only names it ever deletes: whatever a marker or an old
 * model.json lists (`..`, `notes.txt`, a path), anything else is never removed.
 */
const isCompileName = (name: unknown): name is string => typeof name === 'string' && /^(model\.json|model\.ts|group\d+-shard\d+of\d+\.bin)$/.test(name);

/** Entries netspec wrote: the marker's list, or (before markers existed) a netspec model.json and its shards. */
async function ownedFiles(dir: string): Promise<Set<string>> {
  const marked = await readJson(join(dir, MARKER));
  if (marked !== undefined) {
    const files = (marked as { files?: unknown }).files;
    return new Set(Array.isArray(files) ? [MARKER, ...files.filter(isCompileName)] : []);
  }
  const json = (await readJson(join(dir, 'model.json'))) as { convertedBy?: unknown; weightsManifest?: { paths?: unknown }[] } | undefined;
  if (json?.convertedBy !== 'netspec' || !Array.isArray(json.weightsManifest)) return new Set();
  const paths = json.weightsManifest.flatMap((group) => (Array.isArray(group.paths) ? group.paths : []));
  return new Set(['model.json', ...paths.filter(isCompileName)]);
}

async function readJson(path: string): Promise<unknown> {
  try {
    const stats = await lstat(path);
    if (!stats.isFile() || stats.size > 256 * 1024 * 1024) return undefined;
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Removes the files netspec wrote in `dir`, then `dir` itself if nothing else is left. Only
 * regular files (or links, which unlinking never follows) named by the marker are touched.
 * Returns false when something else is in the way and the folder stays.
 */
async function removeOwned(dir: string): Promise<boolean> {
  const owned = await ownedFiles(dir);
  const entries = await readdir(dir).catch(() => undefined);
  if (!entries) return true;
  let clean = true;
  for (const entry of entries.filter((e) => e !== MARKER)) {
    const stats = await lstat(join(dir, entry)).catch(() => undefined);
    if (!stats) continue;
    if (owned.has(entry) && !stats.isDirectory()) {
      await unlink(join(dir, entry));
      step();
    } else {
      clean = false;
    }
  }
  if (!clean) return false;
  await unlink(join(dir, MARKER)).catch(() => undefined);
  step();
  try {
    await rmdir(dir);
  } catch {
    return false; // something appeared meanwhile: leave it
  }
  step();
  return true;
}

// --- leftovers of interrupted runs ----------------------------------------------------------

const leftoverName = (base: string, kind: 'new' | 'old', pid: number): string => `.${base}.netspec-${kind}-${pid}`;

/** Cleans (or restores, or reports) the temporary folders a killed compile of the same folder left. */
async function recoverLeftovers(parent: string, base: string, options: FolderOptions): Promise<void> {
  const pattern = new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.netspec-(new|old)-(\\d+)$`);
  const entries = await readdir(parent).catch(() => [] as string[]);
  // Old models first: when the folder is missing, the one set aside goes back before anything is removed.
  const leftovers = entries.flatMap((e) => {
    const m = pattern.exec(e);
    return m ? [{ name: e, kind: m[1] as 'new' | 'old', pid: Number(m[2]) }] : [];
  });
  leftovers.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'old' ? -1 : 1));
  const target = join(parent, base);
  for (const { name, kind, pid } of leftovers) {
    const path = join(parent, name);
    if (pid !== process.pid && isProcessRunning(pid)) {
      options.notice?.(`left ${path} alone: another netspec compile (process ${pid}) may still be writing it`);
      continue;
    }
    if (kind === 'old' && !(await statOrUndefined(target, target))) {
      await rename(path, target).catch((err: unknown) => {
        throw ioDiagnostic('restore the previous model', target, err);
      });
      options.notice?.(`restored ${target} from ${name}, where an interrupted compile had set it aside`);
    } else if (await removeOwned(path).catch(() => false)) {
      options.notice?.(`removed ${path}, left by an interrupted compile`);
    } else {
      options.notice?.(`left ${path} alone: it is left over from an interrupted compile but holds files netspec did not write`);
    }
  }
}

// --- small helpers --------------------------------------------------------------------------

/** Follows a symbolic link: a link to a folder is that folder. */
async function statOrUndefined(path: string, label: string): Promise<Awaited<ReturnType<typeof stat>> | undefined> {
  try {
    return await stat(path);
  } catch (err) {
    // ENOTDIR: a part of the path is a file, so the folder cannot exist (creating it says why).
    if (isSystemError(err) && (err.code === 'ENOENT' || err.code === 'ENOTDIR')) return undefined;
    throw ioDiagnostic('read', label, err);
  }
}

async function readdirOrFail(dir: string, label: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (err) {
    throw ioDiagnostic('read the folder', label, err);
  }
}

/** The real folder behind a link, so the swap happens beside it and the link keeps working. */
async function realOrResolved(dir: string, label: string): Promise<string> {
  if (!(await statOrUndefined(dir, label))) return dir;
  return realpath(dir);
}

const listed = (names: string[]): string => (names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`);

// Test hook: the kill-at-every-moment test (test/compile/kill.test.ts) sets this to SIGKILL the
// process at its Nth write step, so every moment of a replacement is exercised.
const killAtStep = Number(process.env.NETSPEC_TEST_KILL_AT_STEP ?? 0);
let steps = 0;
/** Recovery of leftovers is not counted: a kill there would repeat at the same step forever. */
let countSteps = false;
function step(): void {
  if (killAtStep > 0 && countSteps && ++steps === killAtStep) process.kill(process.pid, 'SIGKILL');
}
