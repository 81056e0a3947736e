// `expect:` — figures a step or the whole model must have; a mismatch is a diagnostic at the
// expected value, which is how students self-check homework settings.
import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import { formatShape } from '../layers/shape-math.js';
import { commas } from '../report/format-numbers.js';
import type { Shape } from '../layers/types.js';
import { mapGet, type Located } from '../spec/yaml-tree.js';
import { totals } from './graph.js';
import type { IRNode } from './types.js';
import type { Env } from './values.js';

export function checkExpect(expect: Located, nodes: readonly IRNode[], output: IRNode | undefined, bag: DiagnosticBag, _env: Env): void {
  const sum = totals(nodes);
  const counts: Record<string, number> = {
    params: sum.params,
    total_params: sum.params,
    trainable_params: sum.trainable,
    non_trainable_params: sum.nonTrainable,
    macs: sum.macs,
  };
  for (const [key, actual] of Object.entries(counts)) {
    const node = mapGet(expect, key);
    if (node?.kind !== 'scalar' || node.value === null) continue;
    if (node.value !== actual) {
      bag.error('expect', `expected ${key.replace(/_/g, ' ')} ${fmt(node.value)}, but the network has ${fmt(actual)}`, node.at);
    }
  }
  const shapeNode = mapGet(expect, 'output_shape');
  if (shapeNode?.kind === 'seq' && output) {
    const expected = shapeNode.items.map((i) => (i.kind === 'scalar' ? i.value : undefined)) as Shape;
    if (!sameShape(expected, output.outputShape)) {
      bag.error('expect', `expected output shape ${formatShape(expected)}, but ${output.name} gives ${formatShape(output.outputShape)}`, shapeNode.at);
    }
  }
}

function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

const fmt = (v: unknown): string => (typeof v === 'number' ? commas(v) : String(v));
