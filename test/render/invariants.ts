// Layout invariants of a rendered diagram, as a figure must satisfy them: no two boxes overlap, no
// edge passes through a box but its own ends, text stays inside its box and the canvas, the canvas
// has the frame's aspect, and the smallest text is readable at slide size. Generic checks over
// boxes, polylines and texts, plus an extractor for the graph view's SVG (the stack view can build
// the same Scene from its own elements).
import { polylineCrossesBox } from '../../src/render/geometry.js';
import { MIN_FONT_PX, SLIDE_WIDTH_PX } from '../../src/render/frame.js';
import { textRects, type Rect } from './inspect.js';

export interface Polyline {
  points: { x: number; y: number }[];
  /** Ids of the boxes it starts and ends at (allowed to touch them). */
  ends: string[];
  what: string;
}

export interface TextBox extends Rect {
  /** Id of the box the text belongs in, if any. */
  inside?: string;
  size: number;
  /** Placed outside the body's coordinates (title, legend): only its size is checked. */
  outsideBody?: boolean;
}

export interface FigureScene {
  canvas: { x: number; y: number; width: number; height: number };
  /** Boxes in one coordinate system (the diagram body's), by id. */
  boxes: (Rect & { id: string })[];
  /** Labels that must not overlap boxes or each other (edge labels). */
  labels: Rect[];
  edges: Polyline[];
  texts: TextBox[];
  /** Offset of the body's coordinates in the canvas. */
  offset: { x: number; y: number };
}

const overlapping = (a: Rect, b: Rect, tolerance: number) =>
  a.x + a.width - tolerance > b.x && b.x + b.width - tolerance > a.x && a.y + a.height - tolerance > b.y && b.y + b.height - tolerance > a.y;

export function boxOverlaps(scene: FigureScene, tolerance = 0.5): string[] {
  const found: string[] = [];
  const all: Rect[] = [...scene.boxes, ...scene.labels];
  for (let i = 0; i < all.length; i++)
    for (let j = i + 1; j < all.length; j++) if (overlapping(all[i]!, all[j]!, tolerance)) found.push(`${all[i]!.what} overlaps ${all[j]!.what}`);
  return found;
}

export function edgesThroughBoxes(scene: FigureScene): string[] {
  const found: string[] = [];
  for (const edge of scene.edges) {
    for (const box of scene.boxes) {
      if (edge.ends.includes(box.id)) continue;
      if (polylineCrossesBox(edge.points, box, 1)) found.push(`${edge.what} passes through ${box.what}`);
    }
  }
  return found;
}

/** Text outside its own box (estimated width, 1 unit of slack) or outside the canvas. */
export function textOutside(scene: FigureScene, slack = 1): string[] {
  const found: string[] = [];
  const byId = new Map(scene.boxes.map((b) => [b.id, b]));
  const within = (t: Rect, b: { x: number; y: number; width: number; height: number }) =>
    t.x >= b.x - slack && t.y >= b.y - slack && t.x + t.width <= b.x + b.width + slack && t.y + t.height <= b.y + b.height + slack;
  for (const t of scene.texts) {
    if (t.outsideBody) continue;
    const box = t.inside === undefined ? undefined : byId.get(t.inside);
    if (box && !within(t, box)) found.push(`${t.what} sticks out of ${box.what}`);
    const onCanvas = { ...t, x: t.x + scene.offset.x, y: t.y + scene.offset.y };
    if (!within(onCanvas, scene.canvas)) found.push(`${t.what} is outside the canvas`);
  }
  return found;
}

/** Aspect of the canvas against the frame's (null: no frame). */
export function aspectMiss(scene: FigureScene, aspect: number | null, tolerance = 0.01): string[] {
  if (aspect === null) return [];
  const actual = scene.canvas.width / scene.canvas.height;
  return Math.abs(actual / aspect - 1) <= tolerance ? [] : [`canvas aspect ${actual.toFixed(3)}, frame ${aspect.toFixed(3)}`];
}

