// Draw phase of the stack view: shaded 3D boxes, dimension labels, arrows along the main path and
// shortcuts arcing over it, a legend of layer kinds and of what the box sizes mean.
import { color, pathRound } from 'd3';
import { familyStyle, SMALL_FONT_SIZE, type Theme } from './theme.js';
import {
  ARROW_LENGTH,
  badgeHeight,
  createSvg,
  drawArrowHead,
  drawLegend,
  drawMismatchBadge,
  drawTitle,
  legendEntries,
  legendHeight,
  MARGIN,
  place,
  serialize,
  titleWidth,
  TITLE_HEIGHT,
  trimEnd,
  type Sel,
} from './svg.js';
import { round, textWidth } from './measure.js';
import { frameFor, type Frame } from './frame.js';
import type { DiagramModel } from './model.js';
import { LABEL_GAP, LABEL_LINE, type Column } from './stack-columns.js';
import type { Polyline, StackLayout } from './stack-layout.js';

const CORNER = 7;
/** What the boxes' sizes mean, under the legend of kinds. */
export const SIZE_NOTE = 'Box height ∝ √height, depth ∝ √width, thickness ∝ √channels (vectors: length ∝ √units)';
const NOTE_HEIGHT = 20;

export function stackCanvas(
  model: DiagramModel,
  layout: StackLayout,
): { width: number; height: number; legendTop: number; contentWidth: number; bodyTop: number } {
  const families = layout.columns.flatMap((c) => [c.item.family, ...c.folded.map((f) => f.family)]);
  const contentWidth = Math.max(layout.width, titleWidth(model.name, model.totalParams, model.mismatches), textWidth(SIZE_NOTE, SMALL_FONT_SIZE), 360);
  const bodyTop = TITLE_HEIGHT + 10 + badgeRoom(layout);
  const legendTop = bodyTop + layout.height + 18;
  const height = legendTop + legendHeight(legendEntries(families), contentWidth) + NOTE_HEIGHT + MARGIN;
  return { width: contentWidth + 2 * MARGIN, height, legendTop, contentWidth, bodyTop };
}

/** Room above the body for mismatch badges that would otherwise rise into the title. */
function badgeRoom(layout: StackLayout): number {
  let room = 0;
  for (const col of layout.columns) if (col.item.mismatches) room = Math.max(room, badgeHeight(col.item.mismatches) + 3 - cubeBounds(col).y);
  return room;
}

export function drawStack(
  doc: Document,
  model: DiagramModel,
  layout: StackLayout,
  theme: Theme,
  displayWidth?: number,
  frame: Frame = frameFor('none'),
): string {
  const families = layout.columns.flatMap((c) => [c.item.family, ...c.folded.map((f) => f.family)]);
  const entries = legendEntries(families);
  const canvas = stackCanvas(model, layout);
  const svg = createSvg(doc, canvas.width, canvas.height, displayWidth, theme, frame);
  drawTitle(svg, model.name, model.totalParams, theme, model.mismatches);

  const body = svg.append('g').attr('class', 'diagram').attr('transform', `translate(${MARGIN},${canvas.bodyTop})`);
  const arrows = body.append('g').attr('class', 'arrows');
  for (const link of layout.links.filter((l) => l.kind === 'main')) drawLink(arrows, link, layout, theme.edge, 'edge');
  const boxes = body.append('g').attr('class', 'nodes');
  for (const col of layout.columns) drawColumn(boxes, col, theme);
  const skips = body.append('g').attr('class', 'skips');
  for (const link of layout.links.filter((l) => l.kind === 'skip')) drawLink(skips, link, layout, theme.skip, 'skip');
  // Failed step expect:s last, over everything, so no arrow hides them.
  const marked = layout.columns.filter((c) => c.item.mismatches);
  const marks = marked.length ? body.append('g').attr('class', 'mismatches') : undefined;
  for (const col of marked) drawMismatchBadge(marks!, cubeBounds(col), col.item.mismatches!, canvas.contentWidth + MARGIN);

  drawLegend(svg, entries, MARGIN, canvas.legendTop, canvas.contentWidth, theme, (g, family, size) => drawCube(g, family, 0, 4, size - 4, size - 4, 4, -4, 0));
  const noteY = canvas.legendTop + legendHeight(entries, canvas.contentWidth) + SMALL_FONT_SIZE;
  place(svg.append('text').attr('class', 'size-note').attr('font-size', SMALL_FONT_SIZE).attr('fill', theme.mutedText).text(SIZE_NOTE), {
    x: MARGIN,
    y: noteY,
  });
  return serialize(svg);
}

