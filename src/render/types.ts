// Options and the plain data passed between the render phases (build → measure → layout → draw).

export type View = 'graph' | 'stack';
export type Direction = 'TB' | 'LR';
export type ThemeName = 'light' | 'dark';
/** The frame a diagram is fitted to: a slide's aspect, or `none` for the drawing's natural size. */
export type Fit = '16:9' | '4:3' | 'none';

export interface DiagramOptions {
  view: View;
  /** Levels of the block hierarchy drawn: top-level items are level 1; a group at level `depth` is one box. */
  depth?: number;
  /** Graph view only: top to bottom or left to right. */
  direction?: Direction;
  theme?: ThemeName;
  /**
   * Fit the drawing to a slide frame: collapse depth, direction and wrapping are chosen so the whole
   * network fills the frame with readable text, and the canvas is padded to the frame's aspect.
   * Default `none` here (the natural size); the CLI defaults to `16:9`.
   */
  fit?: Fit;
  /** The SVG's width attribute in px (the drawing keeps its aspect ratio). */
  width?: number;
  /** `u` draws an encoder–decoder as a U, `line` one row, `wrap` rows; `auto` (default) a U when the network is one. */
  layout?: 'auto' | 'u' | 'line' | 'wrap';
  /** Per-layer text: any of shape, params, activation, macs (default shape and activation). */
  show?: readonly ('shape' | 'params' | 'activation' | 'macs')[];
  /** Draw only this block (a group's hierarchical name), expanded, its inputs and outputs at the border. */
  block?: string;
  /** Called with a line for the user when the drawing cannot meet the frame (text below the readable size). */
  onNotice?: (line: string) => void;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** What renderDiagram drew, for the CLI's report. */
export interface RenderedDiagram {
  svg: string;
  /** Canvas size in SVG units (the frame's aspect when fitted). */
  width: number;
  height: number;
  view: View;
  /** Levels drawn, the last collapsed (as DiagramOptions.depth); Infinity when every block is open. */
  depth?: number;
  direction?: Direction;
  /** Serpentine pieces (1 when not wrapped). */
  pieces?: number;
  /** Graph view: a U, one line, or wrapped into pieces. */
  arrangement?: 'u' | 'line' | 'wrap';
  /** The smallest text is readable at slide size (always true without a frame). */
  fits: boolean;
  /** The smallest text's size in px with the frame shown 1,920 px wide. */
  shownFontPx: number;
}
