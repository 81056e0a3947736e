// Checks a compiled model against its IR, node by node: output shape and parameter counts
// (trainable and non-trainable apart). The differential tests and the compile command use it.
import type { IRGraph } from '../ir/types.js';
import type { CompiledModel } from './build-model.js';

export interface Mismatch {
  node: string;
  what: 'shape' | 'trainable' | 'nonTrainable' | 'missing';
  ir: string;
  tfjs: string;
}

const count = (weights: { shape: (number | null)[] }[]): number => weights.reduce((sum, w) => sum + w.shape.reduce((p: number, d) => p * (d ?? 0), 1), 0);

export function compareWithIR(graph: IRGraph, compiled: CompiledModel): Mismatch[] {
  const mismatches: Mismatch[] = [];
  const byNode = new Map(compiled.layerMap.map((entry) => [entry.node, entry.layers]));
  const calls = new Map(compiled.layerMap.map((entry) => [entry.node, entry.call ?? 0]));
  const irNodes = new Map(graph.nodes.map((n) => [n.name, n]));
  const severalOutputs = new Map(compiled.layerMap.flatMap((entry) => (entry.outputShapes ? [[entry.node, entry.outputShapes] as const] : [])));
  for (const node of graph.nodes) {
    const names = byNode.get(node.name);
    if (!names || names.length === 0) {
      mismatches.push({ node: node.name, what: 'missing', ir: node.kind, tfjs: 'no layer' });
      continue;
    }
    const layers = names.map((name) => layerNamed(compiled, name));
    const last = layers[layers.length - 1]!;
    // A layer called more than once (shared) has one output shape per call.
    const output =
      last.inboundNodes.length > 1 ? (last.getOutputAt(calls.get(node.name)!) as { shape: (number | null)[] }).shape : (last.outputShape as (number | null)[]);
    // Several outputs (return_state, merge_mode=None): every one, as the build recorded them.
    const several = severalOutputs.get(node.name);
    const shape = JSON.stringify(several ? several.map((s) => s.slice(1)) : output.slice(1));
    const irShape = JSON.stringify(several || node.outputShapes ? (node.outputShapes ?? [node.outputShape]) : node.outputShape);
    if (shape !== irShape) mismatches.push({ node: node.name, what: 'shape', ir: irShape, tfjs: shape });
    const trainable = layers.reduce((sum, l) => sum + count(l.trainableWeights), 0);
    const nonTrainable = layers.reduce((sum, l) => sum + count(l.nonTrainableWeights), 0);
    // A shared call (`use:`) holds its owner's layers, whose weights the IR counts at the owner.
    const params = (node.sharedWith && irNodes.get(node.sharedWith)?.params) || node.params;
    if (trainable !== params.trainable) mismatches.push({ node: node.name, what: 'trainable', ir: String(params.trainable), tfjs: String(trainable) });
    if (nonTrainable !== params.nonTrainable)
      mismatches.push({ node: node.name, what: 'nonTrainable', ir: String(params.nonTrainable), tfjs: String(nonTrainable) });
  }
  return mismatches;
}

/** tfjs leaves a model input no output depends on out of `layers` (Keras keeps it): look among the inputs too. */
function layerNamed(compiled: CompiledModel, name: string): ReturnType<CompiledModel['model']['getLayer']> {
  return compiled.model.inputLayers.find((l) => l.name === name) ?? compiled.model.getLayer(name);
}