/** Smallest text in px with the canvas shown SLIDE_WIDTH_PX wide. */
export function smallestShownFontPx(scene: FigureScene): number {
  const smallest = Math.min(...scene.texts.map((t) => t.size));
  return (smallest * SLIDE_WIDTH_PX) / scene.canvas.width;
}

export function fontTooSmall(scene: FigureScene): string[] {
  const px = smallestShownFontPx(scene);
  return px >= MIN_FONT_PX - 0.05 ? [] : [`smallest text is ${px.toFixed(1)} px on a ${SLIDE_WIDTH_PX}-px slide`];
}

/** Every invariant at once: an empty list means the figure is sound. */
export function figureProblems(scene: FigureScene, aspect: number | null, readable = true): string[] {
  return [...boxOverlaps(scene), ...edgesThroughBoxes(scene), ...textOutside(scene), ...aspectMiss(scene, aspect), ...(readable ? fontTooSmall(scene) : [])];
}

const num = (el: Element, name: string) => Number(el.getAttribute(name) ?? 0);

/** Polyline of an SVG path made of M/L commands (the graph view's edges). */
export function pathPoints(d: string): { x: number; y: number }[] {
  return [...d.matchAll(/[ML]\s*(-?[\d.]+)[ ,](-?[\d.]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
}

/** The graph view's figure: node boxes, edge labels, edges (arrowheads included), all texts. */
export function graphFigure(root: Element): FigureScene {
  const [vx, vy, vw, vh] = root.getAttribute('viewBox')!.split(' ').map(Number);
  const translate = /translate\(([-\d.]+),([-\d.]+)\)/.exec(root.querySelector('g.diagram')!.getAttribute('transform') ?? '')!;
  const offset = { x: Number(translate[1]), y: Number(translate[2]) };
  const boxes = [...root.querySelectorAll('g.node')].map((g) => {
    const rect = g.querySelector('rect.box')!;
    const id = g.getAttribute('data-id')!;
    return { id, x: num(rect, 'x'), y: num(rect, 'y'), width: num(rect, 'width'), height: num(rect, 'height'), what: `box ${id}` };
  });
  const labels = [...root.querySelectorAll('g.edge-label rect')].map((r) => ({
    x: num(r, 'x'),
    y: num(r, 'y'),
    width: num(r, 'width'),
    height: num(r, 'height'),
    what: `label '${r.nextElementSibling!.textContent}'`,
  }));
  const edges = [...root.querySelectorAll('g.edge-line')].map((g) => {
    const path = g.querySelector('path.edge')!;
    const source = path.getAttribute('data-source')!;
    const target = path.getAttribute('data-target')!;
    const head = g.querySelector('path.arrowhead');
    const points = [...pathPoints(path.getAttribute('d')!), ...(head ? pathPoints(head.getAttribute('d')!).slice(0, 1) : [])];
    return { points, ends: [source, target], what: `edge ${source} → ${target}` };
  });
  const texts: TextBox[] = [];
  for (const g of root.querySelectorAll('g.node')) texts.push(...textsOf(g, 'text', g.getAttribute('data-id')!));
  texts.push(...textsOf(root, 'g.edge-label text, g.group text'));
  // Title and legend sit outside the body, placed by transforms: only their sizes are checked.
  for (const el of root.querySelectorAll('text.title tspan, g.legend text')) {
    texts.push({ x: 0, y: 0, width: 0, height: 0, what: `text '${el.textContent}'`, size: num(el, 'font-size'), outsideBody: true });
  }
  return { canvas: { x: vx!, y: vy!, width: vw!, height: vh! }, boxes, labels, edges, texts, offset };
}

function textsOf(root: Element, selector: string, inside?: string): TextBox[] {
  const elements = [...root.querySelectorAll(selector)];
  return textRects(root, selector).map((rect, i) => ({ ...rect, size: num(elements[i]!, 'font-size'), ...(inside !== undefined ? { inside } : {}) }));
}
