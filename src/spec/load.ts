// Loading a spec: read, parse, validate, and resolve `extends` (the base spec's content is
// inherited; this spec's keys win, and `params` and `blocks` merge key by key).
import { realpathSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { DiagnosticError, type DiagnosticBag, type SourceRef } from '../diagnostics/diagnostic.js';
import { InputFileError, readTextFile } from '../io/read-file.js';
import { reportMisindentedArguments } from './shape-help.js';
import { tupleShapesToLists } from './tuple-shapes.js';
import { validateTree } from './validate.js';
import { MAX_SOURCE_BYTES, mapGet, parseYamlTree, type Located, type LocatedMap } from './yaml-tree.js';

export type ReadFile = (path: string) => string;

/** Keys that describe one file only and are not inherited through `extends`. */
const NOT_INHERITED = new Set(['extends', 'expect']);
const MERGED_KEYS = new Set(['params', 'blocks']);

/**
 * A spec file's text: a regular text file of at most MAX_SOURCE_BYTES. Throws DiagnosticError
 * (code 'file') whose message follows the file name: "is a directory", "is not a text file …".
 */
export function readSpecFile(path: string): string {
  try {
    return readTextFile(path, MAX_SOURCE_BYTES);
  } catch (err) {
    if (err instanceof InputFileError) throw new DiagnosticError(err.problem === 'too-large' ? 'too-large' : 'file', err.message, { file: path });
    throw err;
  }
}

/** Files one spec may chain through `extends` (each up to MAX_SOURCE_BYTES, and all kept in memory). */
export const MAX_EXTENDS_CHAIN = 16;

const SPEC_FILE_NAME = /\.ya?ml$/i;

/**
 * `extends` may only name a YAML spec: `.yaml`/`.yml` both as written and after following
 * symlinks, so `extends: /etc/passwd` or a `base.yaml` link to /proc/self/environ is refused
 * before a byte is read (and so never echoed in a diagnostic).
 */
function checkBaseName(written: string, path: string): string | undefined {
  if (!SPEC_FILE_NAME.test(written)) return `'extends' names a spec file ending in .yaml or .yml, not '${written}'`;
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return undefined; // reading reports the missing file
  }
  return SPEC_FILE_NAME.test(real) ? undefined : `'extends' names a link to a file that is not a .yaml/.yml spec`;
}

/**
 * Parses and validates `text`, then folds in its `extends` chain. Undefined after reporting errors.
 * `extendedAt` is the `extends:` line that named this file: a base that is not even a mapping is
 * reported there, without quoting its content.
 */
export function loadSpec(
  text: string,
  file: string,
  bag: DiagnosticBag,
  readFile: ReadFile = readSpecFile,
  chain: string[] = [],
  extendedAt?: SourceRef,
): LocatedMap | undefined {
  const tree = parseYamlTree(text, file, bag);
  if (!tree) return undefined;
  if (tree.kind !== 'map') {
    if (extendedAt) bag.error('extends', "'extends' names a file that is not a netspec spec (not a YAML mapping)", extendedAt);
    else bag.error('schema', 'a spec must be a mapping with keys such as name, input and layers', tree.at);
    return undefined;
  }
  tupleShapesToLists(tree);
  if (reportMisindentedArguments(tree, bag) || !validateTree(tree, bag)) return undefined;
  const base = mapGet(tree, 'extends');
  if (base?.kind !== 'scalar' || typeof base.value !== 'string') return tree;
  if (chain.length + 1 >= MAX_EXTENDS_CHAIN) {
    bag.error('extends', `'extends' chains more than ${MAX_EXTENDS_CHAIN} files (${[...chain, file].length} so far); netspec stops here`, base.at);
    return undefined;
  }
  const basePath = resolve(dirname(file), base.value);
  if ([...chain, file].map((f) => resolve(f)).includes(basePath)) {
    // Named relative to the first spec's folder: the cycle reads the same on every machine.
    const root = dirname(resolve(chain[0] ?? file));
    const names = [...chain, file, basePath].map((f) => relative(root, resolve(f)));
    bag.error('extends-cycle', `'extends' forms a cycle: ${names.join(' → ')}`, base.at);
    return undefined;
  }
  const badName = checkBaseName(base.value, basePath);
  if (badName) {
    bag.error('extends', badName, base.at);
    return undefined;
  }
  let baseText: string;
  try {
    baseText = readFile(basePath);
  } catch (err) {
    bag.error('extends', `${base.value}: ${err instanceof DiagnosticError ? err.message : 'cannot be read'}`, base.at);
    return undefined;
  }
  const parent = loadSpec(baseText, basePath, bag, readFile, [...chain, file], base.at);
  return parent ? mergeSpecs(parent, tree) : undefined;
}

function mergeSpecs(parent: LocatedMap, child: LocatedMap): LocatedMap {
  const entries = parent.entries.filter((e) => !NOT_INHERITED.has(e.key) && !child.entries.some((c) => c.key === e.key && !MERGED_KEYS.has(e.key)));
  const merged: LocatedMap = { kind: 'map', at: child.at, entries: [] };
  for (const entry of entries) {
    const own = child.entries.find((c) => c.key === entry.key);
    merged.entries.push(own && MERGED_KEYS.has(entry.key) ? { ...own, value: mergeMaps(entry.value, own.value) } : entry);
  }
  for (const entry of child.entries) {
    if (!merged.entries.some((m) => m.key === entry.key)) merged.entries.push(entry);
  }
  return merged;
}

/** Base entries in their order, each replaced in place by an override; new keys after them. */
function mergeMaps(base: Located, over: Located): Located {
  if (base.kind !== 'map' || over.kind !== 'map') return over;
  const entries = base.entries.map((e) => over.entries.find((o) => o.key === e.key) ?? e);
  const added = over.entries.filter((o) => !base.entries.some((e) => e.key === o.key));
  return { ...over, entries: [...entries, ...added] };
}
