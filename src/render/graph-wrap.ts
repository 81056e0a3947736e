// Serpentine wrapping of a laid-out graph: the top-level sequence is cut where exactly one edge
// crosses, the pieces are set side by side (columns for top-to-bottom, rows for left-to-right), and
// each cut edge is routed around the pieces — out past the end of its piece, along the gutter, back
// past the start of the next piece — so it never crosses a box.
import { textWidth } from './measure.js';
import { polylineCrossesBox, union } from './geometry.js';
import { SMALL_FONT_SIZE } from './theme.js';
import type { GraphLayout, PlacedEdge } from './graph-layout.js';
import type { DiagramModel } from './model.js';
import type { Box, Direction, Point } from './types.js';

/** Room along the flow before and after each piece, for the wrap edges' runs. */
const CHANNEL = 30;
/** Space between pieces. */
const GUTTER = 40;
const PAD = 16;
/** Offsets from the gutter's middle of the extra wrap edges' lanes (the chain's own edge takes the middle). */
const SIDE_LANES = [-8, 8, -16];

/** Top-level units in flow order (a top-level layer, or a top-level group with all it holds). */
interface Units {
  unitOfItem: Map<string, number>;
  count: number;
  /** Each unit's extent along the flow, from the unwrapped layout. */
  extents: { start: number; end: number }[];
  /**
   * For the cut after unit i: the chain's own edge across it (unit i to unit i+1) and any others
   * (from the last two units before the cut to the first two after, as NASNet's cells take the two
   * previous cells' outputs), or null when it cannot be cut there.
   */
  cuts: ({ main: number; extra: number[] } | null)[];
}

/** A point or box seen along the flow (main) and across it (cross). */
const mainOf = (p: Point, direction: Direction) => (direction === 'TB' ? p.y : p.x);
const crossOf = (p: Point, direction: Direction) => (direction === 'TB' ? p.x : p.y);
const fromAxes = (main: number, cross: number, direction: Direction): Point => (direction === 'TB' ? { x: cross, y: main } : { x: main, y: cross });
const mainSize = (b: Box, direction: Direction) => (direction === 'TB' ? b.height : b.width);
const crossSize = (b: Box, direction: Direction) => (direction === 'TB' ? b.width : b.height);

function findUnits(model: DiagramModel, layout: GraphLayout, direction: Direction): Units {
  const parentOf = new Map(model.groups.map((g) => [g.id, g.parent]));
  const top = (id: string | null, self: string): string => {
    let current = self;
    for (let g = id; g !== null; g = parentOf.get(g) ?? null) current = g;
    return current;
  };
  const order: string[] = [];
  const unitKey = new Map<string, string>();
  for (const item of model.items) {
    const key = top(item.parent, item.id);
    unitKey.set(item.id, key);
    if (!order.includes(key)) order.push(key);
  }
  const index = new Map(order.map((k, i) => [k, i]));
  const unitOfItem = new Map([...unitKey].map(([item, key]) => [item, index.get(key)!]));

  const boxes: Box[][] = order.map(() => []);
  for (const p of layout.items) boxes[unitOfItem.get(p.item.id)!]!.push(p);
  for (const p of layout.groups) {
    const u = index.get(top(p.group.parent, p.group.id));
    if (u !== undefined) boxes[u]!.push(p);
  }
  const extents = boxes.map((list) => {
    const b = union(list)!;
    const start = mainOf(b, direction);
    return { start, end: start + mainSize(b, direction) };
  });

  // The edges spanning each cut; a backward edge blocks every cut it spans.
  const spanning: number[][] = order.map(() => []);
  const blocked = new Set<number>();
  layout.edges.forEach((placed, e) => {
    const a = unitOfItem.get(placed.edge.source)!;
    const b = unitOfItem.get(placed.edge.target)!;
    for (let i = Math.min(a, b); i < Math.max(a, b); i++) {
      spanning[i]!.push(e);
      if (a > b) blocked.add(i);
    }
  });
  // A cut needs the chain's own link across it, no output before it and no input after it (a head or
  // a second input stays with its trunk), and at most two more edges, each between the cut's
  // neighbours.
  const hasOut = new Set<number>();
  const hasIn = new Set<number>();
  for (const placed of layout.edges) {
    hasOut.add(unitOfItem.get(placed.edge.source)!);
    hasIn.add(unitOfItem.get(placed.edge.target)!);
  }
  let firstSink = order.length;
  let lastSource = 0;
  order.forEach((_, u) => {
    if (!hasOut.has(u)) firstSink = Math.min(firstSink, u);
    if (!hasIn.has(u)) lastSource = u;
  });
  const cuts = order.map((_, i) => {
    if (i >= order.length - 1 || blocked.has(i) || i >= firstSink || i < lastSource) return null;
    const across = spanning[i]!;
    if (across.length === 0 || across.length > 3) return null;
    const ends = (e: number) => [unitOfItem.get(layout.edges[e]!.edge.source)!, unitOfItem.get(layout.edges[e]!.edge.target)!] as const;
    const main = across.find((e) => ends(e)[0] === i && ends(e)[1] === i + 1);
    if (main === undefined) return null;
    const extra = across.filter((e) => e !== main);
    if (extra.some((e) => ends(e)[0] < i - 1 || ends(e)[1] > i + 2)) return null;
    return { main, extra };
  });
  return { unitOfItem, count: order.length, extents, cuts };
}

