// Fitting the graph view to a slide frame: a small search over collapse depth, direction and the
// number of serpentine pieces, each candidate scored by how well it fills the frame with text still
// readable at slide size (src/render/frame.ts).
import type { IRGraph } from '../ir/types.js';
import { fillRatio, fitsFrame, MIN_FONT_PX, scoreScene, shownFontPx, SLIDE_WIDTH_PX, type Frame, type Scene } from './frame.js';
import { chainLayout } from './chain-layout.js';
import { graphDrawingSize } from './graph-draw.js';
import { layoutGraph, measureItem, type GraphLayout } from './graph-layout.js';
import { maxPieces, wrapLayout } from './graph-wrap.js';
import { buildDiagramModel, groupNesting, type DiagramModel, type ShowField, type VisibleGroup, type VisibleItem } from './model.js';
import { SMALL_FONT_SIZE } from './theme.js';
import type { Direction } from './types.js';

/** More boxes than this cannot be readable in one slide frame; such depths are not even laid out. */
const FIT_ITEM_BUDGET = 90;
/** Serpentine pieces tried at most. */
const MAX_PIECES = 12;
/**
 * Boxes (with their spacing) covering more than this share of the readable frame never made a
 * readable layout of a deeper depth in the library's networks (layouts leave room for edges, labels
 * and frames; among depths with a shallower fallback the largest share that fitted was 0.304, the
 * smallest that did not 0.321): such depths are not laid out, which saves two elkjs layouts each.
 */
const MAX_AREA_SHARE = 0.315;
/**
 * The two directions' best smallest text never differed by more than 12% on the library's networks:
 * when the first direction's best is further than this below readable, the second is not laid out.
 */
const HOPELESS_FONT_SHARE = 0.85;
/** A readable candidate filling this much of the frame ends the search: the other direction is not laid out. */
const FILLED = 0.95;
/** A readable candidate filling less than this loses to a shallower one that fills more. */
const GOOD_FILL = 0.4;
/**
 * Text this large on a 1,920-px slide (1.5× the minimum) reads comfortably from the back of a room:
 * once a candidate reaches it, bigger text is not worth a wrap — a flow that reads in one line beats
 * a serpentine that only fills the frame better (Setting B's three boxes, not two rows and a widow).
 */
export const COMFORTABLE_FONT_PX = 18;

/**
 * The graph view refuses to lay out more boxes than this (elkjs needs tens of seconds and
 * gigabytes past a few thousand); the caller says how to draw less.
 */
export const GRAPH_ITEM_LIMIT = 1500;
/** Fitting to a frame lays out at most this many boxes: more cannot be readable on a slide anyway. */
export const FIT_ITEM_LIMIT = 400;

export interface FittedGraph {
  model: DiagramModel;
  layout: GraphLayout;
  /** buildDiagramModel depth used (levels drawn, the last one collapsed); Infinity when everything is open. */
  depth: number;
  direction: Direction;
  pieces: number;
  arrangement: GraphArrangement;
  scene: Scene;
  fits: boolean;
}

/** More boxes than the graph view lays out: refused up front, with what to do instead. */
export class TooLargeError extends Error {
  constructor(
    message: string,
    readonly help: string,
  ) {
    super(message);
  }
}

function checkBudget(model: DiagramModel, limit: number): void {
  if (model.items.length <= limit) return;
  const slide = limit === FIT_ITEM_LIMIT;
  throw new TooLargeError(
    `the graph view would draw ${model.items.length} boxes, more than it lays out${slide ? ' for a slide' : ''} (${limit})`,
    slide
      ? `draw one block with --block NAME, or the whole network at its natural size with --fit none (up to ${GRAPH_ITEM_LIMIT} boxes)`
      : 'draw fewer boxes with --depth N, or one block with --block NAME',
  );
}

const sceneOf = (model: DiagramModel, layout: GraphLayout): Scene => ({ ...graphDrawingSize(model, layout), minFont: SMALL_FONT_SIZE });

/**
 * The least area a model's boxes need with the layout's spacing: more than the readable frame holds
 * means the depth cannot fit, and it is not laid out.
 */
