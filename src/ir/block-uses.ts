// One mistake, one message: a problem inside a block's definition is found once per use of the
// block; the diagnostic bag keeps one copy with a count, and this names where the count comes from.
import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import type { BlockDef } from './expand.js';

/** `(×4)` → `(in 4 uses of block 'unit')` where the problem lies in a block used exactly that often. */
export function nameBlockUses(bag: DiagnosticBag, blocks: ReadonlyMap<string, BlockDef>, uses: ReadonlyMap<string, number>): void {
  for (const d of bag.items) {
    if (d.count === undefined || d.count < 2) continue;
    const [start] = d.range;
    const block = [...blocks.values()].find((b) => b.layers.at.file === d.file && b.layers.at.start <= start && start < b.layers.at.end);
    if (!block || uses.get(block.name) !== d.count) continue;
    d.message += ` (in ${d.count} uses of block '${block.name}')`;
    delete d.count;
  }
}
