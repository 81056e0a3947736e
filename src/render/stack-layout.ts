// Layout phase of the stack view: boxes on a line (wrapped into rows when asked), Inception
// branches stacked between split and merge, residual and dense shortcuts arcing over the main path
// (a projection drawn on its arc), separate outputs stacked at the end.
import type { Point } from './types.js';
import type { DiagramModel } from './model.js';
import { buildColumns, columnDown, columnUp, type Column } from './stack-columns.js';
import { placeU, routeU, uLevels } from './u-layout.js';
import { buildStructure, type Link, type ParallelSegment, type Segment, type Structure } from './stack-structure.js';

export const COLUMN_GAP = 30;
/** A U is wide (every box in one left-to-right pass): its boxes sit closer. */
const U_GAP = 22;
/** Clearance between an arc and the boxes under it. */
const LANE = 18;
const BRANCH_GAP = 14;
/** Room for the fan-out and fan-in lines of stacked branches. */
const FAN = 28;
const ROW_GAP = 22;
/** Room left of a wrapped row for the arrow that enters it. */
const ROW_INDENT = 30;

export interface Polyline {
  points: Point[];
  /** `main` along the data path; `skip` for shortcuts and arcs. */
  kind: 'main' | 'skip';
  source: number;
  target: number;
}

export interface StackLayout {
  width: number;
  height: number;
  columns: Column[];
  links: Polyline[];
}

export type StackMode = 'line' | 'wrap' | 'u';

interface Extent {
  width: number;
  up: number;
  down: number;
}

/** Columns, their links and the series-parallel reading of the model, ready for any placement. */
export interface StackScene {
  columns: Column[];
  links: Link[];
  structure: Structure;
}

export function stackScene(model: DiagramModel): StackScene {
  const { columns, columnOf } = buildColumns(model);
  const links = model.edges
    .map((e) => ({ source: columnOf.get(e.source)!, target: columnOf.get(e.target)! }))
    .filter((l) => l.source < l.target)
    .filter((l, i, all) => all.findIndex((m) => m.source === l.source && m.target === l.target) === i);
  const groupKind = new Map(model.groups.map((g) => [g.id, g.kind]));
  const isResidualMerge = (c: number) => {
    const item = columns[c]!.item;
    return item.family === 'merge' && item.parent !== null && groupKind.get(item.parent) === 'residual';
  };
  return { columns, links, structure: buildStructure(columns.length, links, isResidualMerge) };
}

export function topMiddle(col: Column): Point {
  const s = col.solid;
  return { x: s.x + (s.thickness + col.slabWidth * col.folded.length) / 2 + s.dx / 2, y: s.y + s.dy / 2 };
}
export function rightMiddle(col: Column): Point {
  const s = col.solid;
  return { x: s.x + s.thickness + col.slabWidth * col.folded.length + s.dx / 2, y: col.cy };
}
export function leftMiddle(col: Column): Point {
  return { x: col.solid.x - 2, y: col.cy };
}

/** Places one column with its front face centred on the line `cy`. */
export function placeColumn(col: Column, left: number, cy: number): void {
  col.left = left;
  col.cy = cy;
  const box = col.solid.thickness + col.slabWidth * col.folded.length + col.solid.dx;
  col.solid.x = left + (col.width - box) / 2;
  col.solid.y = cy - col.solid.height / 2;
}

class Placer {
  private readonly extents = new Map<Segment[] | Segment, Extent>();
  constructor(private readonly columns: Column[]) {}

  sequence(segments: Segment[]): Extent {
    const known = this.extents.get(segments);
    if (known) return known;
    const parts = segments.map((s) => this.segment(s));
    const extent = {
      width: parts.reduce((w, p) => w + p.width, 0) + COLUMN_GAP * Math.max(0, parts.length - 1),
      up: Math.max(0, ...parts.map((p) => p.up)),
      down: Math.max(0, ...parts.map((p) => p.down)),
    };
    this.extents.set(segments, extent);
    return extent;
  }

