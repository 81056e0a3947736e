// Which user-block instances the emitted Keras code writes as calls of one Python function: every
// instance of a block whose layers (kinds, local names, wiring) are the same; the argument values
// that differ between instances become the function's parameters (`filters`, `strides`, …).
import type { IRGraph, IRGroup, IRNode } from '../../ir/types.js';
import type { ArgValue } from '../../layers/types.js';

export interface BlockInstance {
  group: IRGroup;
  /** Dotted prefix of its node names (`stage2.block1`). */
  prefix: string;
  nodes: IRNode[];
  /** Outside tensors it reads, in first-use order: the function's tensor parameters. */
  inputs: string[];
  output: IRNode;
  /** Values of the function's lifted parameters for this call, in `BlockFunction.params` order. */
  values: ArgValue[];
}

export interface BlockFunction {
  /** Python function name (unique). */
  name: string;
  blockName: string;
  instances: BlockInstance[];
  /** Lifted parameters: name, and which node position and argument it sets. */
  params: { name: string; uses: { node: number; arg: string }[] }[];
}

/** Kinds whose arguments are written by special code: never lifted into parameters. */
const FIXED_KINDS = new Set(['Filter2D', 'CustomScaleLayer', 'InputLayer']);

/**
 * Finds the functions, innermost blocks first: a block instance becomes a call when another
 * instance has the same layers (a function worth writing) and it holds no chosen block itself
 * (function bodies are flat). Instances not chosen stay inline code.
 */
export function blockFunctions(graph: IRGraph, fresh: (base: string) => string): BlockFunction[] {
  const consumers = consumerMap(graph);
  const outputs = new Set(graph.outputs.map((o) => o.name));
  const byName = new Map(graph.nodes.map((n) => [n.name, n]));
  const owners = new Set(graph.nodes.flatMap((n) => (n.sharedWith ? [n.sharedWith] : [])));
  const depth = groupDepths(graph);
  const candidates: { instance: BlockInstance; key: string }[] = [];
  const classSize = new Map<string, number>();
  for (const group of graph.groups) {
    if (group.kind !== 'block' || !group.blockName) continue;
    const instance = asInstance(group, byName, consumers, outputs, owners);
    if (!instance) continue;
    const key = `${group.blockName}\u0000${signature(instance)}`;
    candidates.push({ instance, key });
    classSize.set(key, (classSize.get(key) ?? 0) + 1);
  }
  candidates.sort((a, b) => depth.get(b.instance.group.id)! - depth.get(a.instance.group.id)!);
  const chosenNodes = new Set<string>();
  const byClass = new Map<string, BlockInstance[]>();
  for (const { instance, key } of candidates) {
    if (classSize.get(key)! < 2 || instance.nodes.some((n) => chosenNodes.has(n.name))) continue;
    for (const n of instance.nodes) chosenNodes.add(n.name);
    byClass.set(key, [...(byClass.get(key) ?? []), instance]);
  }
  const functions: BlockFunction[] = [];
  for (const instances of byClass.values()) {
    instances.sort((a, b) => a.nodes[0]!.index - b.nodes[0]!.index);
    const blockName = instances[0]!.group.blockName!;
    functions.push({ name: fresh(blockName), blockName, instances, params: liftParams(instances) });
  }
  return functions;
}

function groupDepths(graph: IRGraph): Map<string, number> {
  const byId = new Map(graph.groups.map((g) => [g.id, g]));
  const depth = new Map<string, number>();
  for (const g of graph.groups) {
    let d = 0;
    for (let p = g.parent; p; p = byId.get(p)?.parent ?? null) d++;
    depth.set(g.id, d);
  }
  return depth;
}

/** A group can be a function when its nodes share its prefix, none is shared, and only its last one is used outside. */
function asInstance(
  group: IRGroup,
  byName: Map<string, IRNode>,
  consumers: Map<string, string[]>,
  outputs: Set<string>,
  owners: Set<string>,
): BlockInstance | undefined {
  const nodes = group.nodes.map((n) => byName.get(n)!);
  const prefix = `${group.id}.`;
  if (nodes.length === 0 || !nodes.every((n) => n.name.startsWith(prefix) && !n.sharedWith && !owners.has(n.name))) return undefined;
  const members = new Set(group.nodes);
  const output = nodes[nodes.length - 1]!;
  for (const n of nodes) {
    if (n === output) continue;
    if (outputs.has(n.name) || (consumers.get(n.name) ?? []).some((c) => !members.has(c))) return undefined;
  }
  const inputs: string[] = [];
  for (const n of nodes) for (const i of n.inputs) if (!members.has(i) && !inputs.includes(i)) inputs.push(i);
  return { group, prefix: group.id, nodes, inputs, output, values: [] };
}

/** Layers, local names, wiring and trainability — what must agree for one function to build every instance. */
function signature(instance: BlockInstance): string {
  const local = (name: string): string => {
    const k = instance.inputs.indexOf(name);
    return k >= 0 ? `in${k}` : name.slice(instance.prefix.length + 1);
  };
  return JSON.stringify(
    instance.nodes.map((n) => [local(n.name), n.kind, n.trainable, n.inputs.map(local), FIXED_KINDS.has(n.kind) ? n.args : Object.keys(n.args)]),
  );
}

/** Arguments whose values differ between instances; equal value rows share one parameter. */
function liftParams(instances: BlockInstance[]): BlockFunction['params'] {
  const first = instances[0]!;
  const params: BlockFunction['params'] = [];
  const rows = new Map<string, number>();
  const used = new Set<string>();
  first.nodes.forEach((node, i) => {
    if (FIXED_KINDS.has(node.kind)) return;
    for (const arg of Object.keys(node.args)) {
      const values = instances.map((inst) => inst.nodes[i]!.args[arg] ?? null);
      const row = JSON.stringify(values);
      if (values.every((v) => JSON.stringify(v) === JSON.stringify(values[0]))) continue;
      const existing = rows.get(row);
      if (existing !== undefined && params[existing]!.uses[0]!.arg === arg) {
        params[existing]!.uses.push({ node: i, arg });
        continue;
      }
      let name = used.has(arg) ? `${node.name.slice(first.prefix.length + 1).replace(/[^A-Za-z0-9_]/g, '_')}_${arg}` : arg;
      for (let k = 2; used.has(name); k++) name = `${arg}_${k}`;
      used.add(name);
      rows.set(row, params.length);
      params.push({ name, uses: [{ node: i, arg }] });
    }
  });
  for (const inst of instances) inst.values = params.map((p) => inst.nodes[p.uses[0]!.node]!.args[p.uses[0]!.arg] ?? null);
  return params;
}

function consumerMap(graph: IRGraph): Map<string, string[]> {
  const consumers = new Map<string, string[]>();
  for (const n of graph.nodes) {
    for (const i of n.inputs) {
      const list = consumers.get(i);
      if (list) list.push(n.name);
      else consumers.set(i, [n.name]);
    }
  }
  return consumers;
}
