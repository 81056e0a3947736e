// The explicit list of layer kinds. Adding a kind: one module, one line here.
import { Conv1D, Conv2D, Conv3D } from './conv.js';
import type { LayerKind } from './types.js';

export const LAYER_KINDS: readonly LayerKind[] = [
  Conv1D,
  Conv2D,
  Conv3D,
];

/** Keras's own to_snake_case: `Conv2D` → `conv2d`, `Conv2DTranspose` → `conv2d_transpose`, `ReLU` → `re_lu`. */
export function snakeCase(className: string): string {
  return className
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

let byName: Map<string, LayerKind> | undefined;

/** Every accepted name (class name, snake_case, aliases) → kind. */
export function kindIndex(): Map<string, LayerKind> {
  if (byName) return byName;
  byName = new Map();
  for (const kind of LAYER_KINDS) {
    for (const name of [kind.className, snakeCase(kind.className), ...(kind.aliases ?? [])]) byName.set(name, kind);
  }
  return byName;
}

export function lookupKind(name: string): LayerKind | undefined {
  return kindIndex().get(name);
}
