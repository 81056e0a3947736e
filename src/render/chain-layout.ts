// The graph view's fast path: a chain of top-level boxes (each fed by the one before it, no open
// group frames) laid out directly, without elkjs — the boxes on one axis, the chain's edges straight
// with their shape label beside them, and every longer forward edge (NASNet's cells read the two
// previous cells) in a lane beside the chain. Deep networks drawn collapsed are such chains, and
// elkjs needed 0.3–0.5 s for each of them (NASNet-Large's 28 cells) where this takes a millisecond.
// Anything else (branches at the top level, several heads, open groups) returns null: elkjs lays it out.
import { textWidth } from './measure.js';
import { CARD_ROOM, GROUP_TITLE_HEIGHT, measureItem, type GraphLayout, type PlacedEdge, type PlacedItem } from './graph-layout.js';
import { edgeText, shapesOnEdges, type DiagramModel } from './model.js';
import { SMALL_FONT_SIZE } from './theme.js';
import type { Box, Direction, Point } from './types.js';

const PADDING = 16;
/** Between consecutive boxes along the flow, besides the label's own room (as elkjs's layer spacing). */
const LAYER_GAP = 26;
const LABEL_PAD = 3;
const LABEL_HEIGHT = SMALL_FONT_SIZE + 4;
/** Room between the chain (or its labels) and the first lane, and between lanes. */
const LANE_MARGIN = 14;
const LANE_STEP = 10;
/** Where lane edges leave and enter a box, from its middle along the flow: out below, in above. */
const PORT_STEP = 8;
const MAX_PORTS = 3;
/** A frame's room for its title before its run, and its padding elsewhere (as the elkjs layout's groups). */
const FRAME_TITLE = GROUP_TITLE_HEIGHT + 8;
const FRAME_PAD = 12;

/** Positions along the flow (main) and across it (cross). */
interface Span {
  main: number;
  mainSize: number;
  cross: number;
  crossSize: number;
}

interface Skip {
  edge: number;
  from: number;
  to: number;
  /** +1: the side after the boxes across the flow (right of a column, below a row); -1: before. */
  side: 1 | -1;
  lane: number;
  outPort: number;
  inPort: number;
}

/** The chain's boxes in flow order, or null when the model is not a chain this layout draws. */
function chainOrder(model: DiagramModel): number[] | null {
  if (model.items.length < 2) return null;
  const order = model.items.map((_, i) => i).sort((a, b) => model.items[a]!.order - model.items[b]!.order);
  const position = new Map(order.map((item, k) => [model.items[item]!.id, k]));
  const fedByPrevious = new Set<number>();
  for (const edge of model.edges) {
    const from = position.get(edge.source);
    const to = position.get(edge.target);
    if (from === undefined || to === undefined || from >= to) return null;
    if (to === from + 1) fedByPrevious.add(to);
  }
  return fedByPrevious.size === order.length - 1 && framesAreRuns(model, order) ? order : null;
}

/** Frames drawn here: top-level groups each holding one unbroken run of the chain (stages around their blocks). */
function framesAreRuns(model: DiagramModel, order: number[]): boolean {
  if (model.groups.some((g) => g.parent !== null)) return false;
  const seen = new Set<string | null>();
  let previous: string | null = null;
  for (const i of order) {
    const parent = model.items[i]!.parent;
    if (parent !== previous && parent !== null && seen.has(parent)) return false;
    seen.add(parent);
    previous = parent;
  }
  return model.groups.every((g) => seen.has(g.id));
}

/**
 * Lanes beside the chain. On one side, two lane edges cross exactly when their spans overlap
 * without nesting, so each edge takes the first side where it overlaps none (null when neither
 * has room: elkjs then); within a side a span nesting others runs outside them, and where several
 * leave or enter one box the longer ones use the ports nearer its middle, so none crosses another.
 */