function drawColumn(parent: Sel, col: Column, theme: Theme): void {
  const g = parent
    .append('g')
    .attr('class', col.item.type === 'collapsed' ? 'node collapsed' : 'node')
    .attr('data-id', col.item.id);
  if (col.folded.length) g.attr('data-folded', col.folded.map((f) => f.id).join(' '));
  const s = col.solid;
  // The whole box in the layer's colour, then one band per folded layer across its front and top (conv + relu, as in PlotNeuralNet).
  const total = s.thickness + col.slabWidth * col.folded.length;
  drawCube(g, col.item.family, s.x, s.y, total, s.height, s.dx, s.dy, s.slices);
  col.folded.forEach((f, i) => drawBand(g, f.family, s.x + s.thickness + i * col.slabWidth, s.y, col.slabWidth, s.height, s.dx, s.dy));
  const cx = col.left + col.width / 2;
  const top = s.y + s.height + LABEL_GAP;
  col.labelLines.forEach((line, i) => {
    const text = g
      .append('text')
      .attr('text-anchor', 'middle')
      .attr('font-size', line.size)
      .attr('fill', line.muted ? theme.mutedText : theme.text)
      .text(line.text);
    if (line.bold) text.attr('font-weight', 'bold');
    place(text, { x: cx, y: top + i * LABEL_LINE + line.size * 0.85 });
  });
}

/** The rectangle around a column's whole cube (front face, top and side along the oblique). */
function cubeBounds(col: Column): { x: number; y: number; width: number; height: number } {
  const s = col.solid;
  const width = s.thickness + col.slabWidth * col.folded.length;
  return { x: s.x + Math.min(0, s.dx), y: s.y + Math.min(0, s.dy), width: width + Math.abs(s.dx), height: s.height + Math.abs(s.dy) };
}

/** A prism: front face (x, y, w, h), top face and right face along the oblique (dx, dy). */
export function drawCube(g: Sel, family: string, x: number, y: number, w: number, h: number, dx: number, dy: number, slices: number): void {
  const style = familyStyle(family);
  const poly = (points: [number, number][], fill: string) =>
    g
      .append('path')
      .attr('d', `M${points.map(([px, py]) => `${round(px)},${round(py)}`).join('L')}Z`)
      .attr('fill', fill)
      .attr('stroke', style.stroke)
      .attr('stroke-width', 0.8)
      .attr('stroke-linejoin', 'round');
  const light = color(style.fill)!.brighter(0.35).formatHex();
  const dark = color(style.fill)!.darker(0.35).formatHex();
  poly(
    [
      [x, y],
      [x + w, y],
      [x + w + dx, y + dy],
      [x + dx, y + dy],
    ],
    light,
  );
  poly(
    [
      [x + w, y],
      [x + w + dx, y + dy],
      [x + w + dx, y + h + dy],
      [x + w, y + h],
    ],
    dark,
  );
  poly(
    [
      [x, y],
      [x + w, y],
      [x + w, y + h],
      [x, y + h],
    ],
    style.fill,
  );
  for (let k = 1; k < slices; k++) {
    const sx = x + (w * k) / slices;
    g.append('path')
      .attr('d', `M${round(sx)},${round(y + h)}V${round(y)}L${round(sx + dx)},${round(y + dy)}`)
      .attr('fill', 'none')
      .attr('stroke', style.stroke)
      .attr('stroke-width', 0.6)
      .attr('stroke-opacity', 0.7);
  }
}

function drawBand(g: Sel, family: string, x: number, y: number, w: number, h: number, dx: number, dy: number): void {
  const style = familyStyle(family);
  const fill = color(style.stroke)!.brighter(0.2).formatHex();
  const path = (points: [number, number][]) => `M${points.map(([px, py]) => `${round(px)},${round(py)}`).join('L')}Z`;
  g.append('path')
    .attr('class', 'band')
    .attr(
      'd',
      path([
        [x, y],
        [x + w, y],
        [x + w, y + h],
        [x, y + h],
      ]),
    )
    .attr('fill', fill)
    .attr('stroke', style.stroke)
    .attr('stroke-width', 0.6);
  g.append('path')
    .attr(
      'd',
      path([
        [x, y],
        [x + w, y],
        [x + w + dx, y + dy],
        [x + dx, y + dy],
      ]),
    )
    .attr('fill', color(fill)!.brighter(0.3).formatHex())
    .attr('stroke', style.stroke)
    .attr('stroke-width', 0.6);
}

/** A polyline with rounded corners and an arrowhead drawn as a polygon (the same in every rasteriser). */
function drawLink(parent: Sel, link: Polyline, layout: StackLayout, stroke: string, cls: string): void {
  if (link.points.length < 2) return;
  const pts = trimEnd(link.points, ARROW_LENGTH * 0.6);
  const p = pathRound(1);
  p.moveTo(pts[0]!.x, pts[0]!.y);
  for (let i = 1; i < pts.length - 1; i++) p.arcTo(pts[i]!.x, pts[i]!.y, pts[i + 1]!.x, pts[i + 1]!.y, CORNER);
  p.lineTo(pts[pts.length - 1]!.x, pts[pts.length - 1]!.y);
  const g = parent.append('g').attr('class', `link ${cls}`);
  g.append('path')
    .attr('class', cls)
    .attr('data-source', layout.columns[link.source]!.item.id)
    .attr('data-target', layout.columns[link.target]!.item.id)
    .attr('d', p.toString())
    .attr('fill', 'none')
    .attr('stroke', stroke)
    .attr('stroke-width', 1.6);
  drawArrowHead(g, link.points[link.points.length - 2]!, link.points[link.points.length - 1]!, stroke);
}
