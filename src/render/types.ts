// Options and the plain data passed between the render phases (build → measure → layout → draw).

export type View = 'graph' | 'stack';
export type Direction = 'TB' | 'LR';
export type ThemeName = 'light' | 'dark';

export interface DiagramOptions {
  view: View;
  /** Levels of the block hierarchy drawn: top-level items are level 1; a group at level `depth` is one box. */
  depth?: number;
  /** Graph view only: top to bottom or left to right. */
  direction?: Direction;
  theme?: ThemeName;
  /** The SVG's width attribute in px (the drawing keeps its aspect ratio). */
  width?: number;
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
