// The slide frame a diagram is fitted to (`--fit 16:9|4:3|none`) and the arithmetic both views use to
// choose among candidate layouts: how well a scene fills the frame, and whether its smallest text is
// still readable when the frame is shown at slide width.
//
// Use: frame = frameFor(options.fit ?? 'none'); lay out each candidate (depth, direction, wrap),
// measure it as a Scene (whole drawing incl. title and legend, smallest font in units), keep the
// candidate with the highest scoreScene, and hand the frame to createSvg, which pads the canvas.
import type { Fit } from './types.js';

/** A slide is judged as shown 1,920 px wide (a 1080p projector); text must be at least 12 px there. */
export const SLIDE_WIDTH_PX = 1920;
export const MIN_FONT_PX = 12;

export interface Frame {
  fit: Fit;
  /** Width / height of the frame; null for `none` (the drawing's natural size). */
  aspect: number | null;
}

/** The drawing's extent in SVG units and the smallest font size it uses (also in SVG units). */
export interface Scene {
  width: number;
  height: number;
  minFont: number;
}

const ASPECTS: Record<Fit, number | null> = { '16:9': 16 / 9, '4:3': 4 / 3, none: null };

export function frameFor(fit: Fit = '16:9'): Frame {
  return { fit, aspect: ASPECTS[fit] };
}

/** The canvas a scene is drawn on: the scene padded (centred) to the frame's aspect. */
export function frameCanvas(scene: { width: number; height: number }, frame: Frame): { width: number; height: number; dx: number; dy: number } {
  if (frame.aspect === null) return { width: scene.width, height: scene.height, dx: 0, dy: 0 };
  const width = Math.max(scene.width, scene.height * frame.aspect);
  const height = width / frame.aspect;
  return { width, height, dx: (width - scene.width) / 2, dy: (height - scene.height) / 2 };
}

/** Size in px of the scene's smallest text when its frame is shown SLIDE_WIDTH_PX wide. */
export function shownFontPx(scene: Scene, frame: Frame): number {
  return (scene.minFont * SLIDE_WIDTH_PX) / frameCanvas(scene, frame).width;
}

/** Share of the frame the scene covers, in (0, 1]; 1 for `none`. */
export function fillRatio(scene: { width: number; height: number }, frame: Frame): number {
  const canvas = frameCanvas(scene, frame);
  return (scene.width * scene.height) / (canvas.width * canvas.height);
}

/** The scene fits when its smallest text stays readable at slide size (always, for `none`). */
export function fitsFrame(scene: Scene, frame: Frame): boolean {
  return frame.aspect === null || shownFontPx(scene, frame) >= MIN_FONT_PX - 1e-9;
}

/**
 * How good a candidate is, higher is better: the fill ratio when the text is readable; below every
 * readable candidate otherwise, falling with the square of the shrink factor, so the search still
 * returns the least bad drawing when nothing fits.
 */
export function scoreScene(scene: Scene, frame: Frame): number {
  if (frame.aspect === null) return 1;
  const fill = fillRatio(scene, frame);
  if (fitsFrame(scene, frame)) return 1 + fill;
  const shrink = shownFontPx(scene, frame) / MIN_FONT_PX;
  return fill * shrink * shrink;
}
