// Compiling allocates every weight (float32, 4 bytes each) several times over while saving, and the
// wasm backend's memory ends at 4 GiB: a model too large for that is refused before any allocation,
// with the size it would need, instead of running out of memory half-way.
import { DiagnosticError } from '../diagnostics/diagnostic.js';
import type { IRGraph } from '../ir/types.js';
import { formatBytes, formatCount } from '../format/format.js';

/** 1.00 GB of float32 weights: 268,435,456 parameters (VGG19, the largest keras.applications model, needs 0.54 GB). */
export const MAX_WEIGHT_BYTES = 1024 ** 3;
const BYTES_PER_PARAM = 4;

/** Throws a diagnostic at the largest layer when the weights would not fit. */
export function checkWeightMemory(graph: IRGraph): void {
  const params = Number(graph.totals.params);
  const bytes = params * BYTES_PER_PARAM;
  if (bytes <= MAX_WEIGHT_BYTES) return;
  const paramsOf = (node: IRGraph['nodes'][number]): number => Number(node.params.trainable) + Number(node.params.nonTrainable);
  const largest = graph.nodes.reduce((a, b) => (paramsOf(b) > paramsOf(a) ? b : a), graph.nodes[0]!);
  throw new DiagnosticError(
    'model-too-large',
    `the model has ${formatCount(params)} parameters; its weights would need ${formatCount(bytes)} bytes (${formatBytes(bytes)}) of memory, more than netspec compiles (limit ${formatCount(MAX_WEIGHT_BYTES)} bytes or ${formatBytes(MAX_WEIGHT_BYTES)}, ${formatCount(MAX_WEIGHT_BYTES / BYTES_PER_PARAM)} parameters); the largest layer is ${largest.name} with ${formatCount(paramsOf(largest))}`,
    largest.source,
    'make the model smaller, or use `netspec summary`, which computes every figure without allocating weights',
  );
}