  segment(segment: Segment): Extent {
    const known = this.extents.get(segment);
    if (known) return known;
    let extent: Extent;
    if (segment.kind === 'column') {
      const col = this.columns[segment.column]!;
      extent = { width: col.width, up: columnUp(col), down: columnDown(col) };
    } else if (segment.style === 'arc') {
      const main = this.sequence(segment.branches[segment.main]!);
      const shortcut = this.sequence(segment.branches[1 - segment.main]!);
      const base = this.arcBase(segment, main);
      const above = shortcut.width ? shortcut.up + shortcut.down + LANE / 2 : 0;
      extent = { width: Math.max(main.width, shortcut.width + 2 * COLUMN_GAP), up: base + LANE + above, down: main.down };
    } else {
      const parts = segment.branches.map((b) => (b.length ? this.sequence(b) : { width: 0, up: 4, down: 4 }));
      const total = parts.reduce((h, p) => h + p.up + p.down, 0) + BRANCH_GAP * (parts.length - 1);
      const fans = (segment.split === null ? 0 : FAN) + (segment.merge === null ? 0 : FAN);
      extent = { width: Math.max(...parts.map((p) => p.width)) + fans, up: total / 2, down: total / 2 };
    }
    this.extents.set(segment, extent);
    return extent;
  }

  /** How high above the line the arc's boxes reach: the split's, the merge's and the main branch's tops. */
  private arcBase(segment: ParallelSegment, main: Extent): number {
    const ends = [segment.split, segment.merge].filter((c): c is number => c !== null).map((c) => columnUp(this.columns[c]!));
    return Math.max(main.up, ...ends);
  }

  placeSequence(segments: Segment[], left: number, cy: number): void {
    let x = left;
    for (const s of segments) {
      this.placeSegment(s, x, cy);
      x += this.segment(s).width + COLUMN_GAP;
    }
  }

  placeSegment(segment: Segment, left: number, cy: number): void {
    const extent = this.segment(segment);
    if (segment.kind === 'column') return placeColumn(this.columns[segment.column]!, left, cy);
    if (segment.style === 'arc') {
      const mainSegments = segment.branches[segment.main]!;
      const main = this.sequence(mainSegments);
      this.placeSequence(mainSegments, left + (extent.width - main.width) / 2, cy);
      const shortcutSegments = segment.branches[1 - segment.main]!;
      const shortcut = this.sequence(shortcutSegments);
      if (shortcut.width)
        this.placeSequence(shortcutSegments, left + (extent.width - shortcut.width) / 2, cy - this.arcBase(segment, main) - LANE - shortcut.down);
      return;
    }
    let top = cy - extent.up;
    const x = left + (segment.split === null ? 0 : FAN);
    for (const branch of segment.branches) {
      const e = branch.length ? this.sequence(branch) : { width: 0, up: 4, down: 4 };
      if (branch.length) this.placeSequence(branch, x, top + e.up);
      top += e.up + e.down + BRANCH_GAP;
    }
  }

  /** The links a sequence draws, once everything is placed. */
  linksOf(segments: Segment[], out: Polyline[]): void {
    segments.forEach((s, i) => {
      const next = segments[i + 1];
      if (s.kind === 'column' && next?.kind === 'column') out.push(straight(this.columns[s.column]!, this.columns[next.column]!));
      if (s.kind === 'parallel') this.parallelLinks(s, out);
    });
  }