function assignSkips(model: DiagramModel, position: Map<string, number>): Skip[] | null {
  const skips: Skip[] = [];
  model.edges.forEach((edge, e) => {
    const from = position.get(edge.source)!;
    const to = position.get(edge.target)!;
    if (to > from + 1) skips.push({ edge: e, from, to, side: 1, lane: 0, outPort: 0, inPort: 0 });
  });
  const crossing = (a: Skip, b: Skip) => (a.from < b.from && b.from < a.to && a.to < b.to) || (b.from < a.from && a.from < b.to && b.to < a.to);
  const placed: Skip[] = [];
  for (const skip of [...skips].sort((a, b) => a.from - b.from || b.to - a.to)) {
    const side = ([1, -1] as const).find((side) => !placed.some((other) => other.side === side && crossing(skip, other)));
    if (side === undefined) return null;
    skip.side = side;
    placed.push(skip);
  }
  const length = (s: Skip) => s.to - s.from;
  for (const skip of [...skips].sort((a, b) => length(a) - length(b))) {
    const inside = skips.filter((o) => o !== skip && o.side === skip.side && length(o) < length(skip) && o.from >= skip.from && o.to <= skip.to);
    skip.lane = inside.length === 0 ? 0 : Math.max(...inside.map((o) => o.lane)) + 1;
  }
  const ports = (end: (s: Skip) => number, set: (s: Skip, port: number) => void) => {
    const groups = new Map<string, Skip[]>();
    for (const skip of skips) {
      const key = `${end(skip)}:${skip.side}`;
      groups.set(key, [...(groups.get(key) ?? []), skip]);
    }
    for (const group of groups.values()) group.sort((a, b) => length(b) - length(a)).forEach((skip, port) => set(skip, port));
  };
  ports(
    (s) => s.from,
    (s, port) => (s.outPort = port),
  );
  ports(
    (s) => s.to,
    (s, port) => (s.inPort = port),
  );
  return skips.some((s) => s.outPort >= MAX_PORTS || s.inPort >= MAX_PORTS) ? null : skips;
}

