// Loading a spec: read, parse, validate, and resolve `extends` (the base spec's content is
// inherited; this spec's keys win, and `params` and `blocks` merge key by key).
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DiagnosticError, type DiagnosticBag } from '../diagnostics/diagnostic.js';
import { validateTree } from './validate.js';
import { MAX_SOURCE_BYTES, mapGet, parseYamlTree, type Located, type LocatedMap } from './yaml-tree.js';

export type ReadFile = (path: string) => string;

/** Keys that describe one file only and are not inherited through `extends`. */
const NOT_INHERITED = new Set(['extends', 'expect']);
const MERGED_KEYS = new Set(['params', 'blocks']);

export function readSpecFile(path: string): string {
  const size = statSync(path).size;
  if (size > MAX_SOURCE_BYTES) throw new DiagnosticError('too-large', `${path} is ${size} bytes; the limit is ${MAX_SOURCE_BYTES}`, { file: path });
  return readFileSync(path, 'utf8');
}

/** Parses and validates `text`, then folds in its `extends` chain. Undefined after reporting errors. */
export function loadSpec(text: string, file: string, bag: DiagnosticBag, readFile: ReadFile = readSpecFile, chain: string[] = []): LocatedMap | undefined {
  const tree = parseYamlTree(text, file, bag);
  if (!tree) return undefined;
  if (tree.kind !== 'map') {
    bag.error('schema', 'a spec must be a mapping with keys such as name, input and layers', tree.at);
    return undefined;
  }
  if (!validateTree(tree, bag)) return undefined;
  const base = mapGet(tree, 'extends');
  if (base?.kind !== 'scalar' || typeof base.value !== 'string') return tree;
  const basePath = resolve(dirname(file), base.value);
  if ([...chain, file].map((f) => resolve(f)).includes(basePath)) {
    bag.error('extends-cycle', `'extends' forms a cycle: ${[...chain, file, basePath].join(' → ')}`, base.at);
    return undefined;
  }
  let baseText: string;
  try {
    baseText = readFile(basePath);
  } catch (err) {
    bag.error('extends', `cannot read ${base.value}: ${err instanceof DiagnosticError ? err.message : (err as Error).message.split('\n')[0]}`, base.at);
    return undefined;
  }
  const parent = loadSpec(baseText, basePath, bag, readFile, [...chain, file]);
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