/**
 * Splits units 0..n-1 into `pieces` runs at allowed cuts, minimising the longest run along the flow.
 * Returns the unit index each run starts at, or null when there are not enough cuts.
 */
function partition(units: Units, pieces: number): number[] | null {
  const n = units.count;
  const length = (from: number, to: number) => {
    let start = Infinity;
    let end = -Infinity;
    for (let u = from; u <= to; u++) {
      start = Math.min(start, units.extents[u]!.start);
      end = Math.max(end, units.extents[u]!.end);
    }
    return end - start;
  };
  // best[k][j]: the least longest run covering units 0..j in k+1 runs, the last ending at j.
  const best: number[][] = [];
  const from: number[][] = [];
  for (let k = 0; k < pieces; k++) {
    best.push(new Array<number>(n).fill(Infinity));
    from.push(new Array<number>(n).fill(-1));
    for (let j = 0; j < n; j++) {
      if (j < n - 1 && units.cuts[j] === null) continue;
      if (k === 0) {
        best[0]![j] = length(0, j);
        continue;
      }
      for (let i = k - 1; i < j; i++) {
        if (best[k - 1]![i] === Infinity) continue;
        const value = Math.max(best[k - 1]![i]!, length(i + 1, j));
        if (value < best[k]![j]!) {
          best[k]![j] = value;
          from[k]![j] = i;
        }
      }
    }
  }
  if (best[pieces - 1]![n - 1] === Infinity) return null;
  const starts: number[] = [];
  let j = n - 1;
  for (let k = pieces - 1; k > 0; k--) {
    const i = from[k]![j]!;
    starts.unshift(i + 1);
    j = i;
  }
  return [0, ...starts];
}

/** How many pieces the units can be cut into at most. */
export function maxPieces(model: DiagramModel, layout: GraphLayout, direction: Direction): number {
  return findUnits(model, layout, direction).cuts.filter((c) => c !== null).length + 1;
}

/**
 * The layout cut into `pieces` pieces set side by side, or null when it cannot be cut so (too few
 * cut points, or a wrap edge would cross a box). One piece returns the layout as it is.
 */
export function wrapLayout(model: DiagramModel, layout: GraphLayout, direction: Direction, pieces: number): GraphLayout | null {
  if (pieces <= 1) return layout;
  const units = findUnits(model, layout, direction);
  const starts = partition(units, pieces);
  if (!starts) return null;
  const pieceOfUnit = (u: number) => starts.filter((s) => s <= u).length - 1;
  const pieceOfItem = (id: string) => pieceOfUnit(units.unitOfItem.get(id)!);
  const pieceOfGroup = new Map<string, number>();
  for (const p of layout.items) {
    for (let g = p.item.parent; g !== null; g = model.groups.find((x) => x.id === g)?.parent ?? null) pieceOfGroup.set(g, pieceOfItem(p.item.id));
  }

  // Each piece's bounds in the unwrapped layout: its boxes, its own edges and their labels.
  const contents: Box[][] = starts.map(() => []);
  for (const p of layout.items) contents[pieceOfItem(p.item.id)]!.push(p);
  for (const p of layout.groups) contents[pieceOfGroup.get(p.group.id) ?? 0]!.push(p);
  const wrapEdges = new Set<number>();
  /** Extra wrap edges (beside the chain's own) and their lane in the gutter. */
  const sideLane = new Map<number, number>();
  for (let k = 1; k < starts.length; k++) {
    const cut = units.cuts[starts[k]! - 1]!;
    wrapEdges.add(cut.main);
    cut.extra.forEach((e, j) => {
      wrapEdges.add(e);
      sideLane.set(e, SIDE_LANES[j]!);
    });
  }
  // Every wrap edge links neighbouring pieces (a piece of one unit would let an edge skip a piece).
  for (const e of wrapEdges) {
    if (pieceOfItem(layout.edges[e]!.edge.target) !== pieceOfItem(layout.edges[e]!.edge.source) + 1) return null;
  }
  layout.edges.forEach((e, i) => {
    if (wrapEdges.has(i)) return;
    contents[pieceOfItem(e.edge.source)]!.push(e.label, ...e.points.map((p) => ({ ...p, width: 0, height: 0 })));
  });
  const bounds = contents.map((list) => union(list)!);

  // Shift of each piece: its start to CHANNEL along the flow, pieces one after another across it.
  const shifts: Point[] = [];
  const crossEnds: number[] = [];
  let cross = PAD;
  for (const b of bounds) {
    const main = CHANNEL - mainOf(b, direction);
    const shift = fromAxes(main, cross - crossOf(b, direction), direction);
    shifts.push(shift);
    cross += crossSize(b, direction);
    crossEnds.push(cross);
    cross += GUTTER;
  }
  const move = <T extends Point>(p: T, k: number): T => ({ ...p, x: p.x + shifts[k]!.x, y: p.y + shifts[k]!.y });

  const items = layout.items.map((p) => move(p, pieceOfItem(p.item.id)));
  const groups = layout.groups.map((p) => move(p, pieceOfGroup.get(p.group.id) ?? 0));
  const itemBox = new Map(items.map((p) => [p.item.id, p]));
  const edges: PlacedEdge[] = layout.edges.map((placed, i) => {
    const k = pieceOfItem(placed.edge.source);
    if (!wrapEdges.has(i)) return { ...placed, points: placed.points.map((p) => move(p, k)), label: move(placed.label, k) };
    const lane = sideLane.get(i);
    if (lane !== undefined)
      return routeSide(placed, itemBox.get(placed.edge.source)!, itemBox.get(placed.edge.target)!, crossEnds[k]! + GUTTER / 2 + lane, direction);
    return routeWrap(
      placed,
      itemBox.get(placed.edge.source)!,
      itemBox.get(placed.edge.target)!,
      CHANNEL + mainSize(bounds[k]!, direction),
      crossEnds[k]!,
      direction,
    );
  });

  // A wrap edge must not pass through any box but its own ends.
  for (const i of wrapEdges) {
    const e = edges[i]!;
    for (const p of items) {
      if (p.item.id === e.edge.source || p.item.id === e.edge.target) continue;
      if (polylineCrossesBox(e.points, p)) return null;
    }
  }

  const mainEnd = Math.max(...bounds.map((b) => mainSize(b, direction))) + 2 * CHANNEL;
  const size = fromAxes(mainEnd, cross - GUTTER + PAD, direction);
  return { width: size.x, height: size.y, items, groups, edges, wrapped: pieces };
}