export function chainLayout(model: DiagramModel, direction: Direction): GraphLayout | null {
  const order = chainOrder(model);
  if (!order) return null;
  const position = new Map(order.map((item, k) => [model.items[item]!.id, k]));
  const skips = assignSkips(model, position);
  if (!skips) return null;
  const tb = direction === 'TB';
  const toPoint = (main: number, cross: number): Point => (tb ? { x: cross, y: main } : { x: main, y: cross });
  const toBox = (s: Span): Box =>
    tb ? { x: s.cross, y: s.main, width: s.crossSize, height: s.mainSize } : { x: s.main, y: s.cross, width: s.mainSize, height: s.crossSize };

  const measured = order.map((i) => measureItem(model.items[i]!, model.show));
  const chainLabel = (k: number) => {
    const edge = model.edges.find((e) => position.get(e.source) === k - 1 && position.get(e.target) === k)!;
    const text = edgeText(edge, shapesOnEdges(model.show));
    return text === '' ? null : { text, width: Math.ceil(textWidth(text, SMALL_FONT_SIZE) + 2 * LABEL_PAD), height: LABEL_HEIGHT };
  };
  const labels = order.map((_, k) => (k === 0 ? null : chainLabel(k)));

  // Along the flow: boxes one after another, each gap roomy enough for its label.
  const spans: Span[] = [];
  const frameOf = order.map((i) => model.items[i]!.parent);
  const frameStarts = (k: number) => frameOf[k] !== null && (k === 0 || frameOf[k - 1] !== frameOf[k]);
  const frameEnds = (k: number) => frameOf[k] !== null && (k === order.length - 1 || frameOf[k + 1] !== frameOf[k]);
  let main = 0;
  order.forEach((_, k) => {
    const { width, height } = measured[k]!;
    const label = labels[k];
    main += !label ? LAYER_GAP : tb ? LAYER_GAP + label.height : label.width + LAYER_GAP;
    if (frameStarts(k)) main += tb ? FRAME_TITLE : FRAME_PAD;
    const room = model.items[order[k]!]!.type === 'collapsed' ? CARD_ROOM : 0;
    // Front cards centred on the axis (cross 0); the cards behind stick out after it.
    const frontCross = (tb ? width : height) - room;
    spans.push({ main, mainSize: tb ? height : width, cross: -frontCross / 2, crossSize: tb ? width : height });
    main += tb ? height : width;
    if (frameEnds(k)) main += FRAME_PAD;
  });

  // Frames around their runs: the title on top (before the run in a column, above it in a row).
  const frames = model.groups.map((group) => {
    const inside = spans.filter((_, k) => frameOf[k] === group.id);
    const first = inside[0]!;
    const last = inside[inside.length - 1]!;
    const low = Math.min(...inside.map((sp) => sp.cross)) - (tb ? FRAME_PAD : FRAME_TITLE);
    const high = Math.max(...inside.map((sp) => sp.cross + sp.crossSize)) + FRAME_PAD;
    const start = first.main - (tb ? FRAME_TITLE : FRAME_PAD);
    return { group, span: { main: start, mainSize: last.main + last.mainSize + FRAME_PAD - start, cross: low, crossSize: high - low } };
  });

  // Labels beside their edge, before the axis across the flow (left of a column, above a row).
  const placedLabels = labels.map((label, k) => {
    if (!label) return null;
    const gapStart = spans[k - 1]!.main + spans[k - 1]!.mainSize;
    const gapEnd = spans[k]!.main;
    const mid = (gapStart + gapEnd) / 2;
    const span: Span = tb
      ? { main: mid - label.height / 2, mainSize: label.height, cross: -4 - label.width, crossSize: label.width }
      : { main: mid - label.width / 2, mainSize: label.width, cross: -4 - label.height, crossSize: label.height };
    return { span, text: label.text };
  });

  const crossMax = Math.max(...spans.map((s) => s.cross + s.crossSize), ...frames.map((f) => f.span.cross + f.span.crossSize));
  const crossMin = Math.min(...spans.map((s) => s.cross), ...placedLabels.map((l) => (l ? l.span.cross : 0)), ...frames.map((f) => f.span.cross));
  const laneCross = (skip: Skip) => (skip.side === 1 ? crossMax + LANE_MARGIN + skip.lane * LANE_STEP : crossMin - LANE_MARGIN - skip.lane * LANE_STEP);
  const sideOf = (s: Span, side: 1 | -1) => (side === 1 ? s.cross + s.crossSize : s.cross);
  const middle = (s: Span) => s.main + s.mainSize / 2;

  const edges: PlacedEdge[] = model.edges.map((edge) => {
    const from = spans[position.get(edge.source)!]!;
    const to = spans[position.get(edge.target)!]!;
    const start = toPoint(from.main + from.mainSize, 0);
    const end = toPoint(to.main, 0);
    return { edge, points: [start, end], label: { ...start, width: 0, height: 0, text: '' } };
  });
  placedLabels.forEach((label, k) => {
    if (!label) return;
    const e = model.edges.findIndex((edge) => position.get(edge.source) === k - 1 && position.get(edge.target) === k);
    edges[e]!.label = { ...toBox(label.span), text: label.text };
  });
  for (const skip of skips) {
    const from = spans[skip.from]!;
    const to = spans[skip.to]!;
    const lane = laneCross(skip);
    const out = middle(from) + PORT_STEP * (skip.outPort + 0.5);
    const into = middle(to) - PORT_STEP * (skip.inPort + 0.5);
    edges[skip.edge]!.points = [toPoint(out, sideOf(from, skip.side)), toPoint(out, lane), toPoint(into, lane), toPoint(into, sideOf(to, skip.side))];
  }

  // Shift everything so the drawing starts at the padding.
  const laneExtent = skips.map(laneCross);
  const lowCross = Math.min(crossMin, ...laneExtent);
  const highCross = Math.max(crossMax, ...laneExtent);
  const shift = (p: Point): Point => (tb ? { x: p.x - lowCross + PADDING, y: p.y + PADDING } : { x: p.x + PADDING, y: p.y - lowCross + PADDING });
  const shiftBox = <T extends Box>(b: T): T => ({ ...b, ...shift(b) });
  const items: PlacedItem[] = order.map((i, k) => {
    const item = model.items[i]!;
    return { ...shiftBox(toBox(spans[k]!)), item, lines: measured[k]!.lines, ...(item.type === 'collapsed' ? { cardRoom: CARD_ROOM } : {}) };
  });
  const length = main + 2 * PADDING;
  const breadth = highCross - lowCross + 2 * PADDING;
  return {
    width: tb ? breadth : length,
    height: tb ? length : breadth,
    // PlacedItem order follows the model's items, as elkjs's layouts do.
    items: model.items.map((item) => items.find((p) => p.item === item)!),
    groups: frames.map((f) => ({ ...shiftBox(toBox(f.span)), group: f.group })),
    edges: edges.map((e) => ({ ...e, points: e.points.map(shift), label: shiftBox(e.label) })),
  };
}
