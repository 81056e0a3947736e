// The Node-only half of the renderer: a linkedom document when none is handed in, and PNG via resvg.
import { Resvg } from '@resvg/resvg-js';
import { parseHTML } from 'linkedom';
import type { IRGraph } from '../ir/types.js';
import { drawDiagram as drawOn } from './render.js';
import type { DiagramOptions, RenderedDiagram } from './types.js';

/** renderDiagram with a linkedom document when none is handed in. */
export async function renderDiagram(graph: IRGraph, options: DiagramOptions, doc?: Document): Promise<string> {
  return (await drawDiagram(graph, options, doc)).svg;
}

/** drawDiagram (the SVG and what was chosen for it) with a linkedom document when none is handed in. */
export function drawDiagram(graph: IRGraph, options: DiagramOptions, doc?: Document): Promise<RenderedDiagram> {
  return drawOn(graph, options, doc ?? (parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document));
}

export interface PngOptions {
  /** Pixels per SVG unit (default 2, for sharp slides); ignored when width is given. */
  scale?: number;
  /** Output width in px. */
  width?: number;
}

/** resvg aborts the whole process (a Rust panic) on pixmaps past its limits: stay well inside them. */
const MAX_PNG_SIDE = 120_000;
const MAX_PNG_PIXELS = 120_000_000;

/** The zoom that keeps the PNG inside the pixel budget, and whether it had to shrink. */
export function pngZoom(svg: string, options: PngOptions): { zoom: number; shrunk: boolean } {
  const size = /<svg[^>]*?\bviewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(svg);
  const width = Number(size?.[1] ?? 1);
  const height = Number(size?.[2] ?? 1);
  const wanted = options.width ? options.width / width : (options.scale ?? 2);
  const zoom = Math.min(wanted, MAX_PNG_SIDE / width, MAX_PNG_SIDE / height, Math.sqrt(MAX_PNG_PIXELS / (width * height)));
  return { zoom, shrunk: zoom < wanted };
}

export function svgToPng(svg: string, options: PngOptions & { onNotice?: (line: string) => void } = {}): Uint8Array {
  const { zoom, shrunk } = pngZoom(svg, options);
  if (shrunk) options.onNotice?.(`the diagram is too large for a PNG at this size; drawn at ${zoom.toFixed(3)} px per unit (try --depth or SVG)`);
  const fitTo = { mode: 'zoom', value: zoom } as const;
  const resvg = new Resvg(svg, {
    fitTo,
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    shapeRendering: 2,
    textRendering: 1,
  });
  return resvg.render().asPng();
}
