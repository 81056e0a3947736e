// YAML reads a plain integer as a double, so 9007199254740993 silently becomes …992 before netspec
// sees it. Every such literal is found in the source text and reported where it is written.
import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import { MAX_EXACT_TEXT } from '../format/format.js';
import type { Located } from '../spec/yaml-tree.js';

/** Reports each integer literal whose value a double cannot hold; true when there was none. */
export function checkIntegerLiterals(tree: Located, bag: DiagnosticBag): boolean {
  let ok = true;
  const seen = new Set<Located>();
  // A loop with a stack, not recursion: the tree can be as deep as the YAML allows.
  const stack: Located[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node)) continue; // an alias shares its target's nodes
    seen.add(node);
    if (node.kind === 'map') for (const entry of node.entries) stack.push(entry.value);
    else if (node.kind === 'seq') for (const item of node.items) stack.push(item);
    else if (typeof node.value === 'number' && Number.isInteger(node.value) && !Number.isSafeInteger(node.value)) {
      const written = bag.sourceText(node.at.file)?.slice(node.at.start, node.at.end).trim() ?? '';
      if (/^[-+]?\d+$/.test(written) && BigInt(written) !== BigInt(node.value)) {
        bag.error(
          'range',
          `the integer ${written} cannot be held exactly (it would read as ${BigInt(node.value)}): netspec computes exactly up to 2 ** 53 − 1 = ${MAX_EXACT_TEXT}`,
          node.at,
        );
        ok = false;
      }
    }
  }
  return ok;
}
