// The graph view's U for encoder–decoder networks: one row per resolution level, the contracting
// path down the left arm (each level's layers left to right), the bottleneck row at the bottom in
// the middle, the expanding path up the right arm, and each skip as a lane above its row from the
// encoder box across to the decoder box at the same resolution. Levels come from uLevels (shared
// with the stack view); routes keep to the gaps between rows and beside the arms, so no edge
// crosses a box.
import { formatShape, textWidth } from './measure.js';
import { polylineCrossesBox } from './geometry.js';
import { measureItem, type GraphLayout, type PlacedEdge, type PlacedItem } from './graph-layout.js';
import type { DiagramModel, VisibleEdge } from './model.js';
import { SMALL_FONT_SIZE } from './theme.js';
import type { Box, Point } from './types.js';
import { uLevels } from './u-layout.js';

const PAD = 16;
/** Room beside the arms for the steps between rows. */
const CHANNEL = 26;
/** Between the two arms. */
const MIDDLE = 70;
/** Between rows: the upper half carries steps, the lower half the skip lane of the row below. */
const ROW_GAP = 64;
const LABEL_HEIGHT = SMALL_FONT_SIZE + 4;

const labelWidth = (edge: VisibleEdge) => Math.ceil(textWidth(formatShape(edge.shape), SMALL_FONT_SIZE) + 6);

/** The spatial size a level is judged by: the first dimension of an image or volume tensor. */
function spatial(shape: readonly (number | null)[]): number | null {
  return shape.length >= 3 ? shape[0]! : null;
}

