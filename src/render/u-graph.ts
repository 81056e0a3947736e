// The graph view's U (`--layout u`, and `auto` for encoder–decoders): the graph view's boxes placed
// by the shared U layout — one row per resolution level, down then up, skips across over the top —
// fitted to the frame by collapse depth like the other layouts. No group frames: in a U a block's
// layers sit on different rows.
import type { IRGraph } from '../ir/types.js';
import type { Shape } from '../layers/types.js';
import { fitsFrame, scoreScene, type Frame, type Scene } from './frame.js';
import { LINE_HEIGHT, NODE_PADDING_X, NODE_PADDING_Y, type GraphLayout, type TextLine } from './graph-layout.js';
import { textWidth } from './measure.js';
import { buildDiagramModel, groupNesting, itemLabel, type DiagramModel, type ShowField, type VisibleItem } from './model.js';
import { legendEntries, legendHeight, MARGIN, titleWidth, TITLE_HEIGHT } from './svg.js';
import { FONT_SIZE, SMALL_FONT_SIZE } from './theme.js';
import { uLevels } from './u-layout.js';

const GAP = 30;

export interface GraphUFit {
  model: DiagramModel;
  layout: GraphLayout;
  fits: boolean;
  /** The depth drawn (as DiagramOptions.depth). */
  depth: number;
}

function spatialOf(shape: Shape): number | null {
  if (shape.length < 3) return null;
  const dims = shape.slice(0, -1);
  return dims.some((d) => d === null) ? null : Math.max(...(dims as number[]));
}

function boxLines(item: VisibleItem, show: readonly ShowField[]): TextLine[] {
  const label = itemLabel(item, show);
  const lines: TextLine[] = [{ text: label.title, size: FONT_SIZE, bold: true, muted: false }];
  for (const detail of label.details) lines.push({ text: detail, size: SMALL_FONT_SIZE, bold: false, muted: true });
  if (label.shape !== undefined) lines.push({ text: label.shape, size: SMALL_FONT_SIZE, bold: false, muted: true });
  return lines;
}

/** Horizontal step of each arm per level (the U's slant), room between the arms, between rows. */
const INDENT = 40;
const MIDDLE = 60;
const ROW_GAP = 38;
/**
 * Lines in the gap between two rows, from the top: steps up a level (the expanding path), steps
 * down (the contracting path), then skips into the lower row just above it — in this order no
 * step crosses a skip (a skip's ends are the lower row's boxes, the steps' ends lie outside them).
 */
const UP_OFFSET = -9;
const DOWN_OFFSET = -2;
const SKIP_OFFSET = 5;

interface Placed {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The graph view's U of a model, or null when the model is not an encoder–decoder. As the U-Net
 * paper draws it: one row per resolution level, the contracting path's boxes on the left arm (read
 * left to right, each level lower and further in), the bottleneck at the bottom, the expanding
 * path's boxes on the right arm going back up, and each skip an arrow straight across between the
 * arms at its level.
 */
