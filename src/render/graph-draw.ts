// Draw phase of the graph view: groups as rounded translucent boxes, layers as family-coloured
// boxes, orthogonal edges with their tensor shapes, a title and a legend.
import { line } from 'd3';
import {
  CARD_ROOM,
  GROUP_TITLE_HEIGHT,
  LINE_HEIGHT,
  NODE_PADDING_Y,
  type GraphLayout,
  type PlacedEdge,
  type PlacedGroup,
  type PlacedItem,
} from './graph-layout.js';
import { SMALL_FONT_SIZE, familyStyle, groupStyle, type Theme } from './theme.js';
import {
  ARROW_LENGTH,
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
import type { DiagramModel } from './model.js';
import type { Frame } from './frame.js';

/** Collapsed groups are a small stack of cards, each offset down and right by this much (incoming arrows land on the front card). */
const STACK_OFFSET = CARD_ROOM / 2;

/** The drawing's extent: title, laid-out graph and legend, with margins. */
export function graphDrawingSize(model: DiagramModel, layout: GraphLayout): { width: number; height: number; contentWidth: number; legendTop: number } {
  const entries = graphLegend(layout);
  const contentWidth = Math.max(layout.width, titleWidth(model.name, model.totalParams, model.mismatches), 360);
  const legendTop = TITLE_HEIGHT + layout.height + 8;
  return { width: contentWidth + 2 * MARGIN, height: legendTop + legendHeight(entries, contentWidth) + MARGIN, contentWidth, legendTop };
}

function graphLegend(layout: GraphLayout) {
  return legendEntries(
    layout.items.map((p) => p.item.family),
    layout.groups.map((p) => p.group.kind),
  );
}

export function drawGraph(doc: Document, model: DiagramModel, layout: GraphLayout, theme: Theme, displayWidth?: number, frame?: Frame): string {
  const entries = graphLegend(layout);
  const { width, height, contentWidth, legendTop } = graphDrawingSize(model, layout);
  const svg = createSvg(doc, width, height, displayWidth, theme, frame);
  drawTitle(svg, model.name, model.totalParams, theme, model.mismatches);

  const body = svg.append('g').attr('class', 'diagram').attr('transform', `translate(${MARGIN},${TITLE_HEIGHT})`);
  const groups = body.append('g').attr('class', 'groups');
  for (const group of layout.groups) drawGroup(groups, group, theme);
  const edges = body.append('g').attr('class', 'edges');
  for (const edge of layout.edges) drawEdge(edges, edge, theme);
  const nodes = body.append('g').attr('class', 'nodes');
  for (const item of layout.items) drawItem(nodes, item, theme);
  const labels = body.append('g').attr('class', 'edge-labels');
  for (const edge of layout.edges) drawEdgeLabel(labels, edge, theme);
  // Failed step expect:s last, over everything, so no edge or label hides them.
  const marked = layout.items.filter((p) => p.item.mismatches);
  const marks = marked.length ? body.append('g').attr('class', 'mismatches') : undefined;
  for (const item of marked) drawMismatchBadge(marks!, frontCard(item), item.item.mismatches!, contentWidth + MARGIN);

  drawLegend(svg, entries, MARGIN, legendTop, contentWidth, theme, (g, family, size) => {
    const style = familyStyle(family);
    place(g.append('rect').attr('fill', style.fill).attr('stroke', style.stroke), { x: 0, y: 0, width: size, height: size, rx: 3 });
  });
  return serialize(svg);
}

function drawGroup(parent: Sel, placed: PlacedGroup, theme: Theme): void {
  const style = groupStyle(placed.group.kind);
  const g = parent.append('g').attr('class', 'group').attr('data-id', placed.group.id).attr('data-kind', placed.group.kind);
  if (placed.group.wraps) g.attr('data-wraps', placed.group.wraps.join(' '));
  place(
    g
      .append('rect')
      .attr('fill', style.fill)
      .attr('fill-opacity', theme.groupFillOpacity)
      .attr('stroke', style.stroke)
      .attr('stroke-opacity', 0.7)
      .attr('stroke-width', 1.2),
    { x: placed.x, y: placed.y, width: placed.width, height: placed.height, rx: 10 },
  );
  place(
    g
      .append('text')
      .attr('font-size', SMALL_FONT_SIZE + 1)
      .attr('font-weight', 'bold')
      .attr('fill', style.stroke)
      .text(placed.group.title),
    {
      x: placed.x + 10,
      y: placed.y + GROUP_TITLE_HEIGHT - 4,
    },
  );
}

const path = line<{ x: number; y: number }>()
  .x((p) => p.x)
  .y((p) => p.y)
  .digits(1);

function drawEdge(parent: Sel, placed: PlacedEdge, theme: Theme): void {
  const g = parent.append('g').attr('class', placed.wrap ? 'edge-line wrap' : 'edge-line');
  const points = placed.points;
  g.append('path')
    .attr('class', 'edge')
    .attr('data-source', placed.edge.source)
    .attr('data-target', placed.edge.target)
    .attr('d', path(trimEnd(points, ARROW_LENGTH * 0.6)))
    .attr('fill', 'none')
    .attr('stroke', theme.edge)
    .attr('stroke-width', 1.4);
  if (points.length >= 2) drawArrowHead(g, points[points.length - 2]!, points[points.length - 1]!, theme.edge);
}

function drawEdgeLabel(parent: Sel, placed: PlacedEdge, theme: Theme): void {
  const { label } = placed;
  if (label.text === '') return;
  const g = parent.append('g').attr('class', 'edge-label');
  place(g.append('rect').attr('fill', theme.labelBackground).attr('fill-opacity', 0.85), {
    x: label.x,
    y: label.y,
    width: label.width,
    height: label.height,
    rx: 3,
  });
  place(g.append('text').attr('font-size', SMALL_FONT_SIZE).attr('text-anchor', 'middle').attr('fill', theme.mutedText).text(label.text), {
    x: label.x + label.width / 2,
    y: label.y + label.height - 4,
  });
}

/** The box drawn for an item: its front card when a layout kept card room (graph-layout) right of and below it. */
function frontCard(placed: PlacedItem): { x: number; y: number; width: number; height: number } {
  const room = placed.cardRoom ?? 0;
  return { x: placed.x, y: placed.y, width: placed.width - room, height: placed.height - room };
}

function drawItem(parent: Sel, placed: PlacedItem, theme: Theme): void {
  const style = familyStyle(placed.item.family);
  const g = parent
    .append('g')
    .attr('class', placed.item.type === 'collapsed' ? 'node collapsed' : 'node')
    .attr('data-id', placed.item.id);
  // The front card; a layout that kept card room (graph-layout) has it right of and below the box.
  const box = { ...frontCard(placed), rx: 6 };
  if (placed.item.type === 'collapsed') {
    for (const k of [2, 1])
      place(g.append('rect').attr('fill', style.fill).attr('stroke', style.stroke), { ...box, x: box.x + k * STACK_OFFSET, y: box.y + k * STACK_OFFSET });
  }
  place(g.append('rect').attr('class', 'box').attr('fill', style.fill).attr('stroke', style.stroke).attr('stroke-width', 1.2), box);
  placed.lines.forEach((l, i) => {
    const baseline = placed.y + NODE_PADDING_Y + i * LINE_HEIGHT + (LINE_HEIGHT + l.size * 0.72) / 2;
    const text = g.append('text').attr('text-anchor', 'middle').attr('font-size', l.size).attr('fill', theme.boxText).text(l.text);
    if (l.bold) text.attr('font-weight', 'bold');
    if (l.muted) text.attr('fill-opacity', 0.75);
    place(text, { x: box.x + box.width / 2, y: baseline });
  });
}
