// The rows of a summary: one per node, or one per group collapsed beyond --depth.
import type { IRGraph, IRGroup, IRNode, ReceptiveField } from '../ir/types.js';
import type { Shape } from '../layers/types.js';

export interface SummaryRow {
  name: string;
  kind: string;
  outputShape: Shape;
  /** Every output's shape when the layer returns several (Keras prints them as a list). */
  outputShapes?: Shape[];
  trainable: number;
  nonTrainable: number;
  macs: number;
  receptiveField: ReceptiveField | null;
  /** The rows feeding this one; `enc[1]` where one output of a step with several is read. */
  inputs: string[];
  /** Nesting level, for indentation. */
  level: number;
  collapsed: boolean;
  /** A call of a shared layer or block (`use:`): whose weights it reuses (its params are 0). */
  sharedWith?: string;
}

/** `depth` undefined: every node; otherwise groups nested deeper than `depth` become one row. */
export function summaryRows(graph: IRGraph, depth?: number): SummaryRow[] {
  const groups = new Map(graph.groups.map((g) => [g.id, g]));
  const byName = new Map(graph.nodes.map((n) => [n.name, n]));
  const emitted = new Set<string>();
  const rows: SummaryRow[] = [];
  // Which row stands for a node: itself, or the collapsed group containing it.
  const rowOf = (node: IRNode): string => {
    const path = node.groupPath.filter((id) => groups.has(id));
    return depth !== undefined && path.length > depth ? path[depth]! : node.name;
  };
  for (const node of graph.nodes) {
    const owner = rowOf(node);
    if (owner === node.name) {
      rows.push(
        nodeRow(
          node,
          node.inputs.map((i, k) => rowOf(byName.get(i)!) + portText(node, k, byName)),
          node.groupPath.length,
        ),
      );
    } else if (!emitted.has(owner)) {
      emitted.add(owner);
      rows.push(groupRow(groups.get(owner)!, byName, rowOf, depth!));
    }
  }
  return rows;
}

function nodeRow(node: IRNode, inputs: string[], level: number): SummaryRow {
  return {
    name: node.name,
    kind: node.kind,
    outputShape: node.outputShape,
    ...(node.outputShapes ? { outputShapes: node.outputShapes } : {}),
    trainable: node.params.trainable,
    nonTrainable: node.params.nonTrainable,
    macs: node.macs,
    receptiveField: node.receptiveField,
    inputs,
    level,
    collapsed: false,
    ...(node.sharedWith ? { sharedWith: node.sharedWith } : {}),
  };
}

function groupRow(group: IRGroup, byName: Map<string, IRNode>, rowOf: (n: IRNode) => string, level: number): SummaryRow {
  const members = new Set(group.nodes);
  const nodes = group.nodes.map((n) => byName.get(n)!);
  const last = nodes[nodes.length - 1]!;
  const inputs = new Set<string>();
  for (const n of nodes) n.inputs.forEach((i, k) => !members.has(i) && inputs.add(rowOf(byName.get(i)!) + portText(n, k, byName)));
  return {
    name: group.id,
    kind: group.blockName ?? group.kind,
    outputShape: last.outputShape,
    ...(last.outputShapes ? { outputShapes: last.outputShapes } : {}),
    trainable: group.totals.trainable,
    nonTrainable: group.totals.nonTrainable,
    macs: group.totals.macs,
    receptiveField: last.receptiveField,
    inputs: [...inputs],
    level,
    collapsed: true,
    ...(group.sharedWith ? { sharedWith: group.sharedWith } : {}),
  };
}

/** `[1]` when input `k` of `node` is one output of a node with several, else nothing. */
function portText(node: IRNode, k: number, byName: Map<string, IRNode>): string {
  const port = node.inputPorts?.[k];
  return port !== undefined && byName.get(node.inputs[k]!)?.outputShapes ? `[${port}]` : '';
}

export function fieldText(rf: ReceptiveField | null): string {
  if (!rf) return '-';
  return rf.size.every((s) => s === rf.size[0]) ? String(rf.size[0]) : rf.size.join('×');
}
