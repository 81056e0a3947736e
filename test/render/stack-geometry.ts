// Layout invariants of a stack-view scene, checked on the laid-out geometry: boxes and labels do not
// overlap, no link runs through a box it does not start or end at, everything lies on the canvas.
import { frameCanvas, type Frame } from '../../src/render/frame.js';
import { textWidth } from '../../src/render/measure.js';
import type { DiagramModel } from '../../src/render/model.js';
import { stackCanvas } from '../../src/render/stack-draw.js';
import { MARGIN, TITLE_HEIGHT } from '../../src/render/svg.js';
import type { FigureScene } from './invariants.js';
import { LABEL_GAP, LABEL_LINE, type Column } from '../../src/render/stack-columns.js';
import type { StackLayout } from '../../src/render/stack-layout.js';

export interface Rect {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export function boxRect(col: Column): Rect {
  const s = col.solid;
  const front = s.thickness + col.slabWidth * col.folded.length;
  return { name: `box ${col.item.id}`, x: s.x, y: s.y + s.dy, width: front + s.dx, height: s.height - s.dy };
}

export function labelRects(col: Column): Rect[] {
  const cx = col.left + col.width / 2;
  const top = col.solid.y + col.solid.height + LABEL_GAP;
  return col.labelLines.map((line, i) => {
    const width = textWidth(line.text, line.size, line.bold);
    return { name: `label ${col.item.id}: ${line.text}`, x: cx - width / 2, y: top + i * LABEL_LINE, width, height: LABEL_LINE };
  });
}

const intersects = (a: Rect, b: Rect, tolerance: number) =>
  a.x + tolerance < b.x + b.width && b.x + tolerance < a.x + a.width && a.y + tolerance < b.y + b.height && b.y + tolerance < a.y + a.height;

export function overlapping(rects: Rect[], tolerance = 0.5): string[] {
  const found: string[] = [];
  for (let i = 0; i < rects.length; i++)
    for (let j = i + 1; j < rects.length; j++) if (intersects(rects[i]!, rects[j]!, tolerance)) found.push(`${rects[i]!.name} × ${rects[j]!.name}`);
  return found;
}

/** Does the segment pass through the rectangle's inside (shrunk by `inset`)? */
function segmentCrosses(a: { x: number; y: number }, b: { x: number; y: number }, r: Rect, inset = 1.5): boolean {
  const x0 = r.x + inset;
  const x1 = r.x + r.width - inset;
  const y0 = r.y + inset;
  const y1 = r.y + r.height - inset;
  if (x1 <= x0 || y1 <= y0) return false;
  // Liang–Barsky clipping: a non-empty clipped part means the segment enters the rectangle.
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  for (const [p, q] of [
    [-dx, a.x - x0],
    [dx, x1 - a.x],
    [-dy, a.y - y0],
    [dy, y1 - a.y],
  ] as const) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return t1 - t0 > 1e-6;
}

export function linksThroughBoxes(layout: StackLayout): string[] {
  const found: string[] = [];
  for (const link of layout.links) {
    for (const col of layout.columns) {
      if (col.index === link.source || col.index === link.target) continue;
      const rects = [boxRect(col), ...labelRects(col)];
      for (let k = 0; k + 1 < link.points.length; k++) {
        const hit = rects.find((r) => segmentCrosses(link.points[k]!, link.points[k + 1]!, r));
        if (hit) {
          found.push(`${layout.columns[link.source]!.item.id}→${layout.columns[link.target]!.item.id} through ${hit.name}`);
          break;
        }
      }
    }
  }
  return found;
}

export function outsideCanvas(layout: StackLayout): string[] {
  const rects = layout.columns.flatMap((c) => [boxRect(c), ...labelRects(c)]);
  const points = layout.links.flatMap((l) => l.points);
  return [
    ...rects.filter((r) => r.x < -0.5 || r.y < -0.5 || r.x + r.width > layout.width + 0.5 || r.y + r.height > layout.height + 0.5).map((r) => r.name),
    ...points.filter((p) => p.x < -0.5 || p.y < -0.5 || p.x > layout.width + 0.5 || p.y > layout.height + 0.5).map((p) => `link point ${p.x},${p.y}`),
  ];
}

/**
 * The stack view's figure in the shared invariants' terms (test/render/invariants.ts): boxes by id,
 * labels, links with their ends, every label line as text, on the canvas the frame pads to.
 */
export function stackFigure(model: DiagramModel, layout: StackLayout, frame: Frame): FigureScene {
  const drawing = stackCanvas(model, layout);
  const canvas = frameCanvas(drawing, frame);
  const labels = layout.columns.flatMap(labelRects).map((r) => ({ ...r, what: r.name }));
  return {
    canvas: { x: -canvas.dx, y: -canvas.dy, width: canvas.width, height: canvas.height },
    boxes: layout.columns.map((c) => ({ ...boxRect(c), id: c.item.id, what: `box ${c.item.id}` })),
    labels,
    edges: layout.links.map((l) => ({
      points: l.points,
      ends: [layout.columns[l.source]!.item.id, layout.columns[l.target]!.item.id],
      what: `${l.kind} ${layout.columns[l.source]!.item.id} → ${layout.columns[l.target]!.item.id}`,
    })),
    texts: layout.columns.flatMap((c) => labelRects(c).map((r, i) => ({ ...r, what: r.name, size: c.labelLines[i]!.size }))),
    offset: { x: MARGIN, y: TITLE_HEIGHT + 10 },
  };
}