function boxArea(model: DiagramModel): number {
  let area = 0;
  for (const item of model.items) {
    const { width, height } = measureItem(item, model.show);
    area += (width + 26) * (height + 30);
  }
  return area;
}

/** The largest drawing area (units²) whose text is readable in the frame: its width at the 12-px limit. */
function readableArea(frame: Frame): number {
  const width = (SMALL_FONT_SIZE * SLIDE_WIDTH_PX) / MIN_FONT_PX;
  return width * (width / frame.aspect!);
}

/** The depths worth trying, shallowest first: each distinct model while it could still fit (always the shallowest). */
function candidateModels(
  graph: IRGraph,
  depth: number | undefined,
  frame: Frame,
  show: readonly ShowField[] | undefined,
): { depth: number; model: DiagramModel }[] {
  if (depth !== undefined) return [{ depth, model: simplify(buildDiagramModel(graph, depth, show)) }];
  const found: { depth: number; model: DiagramModel }[] = [];
  const deepest = groupNesting(graph) + 1;
  const room = readableArea(frame) * MAX_AREA_SHARE;
  for (let d = 1; d <= deepest; d++) {
    const model = simplify(buildDiagramModel(graph, d === deepest ? Number.POSITIVE_INFINITY : d, show));
    const previous = found[found.length - 1];
    // The same boxes with more frames around them say nothing more: keep the shallower drawing.
    if (previous && previous.model.items.length === model.items.length) continue;
    if (found.length > 0 && (model.items.length > FIT_ITEM_BUDGET || boxArea(model) > room)) break;
    // One collapsed box between the inputs and outputs (a --block whose content is one residual) says nothing: open it.
    if (d < deepest && onlyOneCollapsed(model)) continue;
    found.push({ depth: d === deepest ? Number.POSITIVE_INFINITY : d, model });
  }
  return found;
}

function onlyOneCollapsed(model: DiagramModel): boolean {
  const inner = model.items.filter((item) => item.family !== 'input');
  return inner.length === 1 && inner[0]!.type === 'collapsed';
}

export type GraphArrangement = 'line' | 'wrap';

export async function fitGraph(
  graph: IRGraph,
  frame: Frame,
  options: { depth?: number; direction?: Direction; show?: readonly ShowField[]; layout?: 'auto' | 'u' | GraphArrangement },
): Promise<FittedGraph> {
  const show = options.show;
  // The U is src/render/u-graph.ts's (tried before this); here a line or serpentine pieces.
  const choice = options.layout ?? 'auto';
  if (frame.aspect === null) {
    const depth = options.depth ?? Number.POSITIVE_INFINITY;
    const model = absorbLoneCollapsed(buildDiagramModel(graph, depth, show));
    checkBudget(model, GRAPH_ITEM_LIMIT);
    const direction = options.direction ?? 'TB';
    const layout = chainLayout(model, direction) ?? (await layoutGraph(model, direction));
    const scene = sceneOf(model, layout);
    return { model, layout, depth, direction, pieces: 1, arrangement: 'line', scene, fits: true };
  }
  const directions: Direction[] = options.direction ? [options.direction] : ['TB', 'LR'];
  const candidates: FittedGraph[] = [];
  const good = (list: FittedGraph[]) => list.filter((c) => c.fits && fillRatio(c.scene, frame) >= GOOD_FILL);
  // Deepest first: the first depth with a readable candidate that fills the frame well wins.
  const models = candidateModels(graph, options.depth, frame, show).reverse();
  for (const [index, { depth, model }] of models.entries()) {
    checkBudget(model, FIT_ITEM_LIMIT);
    const atDepth: FittedGraph[] = [];
    const shallower = index < models.length - 1;
    for (const direction of directions) {
      // A depth far from readable in one direction is not laid out in the other when a shallower one is left.
      // A readable candidate that already fills nearly all the frame cannot be beaten by much.
      if (good(atDepth).some((c) => fillRatio(c.scene, frame) >= FILLED)) break;
      if (shallower && atDepth.length > 0 && Math.max(...atDepth.map((c) => shownFontPx(c.scene, frame))) < HOPELESS_FONT_SHARE * MIN_FONT_PX) break;
      const flat = chainLayout(model, direction) ?? (await layoutWithElk(model, direction));
      const most = choice === 'line' ? 1 : Math.min(MAX_PIECES, maxPieces(model, flat, direction));
      for (let pieces = choice === 'wrap' && most > 1 ? 2 : 1; pieces <= most; pieces++) {
        const layout = wrapLayout(model, flat, direction, pieces);
        if (!layout) continue;
        const scene = sceneOf(model, layout);
        atDepth.push({ model, layout, depth, direction, pieces, arrangement: pieces > 1 ? 'wrap' : 'line', scene, fits: fitsFrame(scene, frame) });
      }
    }
    const readable = good(atDepth);
    if (readable.length > 0) return fewestPieces(readable, frame);
    candidates.push(...atDepth);
  }
  return best(candidates, frame);
}

