// The drawing surface shared by both views: root <svg>, arrowheads, title, legend, serialisation.
import { select, type Selection } from 'd3';
import { FAMILY_ORDER, FONT_SIZE, FONT_STACK, SMALL_FONT_SIZE, TITLE_FONT_SIZE, familyStyle, groupStyle, type Theme } from './theme.js';
import { formatCount } from '../format/format.js';
import { round, textWidth } from './measure.js';
import type { Point } from './types.js';
import { frameCanvas, frameFor, type Frame } from './frame.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
export const MARGIN = 20;
export const TITLE_HEIGHT = 34;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- d3 selections of any SVG element.
export type Sel = Selection<any, unknown, null, undefined>;

/** Sets numeric attributes rounded to 0.1 px. */
export function place(sel: Sel, attrs: Record<string, number>): Sel {
  for (const [name, value] of Object.entries(attrs)) sel.attr(name, round(value));
  return sel;
}

/**
 * The root <svg> for a drawing of width × height units. With a frame, the canvas is padded around the
 * drawing to the frame's aspect (through the viewBox origin, so drawing coordinates stay as laid out).
 */
export function createSvg(doc: Document, width: number, height: number, displayWidth: number | undefined, theme: Theme, frame: Frame = frameFor('none')): Sel {
  const canvas = frameCanvas({ width, height }, frame);
  const svg = select(doc.createElementNS(SVG_NS, 'svg') as SVGSVGElement)
    .attr('xmlns', SVG_NS)
    .attr('viewBox', `${round(-canvas.dx)} ${round(-canvas.dy)} ${round(canvas.width)} ${round(canvas.height)}`)
    .attr('width', round(displayWidth ?? canvas.width))
    .attr('height', round(((displayWidth ?? canvas.width) * canvas.height) / canvas.width))
    .attr('font-family', FONT_STACK)
    .attr('font-size', FONT_SIZE)
    .attr('fill', theme.text);
  place(svg.append('rect').attr('fill', theme.background), { x: -canvas.dx, y: -canvas.dy, width: canvas.width, height: canvas.height });
  return svg;
}

/**
 * An arrowhead drawn as a plain polygon with its tip at `tip`, pointing away from `from`. Markers with
 * orient="auto-start-reverse" are not applied by every rasteriser (resvg drew them unrotated), so
 * the head's geometry is computed here and every renderer sees the same triangle.
 */
export function drawArrowHead(parent: Sel, from: Point, tip: Point, color: string, size = ARROW_LENGTH): Sel {
  const dx = tip.x - from.x;
  const dy = tip.y - from.y;
  const length = Math.hypot(dx, dy) || 1;
  const ux = dx / length;
  const uy = dy / length;
  const half = size * 0.45;
  const baseX = tip.x - ux * size;
  const baseY = tip.y - uy * size;
  const corners = [
    [tip.x, tip.y],
    [baseX - uy * half, baseY + ux * half],
    [baseX + uy * half, baseY - ux * half],
  ];
  return parent
    .append('path')
    .attr('class', 'arrowhead')
    .attr('d', `M${corners.map(([x, y]) => `${round(x!)},${round(y!)}`).join('L')}Z`)
    .attr('fill', color);
}

export const ARROW_LENGTH = 9;

/** The polyline shortened at its end by `by` units, so a stroke stops under the arrowhead's base. */
export function trimEnd(points: Point[], by: number): Point[] {
  if (points.length < 2) return points;
  const last = points[points.length - 1]!;
  const prev = points[points.length - 2]!;
  const length = Math.hypot(last.x - prev.x, last.y - prev.y);
  if (length <= by) return points;
  const t = (length - by) / length;
  return [...points.slice(0, -1), { x: prev.x + (last.x - prev.x) * t, y: prev.y + (last.y - prev.y) * t }];
}

/** Red of a failed `expect:`: the same in both themes, readable on light boxes and dark backgrounds. */
export const MISMATCH_COLOR = '#d62728';
const MISMATCH_GAP = '   ';

/** The title, its parameter count, and the model's failed `expect:` figures in red after them. */
export function drawTitle(svg: Sel, name: string, totalParams: number, theme: Theme, mismatches: readonly string[] = []): void {
  const title = svg
    .append('text')
    .attr('class', 'title')
    .attr('x', MARGIN)
    .attr('y', MARGIN + TITLE_FONT_SIZE);
  title.append('tspan').attr('font-weight', 'bold').attr('font-size', TITLE_FONT_SIZE).text(name);
  title
    .append('tspan')
    .attr('fill', theme.mutedText)
    .attr('font-size', FONT_SIZE)
    .text(`   ${formatCount(totalParams)} parameters`);
  for (const mark of mismatches)
    title
      .append('tspan')
      .attr('class', 'mismatch')
      .attr('fill', MISMATCH_COLOR)
      .attr('font-weight', 'bold')
      .attr('font-size', FONT_SIZE)
      .text(`${MISMATCH_GAP}${mark}`);
}

export function titleWidth(name: string, totalParams: number, mismatches: readonly string[] = []): number {
  const marks = mismatches.reduce((sum, mark) => sum + textWidth(`${MISMATCH_GAP}${mark}`, FONT_SIZE, true), 0);
  return textWidth(name, TITLE_FONT_SIZE, true) + textWidth(`   ${formatCount(totalParams)} parameters`, FONT_SIZE) + marks;
}

const BADGE_LINE = SMALL_FONT_SIZE + 5;

/**
 * A failed step `expect:` on its box: a red outline around `box` and a red label of the mismatches
 * sitting on the box's top edge, kept inside [0, maxX] so it never leaves the drawing.
 */
/** Height of the red badge a failed step expect: puts above its box. */
export const badgeHeight = (mismatches: readonly string[]): number => mismatches.length * BADGE_LINE + 4;

