// renderDiagram for any DOM: the browser's document, or one the caller builds (linkedom in Node).
import type { IRGraph } from '../ir/types.js';
import { drawGraph } from './graph-draw.js';
import { layoutGraph } from './graph-layout.js';
import { selectBlock } from './block.js';
import { buildModel } from './model.js';
import { drawStack } from './stack-draw.js';
import { fitStack } from './stack-fit.js';
import { frameFor } from './frame.js';
import { THEMES } from './theme.js';
import type { DiagramOptions } from './types.js';

/** Renders onto `doc` (the page's document by default in a browser) and returns the SVG text. */
export async function renderDiagram(whole: IRGraph, options: DiagramOptions, doc: Document | undefined = globalThis.document): Promise<string> {
  if (!doc) throw new Error('renderDiagram needs a DOM document outside the browser (use src/render/node.ts)');
  const theme = THEMES[options.theme ?? 'light'];
  const graph = options.block === undefined ? whole : selectBlock(whole, options.block);
  if (options.view === 'stack') {
    const frame = frameFor(options.fit ?? 'none');
    const fit = fitStack(graph, frame, { ...(options.depth !== undefined ? { depth: options.depth } : {}), ...(options.layout ? { layout: options.layout } : {}), ...(options.show ? { show: options.show } : {}) });
    if (!fit.readable) options.onNotice?.(`the whole network does not fit a ${frame.fit} slide with readable text; try --depth or --block`);
    return drawStack(doc, fit.model, fit.layout, theme, options.width, frame);
  }
  const model = buildModel(graph, options.depth, options.show);
  const layout = await layoutGraph(model, options.direction ?? 'TB');
  return drawGraph(doc, model, layout, theme, options.width);
}
