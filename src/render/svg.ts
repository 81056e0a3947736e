// The drawing surface shared by both views: root <svg>, arrow marker, title, legend, serialisation.
import { select, type Selection } from 'd3';
import { FAMILY_ORDER, FONT_SIZE, FONT_STACK, SMALL_FONT_SIZE, TITLE_FONT_SIZE, familyStyle, groupStyle, type Theme } from './theme.js';
import { formatCount, round, textWidth } from './measure.js';

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

/** A safe, stable id prefix from the graph's name, so several diagrams can share one page. */
export function idPrefix(name: string): string {
  return `ns-${name.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40)}`;
}

export function createSvg(doc: Document, width: number, height: number, displayWidth: number | undefined, theme: Theme): Sel {
  const svg = select(doc.createElementNS(SVG_NS, 'svg') as SVGSVGElement)
    .attr('xmlns', SVG_NS)
    .attr('viewBox', `0 0 ${round(width)} ${round(height)}`)
    .attr('width', round(displayWidth ?? width))
    .attr('height', round(((displayWidth ?? width) * height) / width))
    .attr('font-family', FONT_STACK)
    .attr('font-size', FONT_SIZE)
    .attr('fill', theme.text);
  place(svg.append('rect').attr('fill', theme.background), { x: 0, y: 0, width, height });
  return svg;
}

export function addArrowMarker(svg: Sel, id: string, color: string): void {
  svg
    .append('defs')
    .append('marker')
    .attr('id', id)
    .attr('viewBox', '0 0 10 10')
    .attr('refX', 9)
    .attr('refY', 5)
    .attr('markerWidth', 9)
    .attr('markerHeight', 9)
    .attr('orient', 'auto-start-reverse')
    .append('path')
    .attr('d', 'M0,0 L10,5 L0,10 z')
    .attr('fill', color);
}

export function drawTitle(svg: Sel, name: string, totalParams: number, theme: Theme): void {
  const title = svg.append('text').attr('class', 'title').attr('x', MARGIN).attr('y', MARGIN + TITLE_FONT_SIZE);
  title.append('tspan').attr('font-weight', 'bold').attr('font-size', TITLE_FONT_SIZE).text(name);
  title.append('tspan').attr('fill', theme.mutedText).attr('font-size', FONT_SIZE).text(`   ${formatCount(totalParams)} parameters`);
}

export function titleWidth(name: string, totalParams: number): number {
  return textWidth(name, TITLE_FONT_SIZE, true) + textWidth(`   ${formatCount(totalParams)} parameters`, FONT_SIZE);
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
export function drawLegend(svg: Sel, entries: LegendEntry[], x: number, y: number, maxWidth: number, theme: Theme, swatch: (g: Sel, family: string, size: number) => void): void {
  const legend = svg.append('g').attr('class', 'legend');
  legendRows(entries, maxWidth).forEach((row, r) => {
    let cx = x;
    for (const entry of row) {
      const g = legend.append('g').attr('class', 'legend-entry').attr('transform', `translate(${round(cx)},${round(y + r * LEGEND_ROW)})`);
      if (entry.type === 'family') swatch(g, entry.key, SWATCH);
      else {
        const style = groupStyle(entry.key);
        place(g.append('rect').attr('fill', style.fill).attr('fill-opacity', theme.groupFillOpacity * 2).attr('stroke', style.stroke), { x: 0, y: 0, width: SWATCH, height: SWATCH, rx: 3 });
      }
      place(g.append('text').attr('font-size', SMALL_FONT_SIZE + 1).attr('fill', theme.text).text(entry.label), { x: SWATCH + 6, y: SWATCH - 2 });
      cx += entryWidth(entry) + LEGEND_GAP;
    }
  });
}

/** The serialised SVG, with an XML declaration-free, stable form. */
export function serialize(svg: Sel): string {
  return `${(svg.node() as Element).outerHTML}\n`;
}
