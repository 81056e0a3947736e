// Measure and layout phases of the stack view (the NN-SVG / PlotNeuralNet look): each output a 3D
// box sized from its shape (log-scaled, clamped), shape-preserving norm/activation/dropout layers
// folded into the box before them as thin slabs, rows wrapped to a slide's width, skips as arcs.
import type { Shape } from '../layers/types.js';
import { FONT_SIZE, SMALL_FONT_SIZE } from './theme.js';
import { formatShape, textWidth } from './measure.js';
import type { DiagramModel, VisibleItem } from './model.js';

/** Widest drawing in SVG units (margins aside): shown 1280 px wide, 11 px text stays at 10 px or more. */
export const MAX_CONTENT_WIDTH = 1360;
const COLUMN_GAP = 30;
/** Room left of each row for the arrow that enters it. */
const ROW_INDENT = 30;
const LABEL_LINE = 15;
const LANE_GAP = 14;
const FOLDABLE = new Set(['norm', 'activation', 'regularization']);

export interface Solid {
  /** Front face: left x, top y, thickness (x extent) and height. */
  x: number;
  y: number;
  thickness: number;
  height: number;
  /** Oblique depth offset (dx right, dy up — dy is negative). */
  dx: number;
  dy: number;
  /** Spatial volumes (Conv3D) show their depth slices. */
  slices: number;
}

export interface Column {
  item: VisibleItem;
  /** Folded layers, drawn as slabs on the box's back end. */
  folded: VisibleItem[];
  solid: Solid;
  slabWidth: number;
  row: number;
  /** Column extent along x. */
  left: number;
  width: number;
  labelLines: { text: string; size: number; bold: boolean }[];
  labelTop: number;
}

export interface Arc {
  source: number;
  target: number;
  /** Polyline of the arc (rounded when drawn). */
  points: { x: number; y: number }[];
}

export interface Arrow {
  from: { x: number; y: number };
  to: { x: number; y: number };
}