  private parallelLinks(segment: ParallelSegment, out: Polyline[]): void {
    const split = segment.split === null ? null : this.columns[segment.split]!;
    const merge = segment.merge === null ? null : this.columns[segment.merge]!;
    segment.branches.forEach((branch) => this.linksOf(branch, out));
    if (segment.style === 'arc') {
      const main = segment.branches[segment.main]!;
      const shortcut = segment.branches[1 - segment.main]!;
      // A main branch opening with a nested split links from the split by itself.
      if (split && main[0]?.kind === 'column') out.push(straight(split, this.columns[main[0].column]!));
      const last = lastColumn(main);
      if (merge && last !== null) out.push(straight(this.columns[last]!, merge));
      if (!split || !merge) return;
      const a = topMiddle(split);
      const b = topMiddle(merge);
      if (!shortcut.length) {
        const y = split.cy - this.arcBase(segment, this.sequence(main)) - LANE * 0.55;
        out.push({ kind: 'skip', source: split.index, target: merge.index, points: [a, { x: a.x, y }, { x: b.x, y }, b] });
        return;
      }
      const s0 = this.columns[firstColumn(shortcut)]!;
      const s1 = this.columns[lastColumn(shortcut)!]!;
      out.push({ kind: 'skip', source: split.index, target: s0.index, points: [a, { x: a.x, y: s0.cy }, leftMiddle(s0)] });
      const r = rightMiddle(s1);
      out.push({ kind: 'skip', source: s1.index, target: merge.index, points: [r, { x: b.x, y: r.y }, b] });
      return;
    }
    const fanOut = (split?.left ?? 0) + (split?.width ?? 0) + COLUMN_GAP + FAN / 2;
    const fanIn = merge ? merge.left - COLUMN_GAP - FAN / 2 : 0;
    for (const branch of segment.branches) {
      if (!branch.length) {
        if (split && merge) {
          const a = rightMiddle(split);
          const y = this.emptyBranchY(segment, branch);
          out.push({
            kind: 'main',
            source: split.index,
            target: merge.index,
            points: [a, { x: fanOut, y: a.y }, { x: fanOut, y }, { x: fanIn, y }, { x: fanIn, y: merge.cy }, leftMiddle(merge)],
          });
        }
        continue;
      }
      const first = this.columns[firstColumn(branch)]!;
      if (split) {
        const a = rightMiddle(split);
        out.push({ kind: 'main', source: split.index, target: first.index, points: [a, { x: fanOut, y: a.y }, { x: fanOut, y: first.cy }, leftMiddle(first)] });
      }
      const lastIndex = lastColumn(branch);
      if (merge && lastIndex !== null) {
        const last = this.columns[lastIndex]!;
        const r = rightMiddle(last);
        out.push({ kind: 'main', source: last.index, target: merge.index, points: [r, { x: fanIn, y: r.y }, { x: fanIn, y: merge.cy }, leftMiddle(merge)] });
      }
    }
  }

  private emptyBranchY(segment: ParallelSegment, branch: Segment[]): number {
    const extent = this.segment(segment);
    const split = this.columns[segment.split!]!;
    let top = split.cy - extent.up;
    for (const b of segment.branches) {
      const e = b.length ? this.sequence(b) : { width: 0, up: 4, down: 4 };
      if (b === branch) return top + e.up;
      top += e.up + e.down + BRANCH_GAP;
    }
    return split.cy;
  }
}

function straight(a: Column, b: Column): Polyline {
  const from = rightMiddle(a);
  const to = leftMiddle(b);
  const points = Math.abs(from.y - to.y) < 0.5 ? [from, to] : [from, { x: (from.x + to.x) / 2, y: from.y }, { x: (from.x + to.x) / 2, y: to.y }, to];
  return { kind: 'main', source: a.index, target: b.index, points };
}

function firstColumn(segments: Segment[]): number {
  const s = segments[0]!;
  return s.kind === 'column' ? s.column : firstColumn(s.branches.find((b) => b.length) ?? []);
}

/** The branch's last column when it ends in one (a branch ending in a nested split links by itself). */
function lastColumn(segments: Segment[]): number | null {
  const s = segments[segments.length - 1];
  return s?.kind === 'column' ? s.column : null;
}

/** The scene's resolution levels when it reads as an encoder–decoder (drawn as a U by default). */
export function stackLevels(scene: StackScene): number[] | null {
  return uLevels(
    scene.columns.map((c) => c.spatial),
    scene.links,
  );
}