/** Null unless the model is a chain (each item feeds the next) with skips, and its resolutions make a U. */
export function layoutGraphU(model: DiagramModel): GraphLayout | null {
  const items = model.items;
  if (items.length < 3 || model.groups.length > 0) return null;
  const index = new Map(items.map((item, i) => [item.id, i]));
  const links = model.edges.map((e) => ({ source: index.get(e.source)!, target: index.get(e.target)! }));
  if (links.some((l) => l.target <= l.source)) return null;
  for (let i = 0; i + 1 < items.length; i++) if (!links.some((l) => l.source === i && l.target === i + 1)) return null;
  const levels = uLevels(
    items.map((item) => spatial(item.shape)),
    links,
  );
  if (!levels) return null;

  // Down, bottom, up: levels must rise to the deepest and fall back, each arm monotone.
  const deepest = Math.max(...levels);
  const firstBottom = levels.indexOf(deepest);
  const lastBottom = levels.lastIndexOf(deepest);
  for (let i = firstBottom; i <= lastBottom; i++) if (levels[i] !== deepest) return null;
  for (let i = 1; i < firstBottom; i++) if (levels[i]! < levels[i - 1]!) return null;
  for (let i = lastBottom + 2; i < items.length; i++) if (levels[i]! > levels[i - 1]!) return null;

  const sizes = items.map((item) => measureItem(item, model.show));
  const gapAfter = (i: number) => {
    const edge = model.edges.find((e) => e.source === items[i]!.id && e.target === items[i + 1]?.id);
    return edge ? labelWidth(edge) + 28 : 28;
  };
  const rowWidth = (members: number[]) => members.reduce((w, i, k) => w + sizes[i]!.width + (k + 1 < members.length ? gapAfter(i) : 0), 0);
  const left: number[][] = Array.from({ length: deepest }, () => []);
  const right: number[][] = Array.from({ length: deepest }, () => []);
  const bottom: number[] = [];
  items.forEach((_, i) => {
    if (i < firstBottom) left[levels[i]!]!.push(i);
    else if (i > lastBottom) right[levels[i]!]!.push(i);
    else bottom.push(i);
  });
  const leftWidth = Math.max(0, ...left.map(rowWidth));
  const rightWidth = Math.max(0, ...right.map(rowWidth));
  const leftX = PAD + CHANNEL;
  const rightX = leftX + leftWidth + MIDDLE;
  const totalWidth = Math.max(rightX + rightWidth, leftX + rowWidth(bottom)) + CHANNEL + PAD;

  // Rows top to bottom: each as tall as its tallest box; skip lanes need the gap above.
  const rowsMembers = [...Array.from({ length: deepest }, (_, l) => [...left[l]!, ...right[l]!]), bottom];
  const rowTop: number[] = [];
  let y = PAD + ROW_GAP / 2;
  for (const members of rowsMembers) {
    rowTop.push(y);
    y += Math.max(0, ...members.map((i) => sizes[i]!.height)) + ROW_GAP;
  }
  const totalHeight = y - ROW_GAP + PAD + LABEL_HEIGHT;
  const rowHeight = rowsMembers.map((members) => Math.max(0, ...members.map((i) => sizes[i]!.height)));
  const centre = (row: number) => rowTop[row]! + rowHeight[row]! / 2;

  const boxes: Box[] = items.map(() => ({ x: 0, y: 0, width: 0, height: 0 }));
  const place = (members: number[], x0: number, row: number) => {
    let x = x0;
    for (const i of members) {
      boxes[i] = { x, y: centre(row) - sizes[i]!.height / 2, width: sizes[i]!.width, height: sizes[i]!.height };
      x += sizes[i]!.width + gapAfter(i);
    }
  };
  left.forEach((members, l) => place(members, leftX, l));
  right.forEach((members, l) => place(members, rightX, l));
  place(bottom, Math.max(leftX, (totalWidth - rowWidth(bottom)) / 2), deepest);

  const rowOf = (i: number) => levels[i]!;
  const edges: PlacedEdge[] = model.edges.map((edge) => {
    const s = index.get(edge.source)!;
    const t = index.get(edge.target)!;
    const a = boxes[s]!;
    const b = boxes[t]!;
    const text = formatShape(edge.shape);
    const width = labelWidth(edge);
    const label = (at: Point) => ({ x: at.x - width / 2, y: at.y - LABEL_HEIGHT / 2, width, height: LABEL_HEIGHT, text });
    let points: Point[];
    let labelAt: Point;
    if (t === s + 1 && rowOf(s) === rowOf(t)) {
      // Along a row: a straight arrow, its label on it.
      const yMid = centre(rowOf(s));
      points = [
        { x: a.x + a.width, y: yMid },
        { x: b.x, y: yMid },
      ];
      labelAt = { x: (a.x + a.width + b.x) / 2, y: yMid - LABEL_HEIGHT / 2 - 2 };
    } else if (t === s + 1 && rowOf(t) > rowOf(s)) {
      // Down a row: out of the bottom, left along the gap, down the left channel, into the left side.
      const gapY = rowTop[rowOf(s)]! + rowHeight[rowOf(s)]! + ROW_GAP / 4;
      const channel = b.x - CHANNEL / 2 - 4;
      const mid = a.x + a.width / 2;
      points = [
        { x: mid, y: a.y + a.height },
        { x: mid, y: gapY },
        { x: channel, y: gapY },
        { x: channel, y: b.y + b.height / 2 },
        { x: b.x, y: b.y + b.height / 2 },
      ];
      labelAt = { x: Math.max(channel + width / 2 + 4, mid - width / 2 - 8), y: gapY };
    } else if (t === s + 1) {
      // Up a row: out of the right side, up the right channel to the gap, across, into the bottom.
      const gapY = rowTop[rowOf(t)]! + rowHeight[rowOf(t)]! + ROW_GAP / 4;
      const channel = a.x + a.width + CHANNEL / 2 + 4;
      const mid = b.x + b.width / 2;
      points = [
        { x: a.x + a.width, y: a.y + a.height / 2 },
        { x: channel, y: a.y + a.height / 2 },
        { x: channel, y: gapY },
        { x: mid, y: gapY },
        { x: mid, y: b.y + b.height },
      ];
      labelAt = { x: (channel + mid) / 2, y: gapY };
    } else {
      // A skip: up into the lane above the source's row, across, down into the target's top.
      const laneY = rowTop[Math.min(rowOf(s), rowOf(t))]! - ROW_GAP / 4;
      const from = a.x + a.width / 2;
      const to = b.x + b.width / 2;
      points = [
        { x: from, y: a.y },
        { x: from, y: laneY },
        { x: to, y: laneY },
        { x: to, y: b.y },
      ];
      labelAt = { x: from + width / 2 + 10, y: laneY };
    }
    return { edge, points, label: label(labelAt) };
  });

  const placed: PlacedItem[] = items.map((item, i) => ({ ...boxes[i]!, item, lines: sizes[i]!.lines }));
  // Routes stay in gaps and channels by construction; a box in the way means the shape is not a U.
  for (const e of edges) {
    for (const p of placed) {
      if (p.item.id !== e.edge.source && p.item.id !== e.edge.target && polylineCrossesBox(e.points, p)) return null;
    }
  }
  return { width: totalWidth, height: totalHeight, items: placed, groups: [], edges };
}
