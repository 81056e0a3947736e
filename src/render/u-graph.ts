// The graph view's U (`--layout u`, and `auto` for encoder–decoders): the graph view's boxes placed
// by the shared U layout — one row per resolution level, down then up, skips across over the top —
// fitted to the frame by collapse depth like the other layouts. No group frames: in a U a block's
// layers sit on different rows.
import type { IRGraph } from '../ir/types.js';
import type { Shape } from '../layers/types.js';
import { fitsFrame, scoreScene, type Frame, type Scene } from './frame.js';
import { LINE_HEIGHT, NODE_PADDING_X, NODE_PADDING_Y, type GraphLayout, type TextLine } from './graph-layout.js';
import { textWidth } from './measure.js';
import { buildModel, itemLabel, type DiagramModel, type ShowField, type VisibleItem } from './model.js';
import { legendEntries, legendHeight, MARGIN, titleWidth, TITLE_HEIGHT } from './svg.js';
import { FONT_SIZE, SMALL_FONT_SIZE } from './theme.js';
import { placeU, routeU, uLevels } from './u-layout.js';

const GAP = 34;
/** Room between rows' boxes, beyond the shared U's own spacing (graph boxes carry their text inside). */
const ROW_SPACING = 18;

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

/** The graph view's U of a model, or null when the model is not an encoder–decoder. */
export function layoutGraphU(model: DiagramModel): GraphLayout | null {
  const index = new Map(model.items.map((item, i) => [item.id, i]));
  const links = model.edges.map((e) => ({ source: index.get(e.source)!, target: index.get(e.target)! })).filter((l) => l.source < l.target);
  const levels = uLevels(
    model.items.map((item) => spatialOf(item.shape)),
    links,
  );
  if (!levels) return null;
  const measured = model.items.map((item) => {
    const lines = boxLines(item, model.show);
    const textMax = Math.max(...lines.map((l) => textWidth(l.text, l.size, l.bold)));
    return { lines, width: Math.ceil(Math.max(textMax + 2 * NODE_PADDING_X, 96)), height: lines.length * LINE_HEIGHT + 2 * NODE_PADDING_Y };
  });
  const placement = placeU(
    measured.map((m) => ({ width: m.width, up: m.height / 2 + ROW_SPACING / 2, down: m.height / 2 + ROW_SPACING / 2 })),
    levels,
    GAP,
  );
  const boxes = measured.map((m, i) => ({ x: placement.left[i]!, y: placement.cy[i]! - m.height / 2, width: m.width, height: m.height }));
  const routes = routeU(
    model.items.length,
    links,
    (i) => {
      const b = boxes[i]!;
      return { top: { x: b.x + b.width / 2, y: b.y }, left: { x: b.x, y: b.y + b.height / 2 }, right: { x: b.x + b.width, y: b.y + b.height / 2 } };
    },
    (i) => boxes[i]!.y,
  );
  // Arcs may rise above the first row: everything moves down by the overshoot.
  const minY = Math.min(0, ...routes.flatMap((r) => r.points.map((p) => p.y)), ...boxes.map((b) => b.y));
  for (const b of boxes) b.y -= minY;
  for (const r of routes) for (const p of r.points) p.y -= minY;
  const edgeOf = new Map(model.edges.map((e) => [`${index.get(e.source)}>${index.get(e.target)}`, e]));
  return {
    width: placement.width,
    height: Math.max(...boxes.map((b) => b.y + b.height)),
    items: model.items.map((item, i) => ({ ...boxes[i]!, item, lines: measured[i]!.lines })),
    groups: [],
    // Each box shows its own shape, so the U's edges carry no labels.
    edges: routes.map((r) => ({ edge: edgeOf.get(`${r.source}>${r.target}`)!, points: r.points, label: { x: r.points[0]!.x, y: r.points[0]!.y, width: 0, height: 0, text: '' } })),
  };
}

/** The deepest collapse depth whose U is readable in the frame; null when the network is no U. */
/** The drawing's extent as the graph view draws it: title, the U, the legend, margins. */
function drawingSize(model: DiagramModel, layout: GraphLayout): { width: number; height: number } {
  const entries = legendEntries(layout.items.map((p) => p.item.family));
  const contentWidth = Math.max(layout.width, titleWidth(model.name, model.totalParams), 360);
  return { width: contentWidth + 2 * MARGIN, height: TITLE_HEIGHT + layout.height + 8 + legendHeight(entries, contentWidth) + MARGIN };
}

export function fitGraphU(graph: IRGraph, frame: Frame, options: { depth?: number; show?: readonly ShowField[] }): GraphUFit | null {
  const byId = new Map(graph.groups.map((g) => [g.id, g]));
  let deepest = 0;
  for (const g of graph.groups) {
    let level = 1;
    for (let p = g.parent; p !== null; p = byId.get(p)?.parent ?? null) level++;
    deepest = Math.max(deepest, level);
  }
  const depths = options.depth !== undefined ? [options.depth] : frame.aspect === null ? [deepest + 1] : Array.from({ length: deepest + 1 }, (_, k) => deepest + 1 - k);
  let best: (GraphUFit & { score: number }) | null = null;
  for (const depth of depths) {
    const model = buildModel(graph, depth, options.show);
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
