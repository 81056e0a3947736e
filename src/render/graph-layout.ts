// Measure and layout phases of the graph view: box sizes from estimated text widths, then elkjs
// (layered, compound nodes for groups, orthogonal edges) places everything.
import type { ELK, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import { FONT_SIZE, SMALL_FONT_SIZE } from './theme.js';
import { textWidth } from './measure.js';
import {
  DEFAULT_SHOW,
  edgeText,
  itemLabel,
  shapesOnEdges,
  type DiagramModel,
  type ShowField,
  type VisibleEdge,
  type VisibleGroup,
  type VisibleItem,
} from './model.js';
import type { Box, Direction, Point } from './types.js';

export const NODE_PADDING_X = 12;
export const LINE_HEIGHT = 17;
export const NODE_PADDING_Y = 8;
export const GROUP_TITLE_HEIGHT = 22;
const EDGE_LABEL_PAD = 3;

export interface TextLine {
  text: string;
  size: number;
  bold: boolean;
  muted: boolean;
}

export interface PlacedItem extends Box {
  item: VisibleItem;
  lines: TextLine[];
  /** Room kept right of and below the front card for the cards stacked behind a collapsed block. */
  cardRoom?: number;
}

/** Collapsed blocks are a small stack of cards: the layout keeps room for the two behind the front one. */
export const CARD_ROOM = 6;

export interface PlacedGroup extends Box {
  group: VisibleGroup;
}

export interface PlacedEdge {
  edge: VisibleEdge;
  points: Point[];
  label: Box & { text: string };
  /** A wrap edge, routed around the pieces of a serpentine layout. */
  wrap?: boolean;
}

export interface GraphLayout {
  width: number;
  height: number;
  items: PlacedItem[];
  groups: PlacedGroup[];
  edges: PlacedEdge[];
  /** Number of pieces the layout was wrapped into (serpentine); absent when not wrapped. */
  wrapped?: number;
}

/** A box's lines: the title (with a fused activation), then parameters/MACs and the shape as `--show` asks. */
export function itemLines(item: VisibleItem, show: readonly ShowField[] = DEFAULT_SHOW): TextLine[] {
  const label = itemLabel(item, show);
  const lines: TextLine[] = [{ text: label.title, size: FONT_SIZE, bold: true, muted: false }];
  for (const detail of label.details) lines.push({ text: detail, size: SMALL_FONT_SIZE, bold: false, muted: true });
  if (label.shape !== undefined) lines.push({ text: label.shape, size: SMALL_FONT_SIZE, bold: false, muted: true });
  return lines;
}

/** The node's size for layout: its box, plus the card room of a collapsed block. */
export function measureItem(item: VisibleItem, show?: readonly ShowField[]): { width: number; height: number; lines: TextLine[] } {
  const lines = itemLines(item, show);
  const textMax = Math.max(...lines.map((l) => textWidth(l.text, l.size, l.bold)));
  const room = item.type === 'collapsed' ? CARD_ROOM : 0;
  return { width: Math.ceil(Math.max(textMax + 2 * NODE_PADDING_X, 96)) + room, height: lines.length * LINE_HEIGHT + 2 * NODE_PADDING_Y + room, lines };
}

const LAYOUT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.json.shapeCoords': 'ROOT',
  'elk.json.edgeCoords': 'ROOT',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.spacing.nodeNodeBetweenLayers': '26',
  'elk.layered.spacing.edgeNodeBetweenLayers': '14',
  'elk.spacing.nodeNode': '26',
  'elk.spacing.edgeNode': '14',
  'elk.spacing.edgeEdge': '10',
  'elk.spacing.edgeLabel': '4',
  'elk.edgeLabels.inline': 'false',
  'elk.layered.edgeLabels.sideSelection': 'ALWAYS_DOWN',
  'elk.padding': '[top=16,left=16,bottom=16,right=16]',
  'elk.randomSeed': '1',
  'elk.layered.thoroughness': '1',
  // Speed on big graphs (ResNet-152 expanded): fewer crossing-minimisation sweeps, model order kept.
  'elk.layered.cycleBreaking.strategy': 'MODEL_ORDER',
  'elk.separateConnectedComponents': 'false',
};
const GROUP_PADDING = `[top=${GROUP_TITLE_HEIGHT + 8},left=12,bottom=12,right=12]`;

// elk.bundled.js is CommonJS: Node hands its module.exports over as the default, bundlers may wrap it.
// Loaded on first use: chains (src/render/chain-layout.ts), the U and the stack view never need it,
// and parsing its 1.5 MB costs a cold start ~0.1 s.
type ElkClass = new () => ELK;
let elk: ELK | undefined;
async function loadElk(): Promise<ELK> {
  const bundle: unknown = await import('elkjs/lib/elk.bundled.js');
  const wrapped = bundle as { default?: ElkClass | { default?: ElkClass } };
  const ctor = (typeof wrapped.default === 'function' ? wrapped.default : (wrapped.default?.default ?? bundle)) as ElkClass;
  return new ctor();
}

