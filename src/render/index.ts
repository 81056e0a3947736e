// The renderer's public API in Node. A browser bundle imports renderDiagram from './render.js'
// instead (same signature, the page's document by default), which keeps resvg and linkedom out.
export { drawDiagram, pngZoom, renderDiagram, svgToPng, type PngOptions } from './node.js';
export { buildDiagramModel } from './model.js';
export { TooLargeError } from './graph-fit.js';
export { UnknownBlockError, blockNames, selectBlock } from './block.js';
export type { DiagramOptions, Fit, RenderedDiagram, View, Direction, ThemeName } from './types.js';