/** elkjs lays out synchronously: let the event loop turn before each layout (a page stays responsive, a test runner's messages get through). */
async function layoutWithElk(model: DiagramModel, direction: Direction): Promise<GraphLayout> {
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  return layoutGraph(model, direction);
}

/** Among readable candidates, the best of those with the fewest pieces whose text is comfortable; else the best. */
function fewestPieces(readable: FittedGraph[], frame: Frame): FittedGraph {
  const comfortable = readable.filter((c) => shownFontPx(c.scene, frame) >= COMFORTABLE_FONT_PX);
  if (comfortable.length === 0) return best(readable, frame);
  const fewest = Math.min(...comfortable.map((c) => c.pieces));
  return best(
    comfortable.filter((c) => c.pieces === fewest),
    frame,
  );
}

/** Readable before unreadable, then the best fill of the frame. */
function best(candidates: FittedGraph[], frame: Frame): FittedGraph {
  return candidates.reduce((a, c) => (scoreScene(c.scene, frame) > scoreScene(a.scene, frame) ? c : a));
}

const simplify = (model: DiagramModel): DiagramModel => dissolveSoleContainer(absorbLoneCollapsed(model));

/**
 * The only open group at the top level, when it holds nothing but four or more blocks (a user block
 * that runs every stage, as EfficientNetV2's `stages`), frames the whole network and would be one
 * unit the serpentine cannot cut: its blocks are drawn at the top level instead.
 */
export function dissolveSoleContainer(model: DiagramModel): DiagramModel {
  const top = model.groups.filter((g) => g.parent === null);
  if (top.length !== 1) return model;
  const container = top[0]!.id;
  const childGroups = model.groups.filter((g) => g.parent === container);
  const childItems = model.items.filter((item) => item.parent === container);
  const blocks = childGroups.length + childItems.filter((item) => item.type === 'collapsed').length;
  if (blocks < 4 || blocks !== childGroups.length + childItems.length) return model;
  return {
    ...model,
    items: model.items.map((item) => (item.parent === container ? { ...item, parent: null } : item)),
    groups: model.groups.filter((g) => g.id !== container).map((g) => (g.parent === container ? { ...g, parent: null } : g)),
  };
}

/**
 * An open group holding nothing but one collapsed block (`mixed1 · module_a` around its `inception`)
 * is drawn as that one box under the outer name: a frame around a single box says nothing more.
 */
export function absorbLoneCollapsed(model: DiagramModel): DiagramModel {
  const content = new Map<string, { items: VisibleItem[]; groups: number }>();
  for (const g of model.groups) content.set(g.id, { items: [], groups: 0 });
  for (const item of model.items) if (item.parent !== null) content.get(item.parent)?.items.push(item);
  for (const g of model.groups) if (g.parent !== null) content.get(g.parent)!.groups++;
  const absorbed = new Map<string, VisibleGroup>();
  for (const g of model.groups) {
    const c = content.get(g.id)!;
    if (c.groups === 0 && c.items.length === 1 && c.items[0]!.type === 'collapsed') absorbed.set(g.id, g);
  }
  if (absorbed.size === 0) return model;
  const items = model.items.map((item) => {
    const outer = item.parent === null ? undefined : absorbed.get(item.parent);
    return outer ? { ...item, title: outer.title, parent: outer.parent } : item;
  });
  return { ...model, items, groups: model.groups.filter((g) => !absorbed.has(g.id)) };
}