export async function layoutGraph(model: DiagramModel, direction: Direction): Promise<GraphLayout> {
  const containers = new Map<string | null, ElkNode>();
  const root: ElkNode = {
    id: '__root',
    layoutOptions: { ...LAYOUT_OPTIONS, 'elk.direction': direction === 'LR' ? 'RIGHT' : 'DOWN' },
    children: [],
    edges: [],
  };
  containers.set(null, root);
  const parentOf = new Map<string, string | null>();
  for (const group of model.groups) parentOf.set(group.id, group.parent);
  // Children go in model (topological) order: a group sits where its first layer does, which keeps
  // the MODEL_ORDER cycle breaking and crossing minimisation faithful to the network's flow.
  const groupOrder = new Map<string, number>();
  for (const item of model.items) {
    for (let g = item.parent; g !== null; g = parentOf.get(g) ?? null) groupOrder.set(g, Math.min(groupOrder.get(g) ?? item.order, item.order));
  }
  const entries: { order: number; parent: string | null; node: ElkNode }[] = [];
  for (const group of model.groups) {
    const node: ElkNode = { id: group.id, layoutOptions: { 'elk.padding': GROUP_PADDING }, children: [], edges: [] };
    containers.set(group.id, node);
    entries.push({ order: groupOrder.get(group.id) ?? 0, parent: group.parent, node });
  }
  const measured = new Map<string, TextLine[]>();
  for (const item of model.items) {
    const { width, height, lines } = measureItem(item, model.show);
    measured.set(item.id, lines);
    entries.push({ order: item.order, parent: item.parent, node: { id: item.id, width, height } });
    parentOf.set(item.id, item.parent);
  }
  entries.sort((a, b) => a.order - b.order || Number(b.node.children !== undefined) - Number(a.node.children !== undefined));
  for (const entry of entries) containers.get(entry.parent)!.children!.push(entry.node);
  const labelled = shapesOnEdges(model.show);
  model.edges.forEach((edge, i) => {
    const text = edgeText(edge, labelled);
    const elkEdge: ElkExtendedEdge = {
      id: `e${i}`,
      sources: [edge.source],
      targets: [edge.target],
      labels: text !== '' ? [{ id: `l${i}`, text, width: Math.ceil(textWidth(text, SMALL_FONT_SIZE) + 2 * EDGE_LABEL_PAD), height: SMALL_FONT_SIZE + 4 }] : [],
    };
    containers.get(commonAncestor(edge.source, edge.target, parentOf))!.edges!.push(elkEdge);
  });

  elk ??= await loadElk();
  const laid = await elk.layout(root);
  return collect(laid, model, measured);
}

function ancestors(id: string, parentOf: Map<string, string | null>): (string | null)[] {
  const chain: (string | null)[] = [];
  let current = parentOf.get(id) ?? null;
  while (current !== null) {
    chain.push(current);
    current = parentOf.get(current) ?? null;
  }
  chain.push(null);
  return chain;
}

function commonAncestor(a: string, b: string, parentOf: Map<string, string | null>): string | null {
  const upB = new Set(ancestors(b, parentOf));
  return ancestors(a, parentOf).find((c) => upB.has(c)) ?? null;
}

function collect(root: ElkNode, model: DiagramModel, measured: Map<string, TextLine[]>): GraphLayout {
  const boxes = new Map<string, Box>();
  const allEdges: ElkExtendedEdge[] = [];
  const walk = (node: ElkNode) => {
    for (const child of node.children ?? []) {
      boxes.set(child.id, { x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? 0, height: child.height ?? 0 });
      walk(child);
    }
    allEdges.push(...(node.edges ?? []));
  };
  walk(root);
  const edgeById = new Map(allEdges.map((e) => [e.id, e]));
  return {
    width: root.width ?? 0,
    height: root.height ?? 0,
    items: model.items.map((item) => ({
      ...boxes.get(item.id)!,
      item,
      lines: measured.get(item.id)!,
      ...(item.type === 'collapsed' ? { cardRoom: CARD_ROOM } : {}),
    })),
    groups: model.groups.map((group) => ({ ...boxes.get(group.id)!, group })),
    edges: model.edges.map((edge, i) => {
      const laid = edgeById.get(`e${i}`)!;
      const points: Point[] = [];
      for (const section of laid.sections ?? []) {
        points.push(section.startPoint, ...(section.bendPoints ?? []), section.endPoint);
      }
      const label = laid.labels?.[0];
      return {
        edge,
        points,
        label: label
          ? { x: label.x ?? 0, y: label.y ?? 0, width: label.width ?? 0, height: label.height ?? 0, text: label.text ?? '' }
          : { ...points[0]!, width: 0, height: 0, text: '' },
      };
    }),
  };
}