export interface StackLayout {
  width: number;
  height: number;
  columns: Column[];
  arrows: Arrow[];
  arcs: Arc[];
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const size = (n: number | null | undefined, fallback: number) => (n == null ? fallback : clamp(18 * Math.log2(n + 1), 14, 150));
const thickness = (c: number | null | undefined) => (c == null ? 20 : clamp(4.5 * Math.log2(c + 1), 4, 52));
const oblique = (depth: number) => ({ dx: depth * 0.42, dy: -depth * 0.42 });

/** Box proportions from the shape: H → height, W → oblique depth, C (or D for volumes) → thickness. */
export function solidFor(shape: Shape): Omit<Solid, 'x' | 'y'> {
  const [a, b, c] = shape;
  switch (shape.length) {
    case 4: // D, H, W, C: a volume, its depth D along x in slices; C is in the label.
      return { thickness: clamp(size(a, 60) * 0.5, 8, 70), height: size(b, 60), ...oblique(size(c, 60) * 0.8), slices: clamp(Math.round(Math.log2((a ?? 16) + 1)), 2, 8) };
    case 3:
      return { thickness: thickness(c), height: size(a, 60), ...oblique(size(b, 60) * 0.8), slices: 0 };
    case 2: // L, C: a sequence.
      return { thickness: thickness(b), height: size(a, 60), ...oblique(10), slices: 0 };
    case 1: // A vector: a tall thin bar.
      return { thickness: 10, height: clamp(size(a, 60) * 1.1, 16, 170), ...oblique(10), slices: 0 };
    default:
      return { thickness: 10, height: 10, ...oblique(10), slices: 0 };
  }
}

/** Folds shape-preserving one-input layers into the column before them. */
function buildColumns(model: DiagramModel): { columns: Omit<Column, 'row' | 'left' | 'labelTop'>[]; columnOf: Map<string, number> } {
  const columns: Omit<Column, 'row' | 'left' | 'labelTop'>[] = [];
  const columnOf = new Map<string, number>();
  const inputsOf = new Map<string, string[]>();
  for (const e of model.edges) inputsOf.set(e.target, [...(inputsOf.get(e.target) ?? []), e.source]);
  for (const item of model.items) {
    const prev = columns[columns.length - 1];
    const inputs = inputsOf.get(item.id) ?? [];
    const prevId = prev ? (prev.folded[prev.folded.length - 1] ?? prev.item).id : undefined;
    if (prev && item.type === 'layer' && FOLDABLE.has(item.family) && inputs.length === 1 && inputs[0] === prevId && formatShape(item.shape) === formatShape(prev.item.shape)) {
      prev.folded.push(item);
      columnOf.set(item.id, columns.length - 1);
      continue;
    }
    columnOf.set(item.id, columns.length);
    columns.push({ item, folded: [], solid: { x: 0, y: 0, ...solidFor(item.shape) }, slabWidth: 0, width: 0, labelLines: [] });
  }
  for (const col of columns) {
    col.slabWidth = col.folded.length ? clamp(col.solid.thickness * 0.25, 3, 7) : 0;
    const boxWidth = col.solid.thickness + col.slabWidth * col.folded.length + col.solid.dx;
    col.labelLines = labelLines(col.item, Math.max(boxWidth, 84));
    const labelWidth = Math.max(...col.labelLines.map((l) => textWidth(l.text, l.size, l.bold)));
    col.width = Math.max(boxWidth, labelWidth);
  }
  return { columns, columnOf };
}

/** The shape, then the title wrapped at spaces to about the box's width. */
function labelLines(item: VisibleItem, maxWidth: number): Column['labelLines'] {
  const lines: Column['labelLines'] = [{ text: formatShape(item.shape), size: FONT_SIZE, bold: false }];
  let current = '';
  for (const word of item.title.split(' ')) {
    const next = current ? `${current} ${word}` : word;
    if (current && textWidth(next, SMALL_FONT_SIZE, true) > maxWidth) {
      lines.push({ text: current, size: SMALL_FONT_SIZE, bold: true });
      current = word;
    } else current = next;
  }
  if (current) lines.push({ text: current, size: SMALL_FONT_SIZE, bold: true });
  if (item.detail) lines.push({ text: item.detail, size: SMALL_FONT_SIZE, bold: false });
  return lines;
}

/** Splits columns into rows no wider than MAX_ROW_WIDTH, preferring breaks that few skips cross. */
function breakRows(widths: number[], crossings: number[], maxRowWidth: number): number[][] {
  const rows: number[][] = [];
  let start = 0;
  while (start < widths.length) {
    let end = start;
    let used = widths[start]!;
    while (end + 1 < widths.length && ROW_INDENT + used + COLUMN_GAP + widths[end + 1]! <= maxRowWidth) used += COLUMN_GAP + widths[++end]!;
    if (end + 1 < widths.length) {
      // Break after `best`: the latest boundary with the fewest crossing skips in the row's last 40 %.
      let best = end;
      for (let j = end; j >= start + Math.floor((end - start) * 0.6); j--) if (crossings[j]! < crossings[best]!) best = j;
      end = best;
    }
    rows.push(Array.from({ length: end - start + 1 }, (_, k) => start + k));
    start = end + 1;
  }
  return rows;
}

export function layoutStack(model: DiagramModel): StackLayout {
  // Rows first get the whole width; when skips crossing rows need channels on the right, rows shrink to make room.
  let layout = layoutRows(model, MAX_CONTENT_WIDTH);
  for (let attempt = 0; attempt < 3 && layout.width > MAX_CONTENT_WIDTH; attempt++) {
    layout = layoutRows(model, MAX_CONTENT_WIDTH - (layout.width - layout.rowWidth));
  }
  return layout;
}

function layoutRows(model: DiagramModel, maxRowWidth: number): StackLayout & { rowWidth: number } {
  const { columns: partial, columnOf } = buildColumns(model);
  const links = model.edges
    .map((e) => ({ source: columnOf.get(e.source)!, target: columnOf.get(e.target)! }))
    .filter((l) => l.source < l.target)
    .filter((l, i, all) => all.findIndex((m) => m.source === l.source && m.target === l.target) === i);
  const skips = links.filter((l) => l.target > l.source + 1);
  const crossings = partial.map((_, j) => skips.filter((s) => s.source <= j && s.target > j).length);
  const rows = breakRows(
    partial.map((c) => c.width),
    crossings,
    maxRowWidth,
  );
  const rowOf = new Map<number, number>();
  rows.forEach((row, r) => row.forEach((c) => rowOf.set(c, r)));
  const columns = partial as Column[];
  const laneCount = rows.map(() => 0);
  const laneOf = assignLanes(skips, rowOf, rows, laneCount);

  let y = 0;
  let width = 0;
  const rowGeometry: { laneBase: number; right: number }[] = [];
  rows.forEach((row, r) => {
    const laneBase = y + laneCount[r]! * LANE_GAP;
    const above = Math.max(...row.map((c) => columns[c]!.solid.height / 2 - columns[c]!.solid.dy));
    const below = Math.max(...row.map((c) => columns[c]!.solid.height / 2));
    const centre = laneBase + 12 + above;
    const labelTop = centre + below + 8;
    let x = ROW_INDENT;
    for (const c of row) {
      const col = columns[c]!;
      col.row = r;
      col.left = x;
      col.labelTop = labelTop;
      const boxWidth = col.solid.thickness + col.slabWidth * col.folded.length + col.solid.dx;
      col.solid.x = x + (col.width - boxWidth) / 2;
      col.solid.y = centre - col.solid.height / 2;
      x += col.width + COLUMN_GAP;
    }
    const labels = Math.max(...row.map((c) => columns[c]!.labelLines.length));
    rowGeometry.push({ laneBase, right: x - COLUMN_GAP });
    width = Math.max(width, x - COLUMN_GAP);
    y = labelTop + labels * LABEL_LINE + 18;
  });

  const arrows: Arrow[] = [];
  for (const l of links.filter((l) => l.target === l.source + 1)) arrows.push(...mainArrows(columns[l.source]!, columns[l.target]!, rowGeometry));
  let channels = 0;
  const arcs = skips.map((s, i) => routeArc(s, columns, rowGeometry, laneOf[i]!, width + 14 + 8 * (rowOf.get(s.source) !== rowOf.get(s.target) ? channels++ : 0)));
  return { width: width + (channels ? 14 + channels * 8 + 12 : 0), rowWidth: width, height: y - 10, columns, arrows, arcs };
}

/** Lanes per row, lowest free first, shortest skips nearest the boxes. Returns each skip's lanes per row. */
function assignLanes(skips: { source: number; target: number }[], rowOf: Map<number, number>, rows: number[][], laneCount: number[]): Map<number, number>[] {
  const taken: { from: number; to: number; lane: number }[][] = rows.map(() => []);
  const result: Map<number, number>[] = skips.map(() => new Map());
  const order = skips.map((_, i) => i).sort((a, b) => skips[a]!.target - skips[a]!.source - (skips[b]!.target - skips[b]!.source) || a - b);
  for (const i of order) {
    const { source, target } = skips[i]!;
    const r0 = rowOf.get(source)!;
    const r1 = rowOf.get(target)!;
    for (let r = r0; r <= r1; r++) {
      if (r !== r0 && r !== r1) continue;
      const from = r === r0 ? source : rows[r]![0]!;
      const to = r === r1 ? target : Number.POSITIVE_INFINITY;
      let lane = 0;
      while (taken[r]!.some((t) => t.lane === lane && t.from <= to && from <= t.to)) lane++;
      taken[r]!.push({ from, to, lane });
      laneCount[r] = Math.max(laneCount[r]!, lane + 1);
      result[i]!.set(r, lane);
    }
  }
  return result;
}

function topMiddle(col: Column, towardEnd: boolean): { x: number; y: number } {
  const s = col.solid;
  const total = s.thickness + col.slabWidth * col.folded.length;
  return { x: s.x + total * (towardEnd ? 0.65 : 0.35) + s.dx / 2, y: s.y + s.dy / 2 };
}

function routeArc(
  skip: { source: number; target: number },
  columns: Column[],
  rows: { laneBase: number; right: number }[],
  lanes: Map<number, number>,
  channelX: number,
): Arc {
  const a = columns[skip.source]!;
  const b = columns[skip.target]!;
  const start = topMiddle(a, true);
  const end = topMiddle(b, false);
  const laneY = (row: number) => rows[row]!.laneBase - lanes.get(row)! * LANE_GAP;
  if (a.row === b.row) {
    const ly = laneY(a.row);
    return { source: skip.source, target: skip.target, points: [start, { x: start.x, y: ly }, { x: end.x, y: ly }, end] };
  }
  // Across rows: out to a channel right of every row, down, and back in over the target's row.
  const y0 = laneY(a.row);
  const y1 = laneY(b.row);
  return {
    source: skip.source,
    target: skip.target,
    points: [start, { x: start.x, y: y0 }, { x: channelX, y: y0 }, { x: channelX, y: y1 }, { x: end.x, y: y1 }, end],
  };
}

function mainArrows(a: Column, b: Column, rows: { right: number }[]): Arrow[] {
  const ay = a.solid.y + a.solid.height / 2;
  const by = b.solid.y + b.solid.height / 2;
  const aRight = a.solid.x + a.solid.thickness + a.slabWidth * a.folded.length + a.solid.dx / 2;
  if (a.row === b.row) return [{ from: { x: aRight, y: ay }, to: { x: b.solid.x - 2, y: by } }];
  // Wrapped: a stub leaving the row and one entering the next.
  return [
    { from: { x: aRight, y: ay }, to: { x: Math.max(aRight + 24, rows[a.row]!.right + 12), y: ay } },
    { from: { x: b.solid.x - 26, y: by }, to: { x: b.solid.x - 2, y: by } },
  ];
}
