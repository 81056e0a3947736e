// Build phase: what is visible at a given depth. Groups deeper than the depth collapse into one
// item; edges are redrawn between the visible items that hold their ends.
import { failureMark } from '../ir/expect.js';
import type { IRGraph, IRGroup, IRNode } from '../ir/types.js';
import type { Shape } from '../layers/types.js';
import { formatCompact, formatDims } from '../format/format.js';
import { channelsFirstNodes, drawnShape } from './channel-axis.js';

export interface VisibleItem {
  id: string;
  /** A layer, or a group drawn collapsed as one box. */
  type: 'layer' | 'collapsed';
  family: string;
  /** Kind and key arguments (`Conv2D 32 3×3 /2`) or the block's name. */
  title: string;
  /** Collapsed groups: kind and parameter count. */
  detail?: string;
  shape: Shape;
  /** The shape as drawn: channels last, also for a channels_first tensor (the text shows `shape`). */
  drawnShape: Shape;
  /** Parameters (trainable and not) and multiply-accumulates of everything the item stands for. */
  params: number;
  macs: number;
  /** An activation applied inside the layer (`Conv2D(..., activation='relu')`), shown with its title. */
  activation?: string;
  /** Innermost expanded group holding the item, or null at top level. */
  parent: string | null;
  /** Index of the item's first node in topological order. */
  order: number;
  /** IR nodes this item stands for (one for a layer). */
  nodes: IRNode[];
  /** Failed `expect:` figures of the steps this item shows (`✗ expected params 2,000, got 2,312`). */
  mismatches?: string[];
}

export interface VisibleGroup {
  id: string;
  kind: string;
  title: string;
  parent: string | null;
  /** Groups merged into this one because they held nothing else (a user block around its residual). */
  wraps?: string[];
}

export interface VisibleEdge {
  source: string;
  target: string;
  /** The tensor that flows: the source node's output shape (the first one it reads, when it has several). */
  shape: Shape;
  /** Which outputs of a source with several the edge carries (`state_h + state_c`, `[1] + [3]`); absent otherwise. */
  outputs?: string;
}

/** An edge label names picked outputs by name while short, else by index. */
const MAX_OUTPUT_LABEL = 18;

/**
 * The text on an edge: the tensor's shape when boxes do not show theirs, and the outputs it carries
 * when its source has several (`state_h + state_c`); '' for none.
 */
export function edgeText(edge: VisibleEdge, shapes: boolean): string {
  const parts = [...(shapes ? [formatDims(edge.shape)] : []), ...(edge.outputs ? [edge.outputs] : [])];
  return parts.join(' · ');
}

export interface DiagramModel {
  name: string;
  /** What the per-layer text shows (`--show`). */
  show: readonly ShowField[];
  totalParams: number;
  /** Failed figures of the model's own `expect:`, shown next to the title. */
  mismatches: string[];
  items: VisibleItem[];
  /** Expanded groups, parents before children. */
  groups: VisibleGroup[];
  edges: VisibleEdge[];
}

/** Nesting level of each group: top-level groups are level 1. */
function groupLevels(groups: IRGroup[]): Map<string, number> {
  const byId = new Map(groups.map((g) => [g.id, g]));
  const levels = new Map<string, number>();
  const level = (g: IRGroup): number => {
    const known = levels.get(g.id);
    if (known !== undefined) return known;
    const parent = g.parent ? byId.get(g.parent) : undefined;
    const value = parent ? level(parent) + 1 : 1;
    levels.set(g.id, value);
    return value;
  };
  groups.forEach(level);
  return levels;
}

function lastSegment(id: string): string {
  return id.slice(id.lastIndexOf('.') + 1);
}

export function groupTitle(group: IRGroup): string {
  const name = lastSegment(group.id);
  const kind = group.blockName ?? group.kind.replace('_', ' ');
  const title = name === kind || name === group.kind || name.startsWith(`${kind}_`) || name.startsWith(`${group.kind}_`) ? name : `${name} · ${kind}`;
  return group.sharedWith ? `${title} · shared with ${lastSegment(group.sharedWith)}` : title;
}

