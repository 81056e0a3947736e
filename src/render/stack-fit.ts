// The stack view's frame fit: among collapse depths and arrangements (a U for encoder–decoders,
// one line, rows of several widths) the deepest drawing whose text stays readable on the slide,
// and of those the one that fills the frame best; the least bad one when nothing is readable.
import type { IRGraph } from '../ir/types.js';
import { fitsFrame, scoreScene, type Frame } from './frame.js';
import { buildDiagramModel, groupNesting, type DiagramModel, type ShowField } from './model.js';
import { stackCanvas } from './stack-draw.js';
import { layoutStack, stackLevels, stackScene, type StackLayout, type StackMode } from './stack-layout.js';
import { SMALL_FONT_SIZE } from './theme.js';

export type LayoutChoice = 'auto' | 'u' | 'line' | 'wrap';

export interface StackFit {
  model: DiagramModel;
  layout: StackLayout;
  /** False when even the best candidate's text is below the readable size. */
  readable: boolean;
  /** The depth drawn (as DiagramOptions.depth). */
  depth?: number;
}

/** Row widths tried when wrapping: from a near-square block to the widest readable slide. */
const ROW_WIDTHS = [900, 1200, 1500, 1740];
/** Past this many boxes no arrangement is readable on a slide; such depths are not even laid out. */
const MAX_ITEMS = 160;

export function fitStack(graph: IRGraph, frame: Frame, options: { depth?: number; layout?: LayoutChoice; show?: readonly ShowField[] }): StackFit {
  const full = groupNesting(graph) + 1;
  const depths = options.depth !== undefined ? [options.depth] : frame.aspect === null ? [full] : Array.from({ length: full }, (_, k) => full - k);
  let best: { readable: boolean; score: number; depth: number; mode: StackMode; rowWidth: number } | undefined;
  for (const depth of depths) {
    const model = buildDiagramModel(graph, depth, options.show);
    if (model.items.length > MAX_ITEMS && depth !== depths[depths.length - 1]) continue;
    const scene = stackScene(model);
    const choice = options.layout ?? 'auto';
    const modes: [StackMode, number][] =
      choice === 'u' || (choice === 'auto' && stackLevels(scene))
        ? [['u', 0]]
        : choice === 'line'
          ? [['line', 0]]
          : choice === 'wrap' || frame.aspect === null
            ? frame.aspect === null
              ? [['wrap', 1400]]
              : ROW_WIDTHS.map((w) => ['wrap', w] as [StackMode, number])
            : [['line', 0], ...ROW_WIDTHS.map((w) => ['wrap', w] as [StackMode, number])];
    for (const [mode, rowWidth] of modes) {
      const layout = layoutStack(scene, mode, rowWidth);
      const canvas = stackCanvas(model, layout);
      const measured = { width: canvas.width, height: canvas.height, minFont: SMALL_FONT_SIZE };
      const readable = fitsFrame(measured, frame);
      const score = scoreScene(measured, frame);
      // Deeper beats shallower once readable: the most detail a slide can hold; at one depth, one
      // readable line (the pipeline figure papers draw) beats rows, then the better filled frame wins.
      const line = readable && mode === 'line';
      const better =
        !best ||
        (readable && !best.readable) ||
        (readable === best.readable && (readable ? depth === best.depth && (line || (best.mode !== 'line' && score > best.score)) : score > best.score));
      if (better) {
        best = { readable, score, depth, mode, rowWidth };
      }
    }
    if (best?.readable && best.depth === depth && options.depth === undefined) break;
  }
  // Layouts place the scene's columns in place: the chosen one is laid out again.
  const chosen = best!;
  const model = buildDiagramModel(graph, chosen.depth, options.show);
  return { model, layout: layoutStack(stackScene(model), chosen.mode, chosen.rowWidth), readable: chosen.readable, depth: chosen.depth };
}
