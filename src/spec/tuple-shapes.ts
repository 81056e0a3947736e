// `input: (28, 28, 1)` — a shape written as a Python tuple, as in Keras code — reads as the list
// [28, 28, 1]. YAML gives the text as one string; it becomes a list of located items (numbers, or
// expressions such as `size` and `None`), so errors still point at the right characters.
import type { Located, LocatedScalar, LocatedSeq } from './yaml-tree.js';
import { mapGet, type LocatedMap } from './yaml-tree.js';

const TUPLE = /^\(([^()]*)\)$/;

/** Rewrites tuple strings under `input` and each `inputs` entry into lists, in place. */
export function tupleShapesToLists(tree: LocatedMap): void {
  for (const entry of tree.entries) {
    if (entry.key === 'input') entry.value = asList(entry.value);
  }
  const many = mapGet(tree, 'inputs');
  if (many?.kind === 'map') for (const entry of many.entries) entry.value = asList(entry.value);
}

function asList(node: Located): Located {
  if (node.kind !== 'scalar' || node.quoted || typeof node.value !== 'string') return node;
  const text = node.value;
  const match = TUPLE.exec(text.trim());
  if (!match) return node;
  const items: LocatedScalar[] = [];
  let offset = node.contentStart + text.indexOf('(') + 1;
  for (const piece of match[1]!.split(',')) {
    const lead = piece.length - piece.trimStart().length;
    const word = piece.trim();
    const start = offset + lead;
    offset += piece.length + 1;
    if (word === '') continue; // (28,) — a one-axis tuple
    const at = { file: node.at.file, start, end: start + word.length };
    items.push({ kind: 'scalar', value: /^\d+$/.test(word) ? Number(word) : word, quoted: false, contentStart: start, at });
  }
  const list: LocatedSeq = { kind: 'seq', items, at: node.at };
  return list;
}
