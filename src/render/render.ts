// renderDiagram for any DOM: the browser's document, or one the caller builds (linkedom in Node).
import type { IRGraph } from '../ir/types.js';
import { drawGraph } from './graph-draw.js';
import { layoutGraph } from './graph-layout.js';
import { buildModel } from './model.js';
import { drawStack } from './stack-draw.js';
import { layoutStack, stackScene } from './stack-layout.js';
import { THEMES } from './theme.js';
import type { DiagramOptions } from './types.js';

/** Renders onto `doc` (the page's document by default in a browser) and returns the SVG text. */
export async function renderDiagram(graph: IRGraph, options: DiagramOptions, doc: Document | undefined = globalThis.document): Promise<string> {
  if (!doc) throw new Error('renderDiagram needs a DOM document outside the browser (use src/render/node.ts)');
  const theme = THEMES[options.theme ?? 'light'];
  const model = buildModel(graph, options.depth);
  if (options.view === 'stack') return drawStack(doc, model, layoutStack(stackScene(model), 'u'), theme, options.width);
  const layout = await layoutGraph(model, options.direction ?? 'TB');
  return drawGraph(doc, model, layout, theme, options.width);
}
