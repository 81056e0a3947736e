// Measure phase of the stack view: each visible output becomes a column (a 3D box sized from its
// shape, its label under it). Shape-preserving one-input norm/activation/dropout layers fold into
// the box before them as bands, as PlotNeuralNet draws conv + relu.
import type { Shape } from '../layers/types.js';
import { FONT_SIZE, SMALL_FONT_SIZE } from './theme.js';
import { textWidth } from './measure.js';
import { itemLabel, type DiagramModel, type VisibleItem } from './model.js';
import { formatDims } from '../format/format.js';

export const LABEL_LINE = 15;
/** Gap between a box's bottom and its first label line. */
export const LABEL_GAP = 8;
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

export interface LabelLine {
  text: string;
  size: number;
  bold: boolean;
  muted: boolean;
}

export interface Column {
  index: number;
  item: VisibleItem;
  /** Folded layers, drawn as bands on the box's back end. */
  folded: VisibleItem[];
  solid: Solid;
  slabWidth: number;
  /** Column extent along x (box or label, whichever is wider), and its left edge once placed. */
  width: number;
  left: number;
  /** The main line's y through the box's front face, once placed. */
  cy: number;
  labelLines: LabelLine[];
  /** Resolution level (0 = full size; one more per halving), for the U layout. */
  spatial: number | null;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
/**
 * Square-root scales, clamped (visualkeras's scale_xy / scale_z idea): halving the resolution or
 * doubling the channels changes a box by √2, so 224 against 28 is 2.8× as tall and 512 channels
 * 2.8× as thick as 64, while 1×1 or 2048 stay on the page.
 */
export const spatialSize = (n: number | null | undefined, fallback = 60) => (n == null ? fallback : clamp(9 * Math.sqrt(n), 14, 150));
export const channelThickness = (c: number | null | undefined) => (c == null ? 16 : clamp(1.7 * Math.sqrt(c), 4, 64));
const oblique = (depth: number) => ({ dx: depth * 0.38, dy: -depth * 0.38 });

/** Box proportions from the shape: H → height, W → oblique depth, C (or D for volumes) → thickness. */
export function solidFor(shape: Shape): Omit<Solid, 'x' | 'y'> {
  const [a, b, c] = shape;
  switch (shape.length) {
    case 4: // D, H, W, C: a volume, its depth D along x in slices; C is in the label.
      return {
        thickness: clamp(spatialSize(a) * 0.45, 8, 64),
        height: spatialSize(b),
        ...oblique(spatialSize(c) * 0.8),
        slices: clamp(Math.round(Math.log2((a ?? 16) + 1)), 2, 8),
      };
    case 3:
      return { thickness: channelThickness(c), height: spatialSize(a), ...oblique(spatialSize(b) * 0.8), slices: 0 };
    case 2: // L, C: a sequence.
      return { thickness: channelThickness(b), height: spatialSize(a), ...oblique(10), slices: 0 };
    case 1: // A vector: a tall thin bar, as PlotNeuralNet draws dense layers.
      return { thickness: 8, height: a == null ? 60 : clamp(2.6 * Math.sqrt(a), 16, 170), ...oblique(8), slices: 0 };
    default:
      return { thickness: 10, height: 10, ...oblique(10), slices: 0 };
  }
}

/** The spatial extent of a shape (its largest spatial axis), or null for vectors and unknowns. */
function spatialOf(shape: Shape): number | null {
  if (shape.length < 3) return null;
  const dims = shape.slice(0, -1);
  if (dims.some((d) => d === null)) return null;
  return Math.max(...(dims as number[]));
}

export function boxWidth(col: Pick<Column, 'solid' | 'slabWidth' | 'folded'>): number {
  return col.solid.thickness + col.slabWidth * col.folded.length + col.solid.dx;
}

/** Height above the main line (box top, oblique face included) and below it (box and labels). */
export function columnUp(col: Column): number {
  return col.solid.height / 2 - col.solid.dy;
}
export function columnDown(col: Column): number {
  return col.solid.height / 2 + LABEL_GAP + col.labelLines.length * LABEL_LINE;
}

export function buildColumns(model: DiagramModel): { columns: Column[]; columnOf: Map<string, number> } {
  const columns: Column[] = [];
  const columnOf = new Map<string, number>();
  const inputsOf = new Map<string, string[]>();
  for (const e of model.edges) inputsOf.set(e.target, [...(inputsOf.get(e.target) ?? []), e.source]);
  const consumers = new Map<string, number>();
  for (const e of model.edges) consumers.set(e.source, (consumers.get(e.source) ?? 0) + 1);
  for (const item of model.items) {
    const prev = columns[columns.length - 1];
    const inputs = inputsOf.get(item.id) ?? [];
    const prevId = prev ? (prev.folded[prev.folded.length - 1] ?? prev.item).id : undefined;
    const foldable =
      prev !== undefined &&
      item.type === 'layer' &&
      FOLDABLE.has(item.family) &&
      inputs.length === 1 &&
      inputs[0] === prevId &&
      (consumers.get(prevId) ?? 0) === 1 &&
      formatDims(item.shape) === formatDims(prev.item.shape);
    if (foldable) {
      prev.folded.push(item);
      columnOf.set(item.id, columns.length - 1);
      continue;
    }
    columnOf.set(item.id, columns.length);
    columns.push({
      index: columns.length,
      item,
      folded: [],
      solid: { x: 0, y: 0, ...solidFor(item.drawnShape) },
      slabWidth: 0,
      width: 0,
      left: 0,
      cy: 0,
      labelLines: [],
      spatial: spatialOf(item.drawnShape),
    });
  }
  for (const col of columns) {
    col.slabWidth = col.folded.length ? clamp(col.solid.thickness * 0.25, 3, 7) : 0;
    const box = boxWidth(col);
    // Titles wrap at the box's width, or the shape line's when wider (`MaxPool 3×3 /2` on one line).
    col.labelLines = labelLines(col, model, Math.max(box, 84, textWidth(formatDims(col.item.shape), FONT_SIZE)));
    col.width = Math.max(box, ...col.labelLines.map((l) => textWidth(l.text, l.size, l.bold)));
  }
  return { columns, columnOf };
}

/** The shape, then the title wrapped at spaces to about the box's width, then the chosen details. */
function labelLines(col: Column, model: DiagramModel, maxWidth: number): LabelLine[] {
  const label = itemLabel(col.item, model.show);
  // An input's shape is on the line above: its title is just `Input` (`Output` for --block's right border).
  let title = col.item.family === 'input' ? (col.item.title === 'Output' ? 'Output' : 'Input') : label.title;
  // A folded activation reads as part of its layer, like a fused one: `Conv2D 64 3×3 · relu`.
  const activation = col.folded.find((f) => f.family === 'activation');
  if (activation && !col.item.activation && model.show.includes('activation')) title += ` · ${activation.title.toLowerCase()}`;
  const lines: LabelLine[] = label.shape ? [{ text: label.shape, size: FONT_SIZE, bold: false, muted: false }] : [];
  let current = '';
  for (const word of title.split(' ')) {
    const next = current ? `${current} ${word}` : word;
    if (current && textWidth(next, SMALL_FONT_SIZE, true) > maxWidth) {
      lines.push({ text: current, size: SMALL_FONT_SIZE, bold: true, muted: true });
      current = word;
    } else current = next;
  }
  if (current) lines.push({ text: current, size: SMALL_FONT_SIZE, bold: true, muted: true });
  for (const detail of label.details) lines.push({ text: detail, size: SMALL_FONT_SIZE, bold: false, muted: true });
  return lines;
}
