// renderDiagram for any DOM: the browser's document, or one the caller builds (linkedom in Node).
import type { IRGraph } from '../ir/types.js';
import { selectBlock } from './block.js';
import { frameCanvas, frameFor, shownFontPx } from './frame.js';
import { drawGraph, graphDrawingSize } from './graph-draw.js';
import { fitGraph } from './graph-fit.js';
import { drawStack, stackCanvas } from './stack-draw.js';
import { fitStack } from './stack-fit.js';
import { SMALL_FONT_SIZE, THEMES } from './theme.js';
import type { DiagramOptions, RenderedDiagram } from './types.js';
import { fitGraphU } from './u-graph.js';

/** Renders onto `doc` (the page's document by default in a browser) and returns the SVG text. */
export async function renderDiagram(whole: IRGraph, options: DiagramOptions, doc: Document | undefined = globalThis.document): Promise<string> {
  return (await drawDiagram(whole, options, doc)).svg;
}

/** Renders and reports what was drawn: canvas size, the depth, direction and wrapping chosen, whether it is readable. */
export async function drawDiagram(whole: IRGraph, options: DiagramOptions, doc: Document | undefined = globalThis.document): Promise<RenderedDiagram> {
  if (!doc) throw new Error('renderDiagram needs a DOM document outside the browser (use src/render/node.ts)');
  const theme = THEMES[options.theme ?? 'light'];
  const graph = options.block === undefined ? whole : selectBlock(whole, options.block);
  const frame = frameFor(options.fit ?? 'none');
  const notice = (readable: boolean) => {
    if (!readable) options.onNotice?.(`the whole network does not fit a ${frame.fit} slide with readable text; try --depth or --block`);
  };
  if (options.view === 'stack') {
    const fit = fitStack(graph, frame, {
      ...(options.depth !== undefined ? { depth: options.depth } : {}),
      ...(options.layout ? { layout: options.layout } : {}),
      ...(options.show ? { show: options.show } : {}),
    });
    notice(fit.readable);
    const svg = drawStack(doc, fit.model, fit.layout, theme, options.width, frame);
    const drawing = stackCanvas(fit.model, fit.layout);
    const scene = { width: drawing.width, height: drawing.height, minFont: SMALL_FONT_SIZE };
    const canvas = frameCanvas(scene, frame);
    return {
      svg,
      width: canvas.width,
      height: canvas.height,
      view: 'stack',
      ...(fit.depth !== undefined ? { depth: fit.depth } : {}),
      fits: fit.readable,
      shownFontPx: shownFontPx(scene, frame),
    };
  }
  // Encoder–decoders as a U (src/render/u-graph.ts), unless a line or rows are asked for: `auto`
  // keeps the U only when it is readable in a slide frame, `u` draws it whatever the size.
  if (options.layout !== 'line' && options.layout !== 'wrap') {
    const u = fitGraphU(graph, frame, { ...(options.depth !== undefined ? { depth: options.depth } : {}), ...(options.show ? { show: options.show } : {}) });
    if (u && (options.layout === 'u' || (u.fits && frame.aspect !== null))) {
      notice(u.fits);
      const svg = drawGraph(doc, u.model, u.layout, theme, options.width, frame);
      const scene = { ...graphDrawingSize(u.model, u.layout), minFont: SMALL_FONT_SIZE };
      const canvas = frameCanvas(scene, frame);
      return {
        svg,
        width: canvas.width,
        height: canvas.height,
        view: 'graph',
        depth: u.depth,
        arrangement: 'u',
        fits: u.fits,
        shownFontPx: shownFontPx(scene, frame),
      };
    }
  }
  const fitted = await fitGraph(graph, frame, {
    ...(options.depth !== undefined ? { depth: options.depth } : {}),
    ...(options.direction ? { direction: options.direction } : {}),
    ...(options.show ? { show: options.show } : {}),
    ...(options.layout ? { layout: options.layout } : {}),
  });
  notice(fitted.fits);
  const svg = drawGraph(doc, fitted.model, fitted.layout, theme, options.width, frame);
  const canvas = frameCanvas(fitted.scene, frame);
  return {
    svg,
    width: canvas.width,
    height: canvas.height,
    view: 'graph',
    depth: fitted.depth,
    direction: fitted.direction,
    pieces: fitted.pieces,
    arrangement: fitted.arrangement,
    fits: fitted.fits,
    shownFontPx: shownFontPx(fitted.scene, frame),
  };
}
