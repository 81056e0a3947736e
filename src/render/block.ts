// `--block NAME`: one block alone, as its own small graph — its layers, the groups inside it, and an
// Input box for each tensor it reads from outside and an Output box for each it hands on, so its
// border shows what goes in and comes out.
import { closest } from '../diagnostics/format.js';
import type { IRGraph, IRNode } from '../ir/types.js';

export class UnknownBlockError extends Error {
  constructor(
    readonly block: string,
    readonly available: string[],
  ) {
    const hint = closest(block, available);
    // Outer blocks first (mixed0…mixed10 before mixed0.branch1), each level in network order.
    const byDepth = [...available].sort((a, b) => a.split('.').length - b.split('.').length);
    const shown = byDepth.length > 40 ? [...byDepth.slice(0, 40), `… (${byDepth.length - 40} more)`] : byDepth;
    super(
      `--block ${block}: no block of that name${hint ? `; did you mean '${hint}'?` : ''}\n` +
        (available.length ? `  blocks: ${shown.join(', ')}` : '  this network has no blocks (groups of layers) to draw alone'),
    );
  }
}

/** The block names `--block` accepts: every group's hierarchical name, in network order. */
export function blockNames(graph: IRGraph): string[] {
  return graph.groups.map((g) => g.id);
}

export function selectBlock(graph: IRGraph, name: string): IRGraph {
  const group = graph.groups.find((g) => g.id === name);
  if (!group) throw new UnknownBlockError(name, blockNames(graph));
  const inside = new Set(group.nodes);
  const byName = new Map(graph.nodes.map((n) => [n.name, n]));
  const members = graph.nodes.filter((n) => inside.has(n.name));
  const external: IRNode[] = [];
  for (const node of members) {
    for (const input of node.inputs) {
      if (inside.has(input) || external.some((e) => e.name === input)) continue;
      const source = byName.get(input)!;
      external.push({
        ...source,
        kind: 'InputLayer',
        family: 'input',
        label: 'Input',
        args: {},
        inputs: [],
        inputShapes: [],
        params: { trainable: 0, nonTrainable: 0 },
        macs: 0,
        groupPath: [],
      });
    }
  }
  const depth = group.id.split('.').length;
  const strip = (path: string[]) => path.slice(path.indexOf(group.id) + 1);
  const usedOutside = new Set(graph.nodes.filter((n) => !inside.has(n.name)).flatMap((n) => n.inputs));
  for (const out of graph.outputs) usedOutside.add(out.name);
  const leaving = members.filter((n) => usedOutside.has(n.name));
  const outputs = (leaving.length ? leaving : [members[members.length - 1]!]).map((n) => ({ name: n.name, shape: n.outputShape }));
  // An Output box after each tensor that leaves the block: the right border shows what comes out.
  const outputMarkers: IRNode[] = outputs.map((out) => ({
    ...byName.get(out.name)!,
    name: `${out.name} (output)`,
    kind: 'Output',
    family: 'input',
    label: 'Output',
    args: {},
    inputs: [out.name],
    inputShapes: [out.shape],
    params: { trainable: 0, nonTrainable: 0 },
    macs: 0,
    groupPath: [],
  }));
  const nodes = [...external, ...members.map((n) => ({ ...n, groupPath: strip(n.groupPath) })), ...outputMarkers].map((n, index) => ({ ...n, index }));
  return {
    ...graph,
    name: `${graph.name} · ${group.id}`,
    inputs: external.map((n) => ({ name: n.name, shape: n.outputShape })),
    outputs,
    nodes,
    groups: graph.groups
      .filter((g) => g.id.startsWith(`${group.id}.`) && g.id.split('.').length > depth)
      .map((g) => ({ ...g, parent: g.parent === group.id ? null : g.parent })),
    // The block's own figures, as the IR computed them; activation memory stays the whole model's.
    totals: { ...group.totals, activationBytes: graph.totals.activationBytes },
  };
}