/** A layer called again with `use:` says so, unless its (shared) group already does. */
function layerTitle(node: IRNode, groupById: ReadonlyMap<string, IRGroup>): string {
  const insideShared = node.groupPath.some((id) => groupById.get(id)?.sharedWith);
  return node.sharedWith && !insideShared ? `${node.label} · shared with ${lastSegment(node.sharedWith)}` : node.label;
}

/** The per-layer text `--show` can choose. */
export type ShowField = 'shape' | 'params' | 'activation' | 'macs';
/** A slide's default: the tensor's shape and the activation inside a layer; blocks drawn as one box also give their parameters. */
export const DEFAULT_SHOW: readonly ShowField[] = ['shape', 'activation'];

/** Edges carry the tensor's shape only when the boxes do not already show it (it is the source box's output shape). */
export const shapesOnEdges = (show: readonly ShowField[]): boolean => !show.includes('shape');

export interface ItemLabel {
  /** Kind and key arguments, with a fused activation when shown: `Conv2D 64 3×3 · relu`. */
  title: string;
  /** The shape, when shown. */
  shape?: string;
  /** Parameters and MACs, as chosen. */
  details: string[];
}

/** The text of one box, shared by both views so `--show` means the same in each. */
export function itemLabel(item: VisibleItem, show: readonly ShowField[] = DEFAULT_SHOW): ItemLabel {
  const title = show.includes('activation') && item.activation ? `${item.title} · ${item.activation}` : item.title;
  const details: string[] = [];
  if (show.includes('params') ? item.params > 0 || item.type === 'collapsed' : item.type === 'collapsed') details.push(`${formatCompact(item.params)} params`);
  if (show.includes('macs') && item.macs > 0) details.push(`${formatCompact(item.macs)} MACs`);
  return { title, ...(show.includes('shape') ? { shape: formatDims(item.shape) } : {}), details };
}

/** The activation a layer applies itself (its `activation` argument), if any besides linear (and a recurrent layer's own tanh). */
function fusedActivation(node: IRNode): string | undefined {
  const activation = node.args.activation;
  if (node.family === 'sequence' && activation === 'tanh') return undefined;
  return node.family !== 'activation' && typeof activation === 'string' && activation !== 'linear' ? activation : undefined;
}

