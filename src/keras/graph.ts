// A Keras model as both Keras readers produce it (saved-model JSON / .keras / tfjs model.json, and
// Python source): plain data that one writer (to-spec) turns into a netspec spec. Readers resolve
// their own control flow and defaults; this is the unrolled functional graph.
import type { SourceRef } from '../diagnostics/diagnostic.js';

/** One call of a layer object on tensors. A layer called twice (shared weights) has two nodes with the same `layer`. */
export interface KerasNode {
  /** The layer object's name; equal for every call of one shared layer. */
  layer: string;
  /** Keras class name as written or recorded (`Conv2D`, `Lambda`, an unknown custom class). */
  className: string;
  /** Constructor arguments as a Keras call string body, e.g. `32, 3, activation='relu'` (no class name). */
  args: string;
  /** Names of the tensors this call reads, in order (earlier node outputs or model inputs). */
  inputs: string[];
  /** Name of the tensor this call produces (unique in the graph). */
  output: string;
  /** Where the reader found it (Python line/column, JSON path), for diagnostics. */
  source?: SourceRef;
  /** For custom classes and Lambdas: what the saved config records, when it does. */
  recorded?: { outputShape?: (number | null)[]; params?: number };
}

export interface KerasInput {
  name: string;
  /** Without batch; null = unknown. */
  shape: (number | null)[];
  dtype?: string;
}

export interface KerasGraph {
  name: string;
  inputs: KerasInput[];
  nodes: KerasNode[];
  /** Output tensor names. */
  outputs: string[];
  /** Nested functional/Sequential models used as layers, by layer name (drawn as blocks). */
  submodels?: Record<string, KerasGraph>;
}
