// The `extends` chain of a spec, walked in one place. The analysis (load.ts: the CLI, and the
// playground page on what the server handed out), the playground server (which bases the page is
// given) and the page's gallery follow the same rules and refuse with the same messages: at most
// MAX_EXTENDS_CHAIN files, no cycle, only `.yaml`/`.yml` files (as written and after following
// links), and where a caller asks, only inside one folder and within a total size. The walk is a
// generator that asks its caller for each base's text, so the CLI reads synchronously and the
// server and the page asynchronously, over the same steps.
import { realpathSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { DiagnosticError, type SourceRef } from '../diagnostics/diagnostic.js';
import { formatBytes } from '../format/format.js';

/** Files one spec may chain through `extends` (each up to MAX_SOURCE_BYTES, and all kept in memory). */
export const MAX_EXTENDS_CHAIN = 16;

/** An `extends:` value as written, and where. */
export interface BaseName {
  written: string;
  at?: SourceRef;
}

export interface ChainFile {
  path: string;
  text: string;
  /** The `extends:` that named this file (absent for the first file of the chain). */
  namedBy?: BaseName;
}

export interface ChainRules {
  /** The file's `extends:` value; undefined ends the chain (no `extends`, or the file is unusable). */
  baseOf(file: ChainFile): BaseName | undefined;
  /** Bases must lie in this folder or below once links are followed (the playground's confinement). */
  within?: string;
  /** All files' text together, in UTF-8 bytes, at most this (the playground's page holds them all). */
  maxTotalBytes?: number;
}

export interface ChainRefusal {
  code: 'extends' | 'extends-cycle';
  /** The whole message, reported at the `extends:` that named the base. */
  message: string;
  at?: SourceRef;
  /** The base as written and as resolved. */
  written: string;
  path: string;
  /** Set when the refusal is about the file on disk (missing, unreadable, too large, outside the folder), not the names alone. */
  reason?: string;
}

export interface ChainResult {
  /** The files read, the first one first. */
  files: ChainFile[];
  refused?: ChainRefusal;
}

const SPEC_FILE_NAME = /\.ya?ml$/i;
const OUTSIDE = "outside the followed spec's folder: the playground reads files in that folder and below only";
const NO_SUCH_FILE = 'no such file';

/**
 * `extends` may only name a YAML spec: `.yaml`/`.yml` both as written and after following
 * symlinks, so `extends: /etc/passwd` or a `base.yaml` link to /proc/self/environ is refused
 * before a byte is read (and so never echoed in a diagnostic).
 */
function badBaseName(written: string, path: string): string | undefined {
  if (!SPEC_FILE_NAME.test(written)) return `'extends' names a spec file ending in .yaml or .yml, not '${written}'`;
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return undefined; // reading reports the missing file (and the page has no file system)
  }
  return SPEC_FILE_NAME.test(real) ? undefined : `'extends' names a link to a file that is not a .yaml/.yml spec`;
}

/** The real path of a base inside `folder`, or why it may not be read. */
function confined(path: string, folder: string): { real: string } | { reason: string } {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return { reason: NO_SUCH_FILE };
  }
  return real.startsWith(folder.endsWith(sep) ? folder : folder + sep) ? { real } : { reason: OUTSIDE };
}

const utf8Length = (text: string): number => new TextEncoder().encode(text).length;

/** Walks the chain from `first`; yields the path of each base to read and takes its text (or an error thrown in). */
export function* walkExtends(first: ChainFile, rules: ChainRules): Generator<string, ChainResult, string> {
  const files = [first];
  let bytes = rules.maxTotalBytes === undefined ? 0 : utf8Length(first.text);
  for (;;) {
    const current = files[files.length - 1]!;
    const base = rules.baseOf(current);
    if (!base) return { files };
    const path = resolve(dirname(current.path), base.written);
    const refuse = (code: ChainRefusal['code'], message: string, reason?: string): ChainResult => ({
      files,
      refused: { code, message, ...(base.at ? { at: base.at } : {}), written: base.written, path, ...(reason !== undefined ? { reason } : {}) },
    });
    const unreadable = (reason: string) => refuse('extends', `${base.written}: ${reason}`, reason);
    if (files.length >= MAX_EXTENDS_CHAIN) {
      return refuse('extends', `'extends' chains more than ${MAX_EXTENDS_CHAIN} files (${files.length} so far); netspec stops here`);
    }
    if (files.some((f) => resolve(f.path) === path)) {
      // Named relative to the first spec's folder: the cycle reads the same on every machine.
      const root = dirname(resolve(first.path));
      return refuse('extends-cycle', `'extends' forms a cycle: ${[...files.map((f) => f.path), path].map((f) => relative(root, resolve(f))).join(' → ')}`);
    }
    const badName = badBaseName(base.written, path);
    if (badName) return refuse('extends', badName);
    let read = path;
    if (rules.within !== undefined) {
      const inside = confined(path, rules.within);
      if ('reason' in inside) return unreadable(inside.reason);
      read = inside.real; // read what was checked
    }
    let text: string;
    try {
      text = yield read;
    } catch (err) {
      return unreadable(err instanceof DiagnosticError ? err.message : 'cannot be read');
    }
    if (rules.maxTotalBytes !== undefined) {
      bytes += utf8Length(text);
      if (bytes > rules.maxTotalBytes) return unreadable(`the extends chain is over ${formatBytes(rules.maxTotalBytes)} in all`);
    }
    files.push({ path, text, namedBy: base });
  }
}

type Attempt = { text: string } | { error: unknown };
type Walk = ReturnType<typeof walkExtends>;

/** Hands the walk what reading gave: the text, or the error thrown into it (it refuses with the reason). */
const resume = (walk: Walk, attempt: Attempt) => ('text' in attempt ? walk.next(attempt.text) : walk.throw(attempt.error));

function attempt(read: (path: string) => string, path: string): Attempt {
  try {
    return { text: read(path) };
  } catch (error) {
    return { error };
  }
}

const settled = (reading: Promise<string>): Promise<Attempt> =>
  reading.then(
    (text) => ({ text }),
    (error: unknown) => ({ error }),
  );

/** The chain, each base read by `read` (which throws DiagnosticError with the reason when it cannot). */
export function followExtends(first: ChainFile, rules: ChainRules, read: (path: string) => string): ChainResult {
  const walk = walkExtends(first, rules);
  let step = walk.next();
  while (!step.done) step = resume(walk, attempt(read, step.value));
  return step.value;
}

/** followExtends with a reader that answers later (the server's non-blocking reads, the page's fetches). */
export async function followExtendsAsync(first: ChainFile, rules: ChainRules, read: (path: string) => Promise<string>): Promise<ChainResult> {
  const walk = walkExtends(first, rules);
  let step = walk.next();
  while (!step.done) step = resume(walk, await settled(read(step.value)));
  return step.value;
}