export function buildDiagramModel(graph: IRGraph, depth = Number.POSITIVE_INFINITY, show: readonly ShowField[] = DEFAULT_SHOW): DiagramModel {
  const levels = groupLevels(graph.groups);
  const groupById = new Map(graph.groups.map((g) => [g.id, g]));
  const expanded = (id: string) => (levels.get(id) ?? 1) < depth;
  const nodeByName = new Map(graph.nodes.map((n) => [n.name, n]));
  const channelsFirst = channelsFirstNodes(graph);
  const drawn = (node: IRNode) => drawnShape(node.outputShape, channelsFirst.has(node.name));

  /** The visible item a node belongs to: itself, or its outermost collapsed group. */
  const owner = new Map<string, string>();
  const items = new Map<string, VisibleItem>();
  for (const node of graph.nodes) {
    const collapsedAt = node.groupPath.findIndex((id) => !expanded(id));
    const visiblePath = collapsedAt < 0 ? node.groupPath : node.groupPath.slice(0, collapsedAt);
    const parent = visiblePath.length ? visiblePath[visiblePath.length - 1]! : null;
    const id = collapsedAt < 0 ? node.name : node.groupPath[collapsedAt]!;
    owner.set(node.name, id);
    const existing = items.get(id);
    if (existing) {
      existing.nodes.push(node);
      continue;
    }
    const activation = collapsedAt < 0 ? fusedActivation(node) : undefined;
    // A collapsed group's figures are the IR's own group totals (the summary and the playground read the same).
    const figures = collapsedAt < 0 ? { params: node.params.trainable + node.params.nonTrainable, macs: node.macs } : groupById.get(id)!.totals;
    items.set(id, {
      id,
      type: collapsedAt < 0 ? 'layer' : 'collapsed',
      family: collapsedAt < 0 ? node.family : 'block',
      title: collapsedAt < 0 ? layerTitle(node, groupById) : groupTitle(outermostWrapper(groupById.get(id)!, groupById)),
      shape: node.outputShape,
      drawnShape: drawn(node),
      params: figures.params,
      macs: figures.macs,
      ...(activation ? { activation } : {}),
      parent,
      order: node.index,
      nodes: [node],
    });
  }

  foldPreprocessingRuns(graph, items, owner);

  const edges: VisibleEdge[] = [];
  const seen = new Set<string>();
  const usedOutside = new Set<string>();
  // Per edge, the outputs it carries of a source node with several (an LSTM's state_h and state_c).
  const picked = new Map<string, { node: IRNode; ports: number[] }>();
  for (const node of graph.nodes) {
    node.inputs.forEach((input, i) => {
      const source = owner.get(input);
      const target = owner.get(node.name)!;
      if (source === undefined || source === target) return;
      usedOutside.add(input);
      const key = `${source}\u0000${target}`;
      const from = nodeByName.get(input)!;
      const port = node.inputPorts?.[i] ?? 0;
      if (from.outputShapes) {
        const entry = picked.get(key) ?? { node: from, ports: [] };
        if (entry.node === from && !entry.ports.includes(port)) entry.ports.push(port);
        picked.set(key, entry);
      }
      if (seen.has(key)) return;
      seen.add(key);
      edges.push({ source, target, shape: from.outputShapes?.[port] ?? from.outputShape });
    });
  }
  for (const edge of edges) {
    const entry = picked.get(`${edge.source}\u0000${edge.target}`);
    if (entry) edge.outputs = outputsText(entry.node, entry.ports);
  }
  for (const output of graph.outputs) usedOutside.add(output.name);

  for (const item of items.values()) {
    if (item.type !== 'collapsed') continue;
    // A collapsed group shows the shape of the tensor it hands on (its last such node).
    const outs = item.nodes.filter((n) => usedOutside.has(n.name));
    const handedOn = outs[outs.length - 1] ?? item.nodes[item.nodes.length - 1]!;
    item.shape = handedOn.outputShape;
    item.drawnShape = drawn(handedOn);
    item.detail = `${formatCompact(item.params)} params`;
  }

  const groups = mergeWrappers(
    graph.groups
      .filter((g) => expanded(g.id) && g.nodes.length > 0)
      .sort((a, b) => levels.get(a.id)! - levels.get(b.id)! || firstIndex(a, nodeByName) - firstIndex(b, nodeByName))
      .map((g) => ({ id: g.id, kind: g.kind, title: groupTitle(g), parent: g.parent })),
    items,
  );

  markMismatches(graph, items, owner);

  return {
    name: graph.name,
    show,
    totalParams: graph.totals.params,
    mismatches: (graph.expectFailures ?? []).filter((f) => f.step === undefined).map(failureMark),
    items: [...items.values()].sort((a, b) => a.order - b.order),
    groups,
    edges,
  };
}

/**
 * `state_h + state_c` while short, else Bidirectional's states shortened (`fwd h + bwd h`), else
 * `[1] + [3]`; nothing when every output flows (a merge of them all).
 */
function outputsText(node: IRNode, ports: number[]): string | undefined {
  if (ports.length === node.outputShapes!.length) return undefined;
  const named = (shorten: (name: string) => string) => ports.map((k) => shorten(node.outputNames?.[k] ?? `[${k}]`)).join(' + ');
  for (const text of [named((name) => name), named(shortOutputName)]) if (text.length <= MAX_OUTPUT_LABEL) return text;
  return ports.map((k) => `[${k}]`).join(' + ');
}

/** `forward_state_h` → `fwd h`, `backward_state_c` → `bwd c`. */
const shortOutputName = (name: string): string => name.replace(/^forward_state_/, 'fwd ').replace(/^backward_state_/, 'bwd ');

/**
 * Consecutive preprocessing layers (Resizing, Rescaling, RandomFlip, …) draw as one "Preprocessing"
 * box: a chain where each layer's only input is the previous one, used by nothing else, in the same group.
 */