/** Out of the source past its piece's end, along the gutter, back before the next piece's start, into the target. */
function routeWrap(placed: PlacedEdge, source: Box, target: Box, pieceEnd: number, crossEnd: number, direction: Direction): PlacedEdge {
  const sourceCross = crossOf(source, direction) + crossSize(source, direction) / 2;
  const targetCross = crossOf(target, direction) + crossSize(target, direction) / 2;
  const out = pieceEnd + CHANNEL / 2;
  const back = CHANNEL / 2;
  const gutter = crossEnd + GUTTER / 2;
  const points = [
    fromAxes(mainOf(source, direction) + mainSize(source, direction), sourceCross, direction),
    fromAxes(out, sourceCross, direction),
    fromAxes(out, gutter, direction),
    fromAxes(back, gutter, direction),
    fromAxes(back, targetCross, direction),
    fromAxes(mainOf(target, direction), targetCross, direction),
  ];
  // Unlabelled when the boxes show their shapes (the flat layout's edge had no label either).
  if (placed.label.text === '') return { edge: placed.edge, points, label: { ...points[0]!, width: 0, height: 0, text: '' }, wrap: true };
  // The label sits on a horizontal run: the run past the piece's end (columns) or along the gutter (rows).
  const text = placed.label.text;
  const width = Math.ceil(textWidth(text, SMALL_FONT_SIZE) + 6);
  const height = SMALL_FONT_SIZE + 4;
  const [a, b] = direction === 'TB' ? [points[1]!, points[2]!] : [points[2]!, points[3]!];
  const lo = Math.min(a.x, b.x);
  const hi = Math.max(a.x, b.x);
  const centre = direction === 'TB' ? Math.max(lo + width / 2, Math.min((lo + hi) / 2, hi - width / 2)) : lo + Math.min(width / 2 + 24, (hi - lo) / 2);
  return { edge: placed.edge, points, label: { x: centre - width / 2, y: a.y - height / 2, width, height, text }, wrap: true };
}

/**
 * An extra edge across a cut: out of the source's side toward the gutter, along its lane to the
 * target's level, into the target's near side. Unlabelled: the chain's own edge carries the shape.
 */
function routeSide(placed: PlacedEdge, source: Box, target: Box, lane: number, direction: Direction): PlacedEdge {
  const sourceMain = mainOf(source, direction) + mainSize(source, direction) / 2;
  const targetMain = mainOf(target, direction) + mainSize(target, direction) / 2;
  const points = [
    fromAxes(sourceMain, crossOf(source, direction) + crossSize(source, direction), direction),
    fromAxes(sourceMain, lane, direction),
    fromAxes(targetMain, lane, direction),
    fromAxes(targetMain, crossOf(target, direction), direction),
  ];
  return { edge: placed.edge, points, label: { ...points[0]!, width: 0, height: 0, text: '' }, wrap: true };
}