/** The U: one row per resolution level, down then up, skips across over the boxes between. */
function layoutU(scene: StackScene, levels: number[]): StackLayout {
  const { columns } = scene;
  const placement = placeU(
    columns.map((c) => ({ width: c.width, up: columnUp(c), down: columnDown(c) })),
    levels,
    U_GAP,
  );
  columns.forEach((c, i) => placeColumn(c, placement.left[i]!, placement.cy[i]!));
  const links: Polyline[] = routeU(
    columns.length,
    scene.links,
    (i) => ({ top: topMiddle(columns[i]!), left: leftMiddle(columns[i]!), right: rightMiddle(columns[i]!) }),
    (i) => columns[i]!.cy - columnUp(columns[i]!),
  );
  const minY = Math.min(0, ...links.flatMap((p) => p.points.map((q) => q.y)), ...columns.map((c) => c.cy - columnUp(c)));
  if (minY < 0) shift(columns, links, -minY);
  return { width: placement.width, height: Math.max(...columns.map((c) => c.cy + columnDown(c))), columns, links };
}

/** Lays the scene out on one line (`line`), in rows no wider than `maxRowWidth` (`wrap`), or as a U. */
export function layoutStack(scene: StackScene, mode: StackMode, maxRowWidth = 1400): StackLayout {
  const { columns, structure } = scene;
  if (mode === 'u') {
    const levels = stackLevels(scene);
    if (levels) return layoutU(scene, levels);
    mode = 'wrap';
  }
  const placer = new Placer(columns);
  const top = structure.segments;
  const widths = top.map((s) => placer.segment(s).width);
  const rows = mode === 'line' ? [top.map((_, i) => i)] : balancedRows(widths, crossings(scene, top), maxRowWidth);
  const links: Polyline[] = [];
  let y = 0;
  let width = 0;
  const rowOf = new Map<number, number>();
  const rowRight: number[] = [];
  const rowTop: number[] = [];
  rows.forEach((row, r) => row.forEach((i) => columnsIn(top[i]!).forEach((c) => rowOf.set(c, r))));
  // Room above each row for the lanes of arcs the structure does not hold (fallback links, arcs
  // coming from or going to another row), so they never cut through the row above's labels.
  const firstOfRow = rows.map((row) => columnsIn(top[row[0]!]!)[0]!);
  const laneRoom = rows.map((_, r) => {
    const touching = [
      ...structure.extra,
      ...scene.links.filter((l) => rowOf.get(l.source) !== rowOf.get(l.target) && l.target !== firstOfRow[rowOf.get(l.target)!]),
    ].filter((l) => rowOf.get(l.source) === r || rowOf.get(l.target) === r).length;
    return touching ? 12 + 7 * Math.min(3, touching - 1) : 0;
  });
  rows.forEach((row, r) => {
    const segments = row.map((i) => top[i]!);
    const extent = placer.sequence(segments);
    const left = rows.length > 1 ? ROW_INDENT : 0;
    y += laneRoom[r]!;
    placer.placeSequence(segments, left, y + extent.up);
    rowTop.push(y);
    rowRight.push(left + extent.width);
    width = Math.max(width, left + extent.width);
    y += extent.up + extent.down + ROW_GAP;
  });
  placer.linksOf(top, links);
  // Links between rows: the main path leaves at the row's end and re-enters at the next row's start;
  // the others (links the structure does not draw, arcs to a later row) run in lanes over the rows.
  const extra = structure.extra.map((l) => ({ ...l }));
  const routed: Polyline[] = [];
  for (const link of links) {
    const r0 = rowOf.get(link.source)!;
    const r1 = rowOf.get(link.target)!;
    if (r0 === r1) routed.push(link);
    else if (link.kind === 'main') routed.push(...wrapStubs(link, rowRight[r0]!));
    else extra.push({ source: link.source, target: link.target });
  }
  extra.forEach((l, k) => {
    const a = columns[l.source]!;
    const b = columns[l.target]!;
    const r0 = rowOf.get(l.source)!;
    const r1 = rowOf.get(l.target)!;
    const start = topMiddle(a);
    const end = topMiddle(b);
    const laneAbove = (r: number, from: number, to: number) =>
      Math.min(...columns.filter((c) => rowOf.get(c.index) === r && c.index >= from && c.index <= to).map((c) => c.cy - columnUp(c))) - 10 - 7 * (k % 4);
    if (r0 === r1) {
      const ly = laneAbove(r0, l.source, l.target);
      routed.push({ kind: 'skip', source: l.source, target: l.target, points: [start, { x: start.x, y: ly }, { x: end.x, y: ly }, end] });
      return;
    }
    // To a later row: like the main path, the arc leaves past the row's end and comes back in at the
    // next row's start, over the boxes of each row (no long line down the side).
    // Above the boxes it passes (and the arcs over them), below the row above.
    const bandTop = (r: number) => rowTop[r]! - laneRoom[r]! - (r > 0 ? ROW_GAP / 2 : 0);
    const y0 = Math.max(laneAbove(r0, l.source, columns.length) - 8, bandTop(r0));
    const y1 = Math.max(laneAbove(r1, 0, l.target) - 8, bandTop(r1));
    routed.push({
      kind: 'skip',
      source: l.source,
      target: l.target,
      points: [start, { x: start.x, y: y0 }, { x: Math.max(start.x + 24, rowRight[r0]! + 14), y: y0 }],
    });
    routed.push({ kind: 'skip', source: l.source, target: l.target, points: [{ x: 2, y: y1 }, { x: end.x, y: y1 }, end] });
  });
  // Everything down by the highest point drawn (arcs may rise above the first row).
  const minY = Math.min(0, ...routed.flatMap((p) => p.points.map((q) => q.y)));
  if (minY < 0) shift(columns, routed, -minY);
  const maxX = Math.max(0, ...routed.flatMap((p) => p.points.map((q) => q.x)));
  return { width: Math.max(width, maxX + 2), height: y - ROW_GAP - Math.min(0, minY), columns, links: routed };
}