function foldPreprocessingRuns(graph: IRGraph, items: Map<string, VisibleItem>, owner: Map<string, string>): void {
  const consumers = new Map<string, number>();
  for (const node of graph.nodes) for (const input of node.inputs) consumers.set(input, (consumers.get(input) ?? 0) + 1);
  for (const output of graph.outputs) consumers.set(output.name, (consumers.get(output.name) ?? 0) + 1);
  for (const node of graph.nodes) {
    const item = items.get(owner.get(node.name)!)!;
    if (item.type !== 'layer' || node.family !== 'preprocessing' || node.inputs.length !== 1) continue;
    const input = node.inputs[0]!;
    const previous = items.get(owner.get(input) ?? '');
    if (!previous || previous.family !== 'preprocessing' || previous.parent !== item.parent || consumers.get(input) !== 1) continue;
    if (previous.type === 'layer') {
      // The run's first layer becomes the group box.
      previous.type = 'collapsed';
      previous.title = 'Preprocessing';
      previous.id = `${previous.id}__preprocessing`;
      items.delete(previous.nodes[0]!.name);
      items.set(previous.id, previous);
      owner.set(input, previous.id);
    }
    previous.nodes.push(node);
    previous.params += node.params.trainable + node.params.nonTrainable;
    previous.macs += node.macs;
    delete previous.activation;
    items.delete(item.id);
    owner.set(node.name, previous.id);
  }
}

/** Each failed step `expect:` on the visible item showing the step: the layer, or the box its group collapsed into (else its last layer). */
function markMismatches(graph: IRGraph, items: Map<string, VisibleItem>, owner: Map<string, string>): void {
  for (const failure of graph.expectFailures ?? []) {
    if (failure.step === undefined) continue;
    const node = owner.has(failure.step) ? failure.step : graph.groups.find((g) => g.id === failure.step)?.nodes.at(-1);
    const item = node === undefined ? undefined : items.get(owner.get(node)!);
    if (item) item.mismatches = [...(item.mismatches ?? []), failureMark(failure)];
  }
}

/** The group itself, or the block around it that holds nothing else (a bottleneck around its residual): its name says more. */
function outermostWrapper(group: IRGroup, byId: Map<string, IRGroup>): IRGroup {
  const parent = group.parent ? byId.get(group.parent) : undefined;
  return parent && parent.nodes.length === group.nodes.length ? outermostWrapper(parent, byId) : group;
}

/**
 * A group whose only content is one inner group (a user block wrapping its residual) is drawn as one
 * box titled with both names: one frame says it all, and the layout has half the compound nodes.
 */
function mergeWrappers(groups: VisibleGroup[], items: Map<string, VisibleItem>): VisibleGroup[] {
  const childGroups = new Map<string, VisibleGroup[]>();
  for (const g of groups) if (g.parent) childGroups.set(g.parent, [...(childGroups.get(g.parent) ?? []), g]);
  const holdsItems = new Set([...items.values()].map((i) => i.parent));
  const replacedBy = new Map<string, string>();
  const kept: VisibleGroup[] = [];
  for (const g of groups) {
    const inner = childGroups.get(g.id) ?? [];
    if (inner.length === 1 && !holdsItems.has(g.id)) {
      replacedBy.set(g.id, inner[0]!.id);
      continue;
    }
    kept.push(g);
  }
  const resolve = (id: string | null): string | null => (id !== null && replacedBy.has(id) ? resolve(parentOfWrapper(id, groups)) : id);
  for (const g of kept) {
    const wrapper = groups.find((w) => replacedBy.get(w.id) === g.id);
    if (wrapper) {
      g.title = `${wrapper.title} · ${g.kind.replace('_', ' ')}`;
      g.wraps = [wrapper.id];
    }
    g.parent = resolve(g.parent);
  }
  return kept;
}

function parentOfWrapper(id: string, groups: VisibleGroup[]): string | null {
  return groups.find((g) => g.id === id)?.parent ?? null;
}

function firstIndex(group: IRGroup, nodes: Map<string, IRNode>): number {
  return Math.min(...group.nodes.map((n) => nodes.get(n)?.index ?? Number.POSITIVE_INFINITY));
}

/** How many levels of groups nest in the graph (0 when it has none): the depths a fit can choose from. */
export function groupNesting(graph: IRGraph): number {
  const parent = new Map(graph.groups.map((g) => [g.id, g.parent]));
  let deepest = 0;
  for (const g of graph.groups) {
    let level = 1;
    for (let p = g.parent; p !== null && p !== undefined; p = parent.get(p) ?? null) level++;
    deepest = Math.max(deepest, level);
  }
  return deepest;
}
