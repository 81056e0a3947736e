// The Node-only half of the renderer: a linkedom document when none is handed in, and PNG via resvg.
import { Resvg } from '@resvg/resvg-js';
import { parseHTML } from 'linkedom';
import type { IRGraph } from '../ir/types.js';
import { renderDiagram as renderOn } from './render.js';
import type { DiagramOptions } from './types.js';

/** renderDiagram with a linkedom document when none is handed in. */
export function renderDiagram(graph: IRGraph, options: DiagramOptions, doc?: Document): Promise<string> {
  return renderOn(graph, options, doc ?? (parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document));
}

export interface PngOptions {
  /** Pixels per SVG unit (default 2, for sharp slides); ignored when width is given. */
  scale?: number;
  /** Output width in px. */
  width?: number;
}

export function svgToPng(svg: string, options: PngOptions = {}): Uint8Array {
  const fitTo = options.width ? ({ mode: 'width', value: Math.round(options.width) } as const) : ({ mode: 'zoom', value: options.scale ?? 2 } as const);
  const resvg = new Resvg(svg, {
    fitTo,
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    shapeRendering: 2,
    textRendering: 1,
  });
  return resvg.render().asPng();
}