export function layoutGraphU(model: DiagramModel): GraphLayout | null {
  const index = new Map(model.items.map((item, i) => [item.id, i]));
  const links = model.edges.map((e) => ({ source: index.get(e.source)!, target: index.get(e.target)! })).filter((l) => l.source < l.target);
  const levels = uLevels(
    model.items.map((item) => spatialOf(item.drawnShape)),
    links,
  );
  if (!levels) return null;
  const measured = model.items.map((item) => {
    const lines = boxLines(item, model.show);
    const textMax = Math.max(...lines.map((l) => textWidth(l.text, l.size, l.bold)));
    return { lines, width: Math.ceil(Math.max(textMax + 2 * NODE_PADDING_X, 96)), height: lines.length * LINE_HEIGHT + 2 * NODE_PADDING_Y };
  });
  // The arms: everything before the first box of the deepest level descends (the bottom row
  // included), everything after it climbs back.
  const deepest = Math.max(...levels);
  const lastDeep = levels.lastIndexOf(deepest);
  const arm = levels.map((_, i) => (i <= lastDeep ? 'down' : 'up'));
  const rows = deepest + 1;
  const rowItems = (level: number, side: 'down' | 'up') => levels.map((l, i) => i).filter((i) => levels[i] === level && arm[i] === side);
  const rowWidth = (items: number[]) => items.reduce((w, i) => w + measured[i]!.width, 0) + GAP * Math.max(0, items.length - 1);
  const rowHeight = Array.from({ length: rows }, (_, l) => Math.max(0, ...levels.map((lv, i) => (lv === l ? measured[i]!.height : 0))));
  const width = Math.max(
    ...Array.from(
      { length: rows },
      (_, l) => 2 * l * INDENT + rowWidth(rowItems(l, 'down')) + (rowItems(l, 'up').length ? MIDDLE + rowWidth(rowItems(l, 'up')) : 0),
    ),
  );
  const boxes: Placed[] = new Array(model.items.length);
  let y = ROW_GAP;
  const rowCy: number[] = [];
  for (let l = 0; l < rows; l++) {
    const cy = y + rowHeight[l]! / 2;
    rowCy.push(cy);
    let x = l * INDENT;
    for (const i of rowItems(l, 'down')) {
      boxes[i] = { x, y: cy - measured[i]!.height / 2, width: measured[i]!.width, height: measured[i]!.height };
      x += measured[i]!.width + GAP;
    }
    const up = rowItems(l, 'up');
    x = width - l * INDENT - rowWidth(up);
    for (const i of up) {
      boxes[i] = { x, y: cy - measured[i]!.height / 2, width: measured[i]!.width, height: measured[i]!.height };
      x += measured[i]!.width + GAP;
    }
    y += rowHeight[l]! + ROW_GAP;
  }
  const gapAbove = (l: number) => (l === 0 ? ROW_GAP / 2 : (rowCy[l - 1]! + rowHeight[l - 1]! / 2 + rowCy[l]! - rowHeight[l]! / 2) / 2);
  const gapBelow = (l: number) => gapAbove(l + 1);
  const rowOf = (i: number) => levels[i]!;
  const sameRowBetween = (a: number, b: number) =>
    levels.some((l, i) => i !== a && i !== b && l === levels[a] && boxes[i]!.x > boxes[a]!.x && boxes[i]!.x < boxes[b]!.x);
  const top = (b: Placed) => ({ x: b.x + b.width / 2, y: b.y });
  const bottom = (b: Placed) => ({ x: b.x + b.width / 2, y: b.y + b.height });
  const left = (b: Placed) => ({ x: b.x, y: b.y + b.height / 2 });
  const right = (b: Placed) => ({ x: b.x + b.width, y: b.y + b.height / 2 });
  let lane = 0;
  const routes = links.map(({ source, target }) => {
    const a = boxes[source]!;
    const b = boxes[target]!;
    const la = rowOf(source);
    const lb = rowOf(target);
    let points;
    if (la === lb && !sameRowBetween(source, target) && b.x > a.x) points = [right(a), left(b)];
    else if (lb > la) {
      // Down a level: out of the bottom, along the gap between the rows, into the top.
      const gy = gapBelow(la) + DOWN_OFFSET;
      points = [bottom(a), { x: bottom(a).x, y: gy }, { x: top(b).x, y: gy }, top(b)];
    } else if (lb < la) {
      // Up a level: out of the top, along the gap, into the bottom.
      const gy = gapAbove(la) + UP_OFFSET;
      points = [top(a), { x: top(a).x, y: gy }, { x: bottom(b).x, y: gy }, bottom(b)];
    } else {
      // Across a row with boxes in between: over them, through the gap above the row.
      const gy = gapAbove(la) + SKIP_OFFSET + 5 * (lane++ % 2);
      points = [top(a), { x: top(a).x, y: gy }, { x: top(b).x, y: gy }, top(b)];
    }
    return { source, target, points: points.filter((p, k) => k === 0 || p.x !== points[k - 1]!.x || p.y !== points[k - 1]!.y) };
  });
  const edgeOf = new Map(model.edges.map((e) => [`${index.get(e.source)}>${index.get(e.target)}`, e]));
  return {
    width,
    height: y,
    items: model.items.map((item, i) => ({ ...boxes[i]!, item, lines: measured[i]!.lines })),
    groups: [],
    // Each box shows its own shape, so the U's edges carry no labels.
    edges: routes.map((r) => ({
      edge: edgeOf.get(`${r.source}>${r.target}`)!,
      points: r.points,
      label: { x: r.points[0]!.x, y: r.points[0]!.y, width: 0, height: 0, text: '' },
    })),
  };
}

/** The drawing's extent as the graph view draws it: title, the U, the legend, margins. */
function drawingSize(model: DiagramModel, layout: GraphLayout): { width: number; height: number } {
  const entries = legendEntries(layout.items.map((p) => p.item.family));
  const contentWidth = Math.max(layout.width, titleWidth(model.name, model.totalParams, model.mismatches), 360);
  return { width: contentWidth + 2 * MARGIN, height: TITLE_HEIGHT + layout.height + 8 + legendHeight(entries, contentWidth) + MARGIN };
}

export function fitGraphU(graph: IRGraph, frame: Frame, options: { depth?: number; show?: readonly ShowField[] }): GraphUFit | null {
  const deepest = groupNesting(graph);
  const depths =
    options.depth !== undefined ? [options.depth] : frame.aspect === null ? [deepest + 1] : Array.from({ length: deepest + 1 }, (_, k) => deepest + 1 - k);
  let best: (GraphUFit & { score: number }) | null = null;
  for (const depth of depths) {
    const model = buildDiagramModel(graph, depth, options.show);
    const layout = layoutGraphU(model);
    if (!layout) continue;
    const scene: Scene = { ...drawingSize(model, layout), minFont: SMALL_FONT_SIZE };
    const fits = fitsFrame(scene, frame);
    const score = scoreScene(scene, frame);
    if (!best || score > best.score) best = { model, layout, fits, score, depth };
    if (fits) break;
  }
  return best && { model: best.model, layout: best.layout, fits: best.fits, depth: best.depth };
}
