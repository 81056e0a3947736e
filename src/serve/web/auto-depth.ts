// The diagram depth the page picks by itself: everything when the model is small, otherwise the
// deepest level whose diagram still has a slide's worth of boxes (ResNet-50: stages expanded,
// each bottleneck one box). A level that only adds frames around the same boxes is not taken:
// it adds no information and costs the layout most of its time.
import type { IRGraph } from '../../ir/types.js';
import { buildDiagramModel, type DiagramModel } from '../../render/model.js';

const MAX_BOXES = 60;
const MAX_DEPTH = 6;

export function autoDepth(graph: IRGraph): number | undefined {
  if (graph.nodes.length <= MAX_BOXES) return undefined;
  let chosen = 1;
  let boxes = buildDiagramModel(graph, 1).items.length;
  for (let depth = 2; depth <= MAX_DEPTH; depth++) {
    const model = buildDiagramModel(graph, depth);
    if (model.items.length > MAX_BOXES) break;
    if (model.items.length === graph.nodes.length) return undefined;
    if (model.items.length > boxes) chosen = depth;
    boxes = model.items.length;
  }
  return chosen;
}

/** What the drawing shows: when this is unchanged by an edit, the last SVG still stands. */
export function diagramKey(model: DiagramModel, options: object): string {
  const items = model.items.map(({ nodes: _nodes, ...visible }) => visible);
  return JSON.stringify({ ...model, items, options });
}