export function drawMismatchBadge(
  parent: Sel,
  box: { x: number; y: number; width: number; height: number },
  mismatches: readonly string[],
  maxX: number,
): void {
  const g = parent.append('g').attr('class', 'mismatch');
  place(g.append('rect').attr('fill', 'none').attr('stroke', MISMATCH_COLOR).attr('stroke-width', 3), {
    x: box.x - 3,
    y: box.y - 3,
    width: box.width + 6,
    height: box.height + 6,
    rx: 8,
  });
  const width = Math.max(...mismatches.map((m) => textWidth(m, SMALL_FONT_SIZE, true))) + 10;
  const height = badgeHeight(mismatches);
  const x = Math.max(0, Math.min(box.x + box.width / 2 - width / 2, maxX - width));
  const y = box.y - 3 - height;
  place(g.append('rect').attr('fill', MISMATCH_COLOR), { x, y, width, height, rx: 4 });
  mismatches.forEach((mark, i) => {
    place(g.append('text').attr('font-size', SMALL_FONT_SIZE).attr('font-weight', 'bold').attr('fill', '#ffffff').attr('text-anchor', 'middle').text(mark), {
      x: x + width / 2,
      y: y + 2 + (i + 1) * BADGE_LINE - 4,
    });
  });
}

export interface LegendEntry {
  label: string;
  /** `family` swatches are filled boxes; `group` swatches are translucent rounded boxes. */
  type: 'family' | 'group';
  key: string;
}

export function legendEntries(families: Iterable<string>, groupKinds: Iterable<string> = []): LegendEntry[] {
  const used = new Set(families);
  const entries: LegendEntry[] = FAMILY_ORDER.filter((f) => used.has(f)).map((f) => ({ label: familyStyle(f).name, type: 'family', key: f }));
  for (const f of [...used].filter((f) => !FAMILY_ORDER.includes(f)).sort()) entries.push({ label: f, type: 'family', key: f });
  const kinds = [...new Set(groupKinds)].sort();
  for (const kind of kinds) entries.push({ label: groupStyle(kind).name, type: 'group', key: kind });
  return entries;
}

const SWATCH = 14;
const LEGEND_ROW = 22;
const LEGEND_GAP = 22;

function entryWidth(entry: LegendEntry): number {
  return SWATCH + 6 + textWidth(entry.label, SMALL_FONT_SIZE + 1);
}

/** Height the legend takes when wrapped to maxWidth. */
export function legendHeight(entries: LegendEntry[], maxWidth: number): number {
  return legendRows(entries, maxWidth).length * LEGEND_ROW;
}

function legendRows(entries: LegendEntry[], maxWidth: number): LegendEntry[][] {
  const rows: LegendEntry[][] = [];
  let row: LegendEntry[] = [];
  let used = 0;
  for (const entry of entries) {
    const w = entryWidth(entry) + LEGEND_GAP;
    if (row.length && used + w > maxWidth) {
      rows.push(row);
      row = [];
      used = 0;
    }
    row.push(entry);
    used += w;
  }
  if (row.length) rows.push(row);
  return rows;
}

/** Draws the legend with its top-left at (x, y); `swatch` draws one family's sample. */
export function drawLegend(
  svg: Sel,
  entries: LegendEntry[],
  x: number,
  y: number,
  maxWidth: number,
  theme: Theme,
  swatch: (g: Sel, family: string, size: number) => void,
): void {
  const legend = svg.append('g').attr('class', 'legend');
  legendRows(entries, maxWidth).forEach((row, r) => {
    let cx = x;
    for (const entry of row) {
      const g = legend
        .append('g')
        .attr('class', 'legend-entry')
        .attr('transform', `translate(${round(cx)},${round(y + r * LEGEND_ROW)})`);
      if (entry.type === 'family') swatch(g, entry.key, SWATCH);
      else {
        const style = groupStyle(entry.key);
        place(
          g
            .append('rect')
            .attr('fill', style.fill)
            .attr('fill-opacity', theme.groupFillOpacity * 2)
            .attr('stroke', style.stroke),
          { x: 0, y: 0, width: SWATCH, height: SWATCH, rx: 3 },
        );
      }
      place(
        g
          .append('text')
          .attr('font-size', SMALL_FONT_SIZE + 1)
          .attr('fill', theme.text)
          .text(entry.label),
        { x: SWATCH + 6, y: SWATCH - 2 },
      );
      cx += entryWidth(entry) + LEGEND_GAP;
    }
  });
}

/**
 * The serialised SVG as well-formed XML. Not outerHTML: HTML serialisation leaves `<` in attribute
 * values and linkedom leaves `&` there too, so a block named `conv&bn` broke the file.
 */
export function serialize(svg: Sel): string {
  return `${serializeNode(svg.node() as Element)}\n`;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * Escapes markup characters (and `"` too in attribute values, which are double-quoted) and replaces
 * the control characters XML 1.0 cannot hold at all.
 */
export function escapeXml(text: string, attribute = false): string {
  // eslint-disable-next-line no-control-regex -- the characters XML forbids are exactly these.
  return text.replace(attribute ? /[&<>"]/g : /[&<>]/g, (c) => ESCAPES[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd');
}

function serializeNode(node: Node): string {
  if (node.nodeType === 3) return escapeXml(node.textContent ?? '');
  if (node.nodeType !== 1) return '';
  const el = node as Element;
  let out = `<${el.localName}`;
  for (const attr of Array.from(el.attributes)) out += ` ${attr.name}="${escapeXml(attr.value, true)}"`;
  if (el.childNodes.length === 0) return `${out} />`;
  out += '>';
  for (const child of Array.from(el.childNodes)) out += serializeNode(child);
  return `${out}</${el.localName}>`;
}
