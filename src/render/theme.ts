// Colours and type: a calm palette per layer family, shared by both views and both themes.
import type { Family } from '../layers/types.js';
import type { ThemeName } from './types.js';

/** Fonts every platform has one of; text widths are estimated from DejaVu Sans, the widest of them. */
export const FONT_STACK = "'DejaVu Sans', Verdana, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
export const FONT_SIZE = 13;
export const SMALL_FONT_SIZE = 11;
export const TITLE_FONT_SIZE = 16;

export interface FamilyStyle {
  name: string;
  fill: string;
  stroke: string;
}

/** Fills stay light in both themes so the dark text inside them reads everywhere. */
/** Every layer family has a colour (a new family without one is a compile error), plus collapsed blocks. */
const FAMILIES: Record<Family | 'block', FamilyStyle> = {
  input: { name: 'Input', fill: '#b9c4d3', stroke: '#6f7d90' },
  conv: { name: 'Convolution', fill: '#fcd9a8', stroke: '#d08a3c' },
  pool: { name: 'Pooling', fill: '#f2a68f', stroke: '#c0644a' },
  dense: { name: 'Dense', fill: '#cdbdea', stroke: '#8a70c0' },
  norm: { name: 'Normalization', fill: '#bfe3cc', stroke: '#5fa57a' },
  activation: { name: 'Activation', fill: '#f7eaa8', stroke: '#bfa63f' },
  merge: { name: 'Merge', fill: '#b7d3ee', stroke: '#5a8fc4' },
  reshape: { name: 'Reshape', fill: '#e6e7ea', stroke: '#9a9ea8' },
  regularization: { name: 'Regularization', fill: '#ecc9d6', stroke: '#b67790' },
  preprocessing: { name: 'Preprocessing', fill: '#c3e6e6', stroke: '#5fa3a3' },
  attention: { name: 'Attention', fill: '#f5c6e0', stroke: '#c0669a' },
  embedding: { name: 'Embedding', fill: '#bfe0d6', stroke: '#5f9e8a' },
  sequence: { name: 'Recurrent / sequence', fill: '#c9cff7', stroke: '#5f6cc7' },
  filter: { name: 'Fixed filter', fill: '#dbe8b5', stroke: '#8ca34d' },
  custom: { name: 'Custom / Lambda', fill: '#f3d6ef', stroke: '#a8679f' },
  block: { name: 'Block (collapsed)', fill: '#e6e0d4', stroke: '#9a8f78' },
};
const UNKNOWN_FAMILY: FamilyStyle = { name: 'Other', fill: '#e3e3e3', stroke: '#999999' };

export const FAMILY_ORDER = Object.keys(FAMILIES);

export function familyStyle(family: string): FamilyStyle {
  return Object.hasOwn(FAMILIES, family) ? FAMILIES[family as keyof typeof FAMILIES] : UNKNOWN_FAMILY;
}

export interface GroupStyle {
  name: string;
  fill: string;
  stroke: string;
}

const GROUPS: Record<string, GroupStyle> = {
  residual: { name: 'Residual', fill: '#4a7fd4', stroke: '#4a7fd4' },
  inception: { name: 'Inception', fill: '#3f9e6e', stroke: '#3f9e6e' },
  dense_block: { name: 'Dense block', fill: '#8a62c4', stroke: '#8a62c4' },
  sequential: { name: 'Sequential', fill: '#8a8f99', stroke: '#8a8f99' },
  block: { name: 'Block', fill: '#b08a3e', stroke: '#b08a3e' },
};

export function groupStyle(kind: string): GroupStyle {
  return GROUPS[kind] ?? GROUPS.sequential!;
}

export interface Theme {
  background: string;
  text: string;
  mutedText: string;
  /** Text drawn on family fills. */
  boxText: string;
  edge: string;
  skip: string;
  groupFillOpacity: number;
  labelBackground: string;
}

export const THEMES: Record<ThemeName, Theme> = {
  light: {
    background: '#ffffff',
    text: '#1f2933',
    mutedText: '#52606d',
    boxText: '#1f2933',
    edge: '#6b7785',
    skip: '#3d5a9e',
    groupFillOpacity: 0.08,
    labelBackground: '#ffffff',
  },
  dark: {
    background: '#1b1f27',
    text: '#e6e9ef',
    mutedText: '#aab2bf',
    boxText: '#1f2933',
    edge: '#9aa5b4',
    skip: '#8fb0f0',
    groupFillOpacity: 0.16,
    labelBackground: '#1b1f27',
  },
};
