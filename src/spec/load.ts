// Loading a spec: read, parse, validate, and resolve `extends` (the base spec's content is
// inherited; this spec's keys win, and `params` and `blocks` merge key by key).
import { DiagnosticError, type DiagnosticBag } from '../diagnostics/diagnostic.js';
import { InputFileError, readTextFile } from '../io/read-file.js';
import { followExtends, type BaseName, type ChainFile } from './extends-chain.js';
import { baseNameOf } from './extends-value.js';
import { reportMisindentedArguments } from './shape-help.js';
import { tupleShapesToLists } from './tuple-shapes.js';
import { validateTree } from './validate.js';
import { MAX_SOURCE_BYTES, parseYamlTree, type Located, type LocatedMap } from './yaml-tree.js';

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

/**
 * Parses and validates `text`, then folds in its `extends` chain (walked by extends-chain.ts, which
 * the playground's server and page use too). Undefined after reporting errors.
 */
export function loadSpec(text: string, file: string, bag: DiagnosticBag, readFile: ReadFile = readSpecFile): LocatedMap | undefined {
  const trees: LocatedMap[] = [];
  let failed = false;
  const baseOf = (spec: ChainFile): BaseName | undefined => {
    const tree = checkedTree(spec, bag);
    if (!tree) {
      failed = true;
      return undefined;
    }
    trees.push(tree);
    return baseNameOf(tree);
  };
  const chain = followExtends({ path: file, text }, { baseOf }, readFile);
  if (chain.refused) {
    bag.error(chain.refused.code, chain.refused.message, chain.refused.at);
    return undefined;
  }
  return failed ? undefined : trees.reduceRight((parent, child) => mergeSpecs(parent, child));
}

/**
 * One file of the chain parsed and validated. A base that is not even a mapping is reported at the
 * `extends:` line that named it, without quoting its content.
 */
function checkedTree(spec: ChainFile, bag: DiagnosticBag): LocatedMap | undefined {
  const tree = parseYamlTree(spec.text, spec.path, bag);
  if (!tree) return undefined;
  if (tree.kind !== 'map') {
    if (spec.namedBy) bag.error('extends', "'extends' names a file that is not a netspec spec (not a YAML mapping)", spec.namedBy.at);
    else bag.error('schema', 'a spec must be a mapping with keys such as name, input and layers', tree.at);
    return undefined;
  }
  tupleShapesToLists(tree);
  return reportMisindentedArguments(tree, bag) || !validateTree(tree, bag) ? undefined : tree;
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
