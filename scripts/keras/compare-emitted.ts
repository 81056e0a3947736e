// What Keras built from emitted code against netspec's IR: every layer call's output shape, every
// layer's trainable and non-trainable weight count, no extra layers, and the model's total.
import type { IRGraph } from '../../src/ir/types.js';

export interface KerasLayerResult {
  name: string;
  class: string;
  /** Per call of the layer: its output shapes without the batch axis. */
  calls: (number | null)[][][];
  trainable: number;
  non_trainable: number;
}

export type KerasModelResult = { layers: KerasLayerResult[]; total_params: number; seconds?: number } | { error: string; seconds?: number };

/** Differences, each one line; empty when Keras built exactly the IR's network. */
export function compareWithKeras(graph: IRGraph, result: KerasModelResult): string[] {
  if ('error' in result) return [`Keras raised: ${result.error}`];
  const problems: string[] = [];
  const byName = new Map(result.layers.map((l) => [l.name, l]));
  const calls = new Map<string, number>();
  const owners = new Set<string>();
  for (const node of graph.nodes) {
    const layerName = node.sharedWith ?? node.name;
    const call = calls.get(layerName) ?? 0;
    calls.set(layerName, call + 1);
    const layer = byName.get(layerName);
    if (!layer) {
      problems.push(`${node.name} (${node.kind}): no Keras layer named '${layerName}'`);
      continue;
    }
    // Every output of the call: a layer with return_state or merge_mode=None has several.
    const shapes = layer.calls[call];
    const expected = node.outputShapes ?? [node.outputShape];
    if (JSON.stringify(shapes) !== JSON.stringify(expected)) {
      const text = (list: unknown[] | undefined) => JSON.stringify(list === undefined ? 'no such call' : list.length === 1 ? list[0] : list);
      problems.push(`${node.name} (${node.kind}): output shape ${text(expected)} in netspec, ${text(shapes)} in Keras`);
    }
    if (node.sharedWith) continue;
    owners.add(node.name);
    if (layer.trainable !== node.params.trainable || layer.non_trainable !== node.params.nonTrainable) {
      problems.push(
        `${node.name} (${node.kind}): params ${node.params.trainable} + ${node.params.nonTrainable} non-trainable in netspec, ${layer.trainable} + ${layer.non_trainable} in Keras`,
      );
    }
  }
  for (const layer of result.layers) if (!owners.has(layer.name)) problems.push(`Keras layer '${layer.name}' (${layer.class}) is not in netspec's graph`);
  for (const [name, count] of calls) {
    const layer = byName.get(name);
    if (layer && layer.calls.length !== count) problems.push(`${name}: called ${count} times in netspec, ${layer.calls.length} in Keras`);
  }
  if (result.total_params !== graph.totals.params) problems.push(`total params ${graph.totals.params} in netspec, ${result.total_params} in Keras`);
  return problems;
}