function shift(columns: Column[], links: Polyline[], dy: number): void {
  for (const c of columns) {
    c.cy += dy;
    c.solid.y += dy;
  }
  for (const l of links) for (const p of l.points) p.y += dy;
}

function columnsIn(segment: Segment): number[] {
  return segment.kind === 'column' ? [segment.column] : segment.branches.flat().flatMap(columnsIn);
}

function wrapStubs(link: Polyline, rowRight: number): Polyline[] {
  const from = link.points[0]!;
  const to = link.points[link.points.length - 1]!;
  return [
    { ...link, points: [from, { x: Math.max(from.x + 24, rowRight + 12), y: from.y }] },
    { ...link, points: [{ x: to.x - 24, y: to.y }, to] },
  ];
}

/** For each boundary after top-level segment j: how many links cross it besides the main one. */
function crossings(scene: StackScene, top: Segment[]): number[] {
  const segOf = new Map<number, number>();
  top.forEach((s, i) => columnsIn(s).forEach((c) => segOf.set(c, i)));
  return top.map((_, j) => scene.links.filter((l) => segOf.get(l.source)! <= j && segOf.get(l.target)! > j).length);
}

/** As many rows as the greedy split needs, but of even widths (no short last row). */
function balancedRows(widths: number[], crossing: number[], maxRowWidth: number): number[][] {
  const greedy = breakRows(widths, crossing, maxRowWidth);
  const total = widths.reduce((a, w) => a + w + COLUMN_GAP, ROW_INDENT);
  for (let width = Math.max(total / greedy.length, ...widths.map((w) => w + ROW_INDENT)); width < maxRowWidth; width += 40) {
    const rows = breakRows(widths, crossing, width);
    if (rows.length <= greedy.length) return rows;
  }
  return greedy;
}

/** Splits segments into rows no wider than maxRowWidth, preferring breaks that few links cross. */
function breakRows(widths: number[], crossing: number[], maxRowWidth: number): number[][] {
  const rows: number[][] = [];
  let start = 0;
  while (start < widths.length) {
    let end = start;
    let used = widths[start]!;
    while (end + 1 < widths.length && ROW_INDENT + used + COLUMN_GAP + widths[end + 1]! <= maxRowWidth) used += COLUMN_GAP + widths[++end]!;
    if (end + 1 < widths.length) {
      let best = end;
      for (let j = end; j >= start + Math.floor((end - start) * 0.6); j--) if (crossing[j]! < crossing[best]!) best = j;
      end = best;
    }
    rows.push(Array.from({ length: end - start + 1 }, (_, k) => start + k));
    start = end + 1;
  }
  return rows;
}
