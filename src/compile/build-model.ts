// IR graph → tf.LayersModel through the functional API, one IR node at a time in topological order.
import type { LayersModel } from '@tensorflow/tfjs';
import { DiagnosticError } from '../diagnostics/diagnostic.js';
import { tensorKey } from '../ir/tensor-ref.js';
import type { IRGraph, IRNode } from '../ir/types.js';
import { lookupKind } from '../layers/registry.js';
import type { CustomConfigs, CustomLayerName } from '../layers/custom-configs.js';
import { LayerError, type BuildContext, type SymbolicTensor, type Tf } from '../layers/types.js';
import { registerCustomLayers } from './custom-layers.js';
import type { CustomLayerClasses } from './custom-types.js';
import { refuseDroppedObjects } from './dropped-objects.js';
import { planMasks } from './keras-masks.js';
import { LayerNamer } from './names.js';

/** Which tfjs layers implement one IR node; the last one produces the node's output. */
export interface NodeLayers {
  node: string;
  layers: string[];
  /** For a shared call (`use:`): which call of its last layer gives the node's output (tfjs node index). */
  call?: number;
  /** For a node with several outputs: the shape of each tfjs output (batch first), for the check against the IR. */
  outputShapes?: (number | null)[][];
}

export interface CompiledModel {
  model: LayersModel;
  /** In the IR's topological order, one entry per IR node. */
  layerMap: NodeLayers[];
}

export interface BuildOptions {
  /** Called after each node, for progress output on long builds. */
  onProgress?(done: number, total: number): void;
}

/** Input nodes carry no builder: they become `tf.input`. */
function isInputNode(node: IRNode): boolean {
  return node.kind === 'InputLayer' || node.inputs.length === 0;
}

/**
 * Axes a tensor may have, with the batch: tfjs's predict slices batches of at most rank 6, and its
 * wasm kernels (XNNPACK) return wrong values beyond 6 axes instead of failing.
 */
export const MAX_TFJS_RANK = 6;

function refuseBeyondMaxRank(node: IRNode): void {
  const rank = Math.max(node.outputShape.length, ...node.inputShapes.map((s) => s.length)) + 1;
  if (rank <= MAX_TFJS_RANK) return;
  throw new DiagnosticError(
    'compile',
    `cannot compile ${node.name} (${node.kind}) to TensorFlow.js: a tensor of ${rank} axes with the batch, and TensorFlow.js computes at most ${MAX_TFJS_RANK}`,
    node.source,
    'reshape to fewer axes before this step (Keras itself has no such limit)',
  );
}

/** Builds the model; a node tfjs cannot express faithfully throws a DiagnosticError naming it. */
export function buildModel(tf: Tf, graph: IRGraph, options: BuildOptions = {}): CompiledModel {
  graph.nodes.forEach(refuseBeyondMaxRank);
  const custom = registerCustomLayers(tf);
  const { inert } = planMasks(graph);
  const namer = new LayerNamer();
  // Keyed `name[k]`: output k of node `name` (k = 0 for a node with one output).
  const tensors = new Map<string, SymbolicTensor>();
  // Per node, its layers applied to new inputs: a shared node (`use:`) calls its owner's again.
  const appliers = new Map<string, Applier>();
  const layerMap: NodeLayers[] = [];
  graph.nodes.forEach((node, index) => {
    const name = namer.forNode(node.name);
    const inputs = node.inputs.map((input, i) => tensors.get(tensorKey(input, node.inputPorts?.[i] ?? 0))!);
    let outputs: SymbolicTensor[];
    if (isInputNode(node)) outputs = [tf.input({ shape: node.outputShape, name })];
    else {
      const apply = (node.sharedWith && appliers.get(node.sharedWith)) || buildNode(tf, node, name, custom, namer, inert.has(node.name));
      appliers.set(node.name, apply);
      outputs = [applyGuarded(node, apply, inputs)].flat();
    }
    const expected = node.outputShapes?.length ?? 1;
    if (outputs.length !== expected)
      throw new DiagnosticError('compile', `${node.name}: TensorFlow.js gave ${outputs.length} outputs, the IR has ${expected}`, node.source);
    outputs.forEach((tensor, k) => tensors.set(tensorKey(node.name, k), tensor));
    const output = outputs[0]!;
    const layers = layersBetween(outputs, inputs);
    if (!isInputNode(node) && !node.sharedWith) guarded(node, () => refuseDroppedObjects(lookupKind(node.kind)?.args ?? {}, node.args, layers));
    layerMap.push({
      node: node.name,
      layers: layers.map((layer) => layer.name),
      ...(output.nodeIndex > 0 ? { call: output.nodeIndex } : {}),
      ...(outputs.length > 1 ? { outputShapes: outputs.map((t) => t.shape) } : {}),
    });
    options.onProgress?.(index + 1, graph.nodes.length);
  });
  const model = tf.model({
    name: namer.forNode(`${graph.name || 'model'}`) + '__model',
    inputs: graph.inputs.map((ref) => tensors.get(tensorKey(ref.name, 0))!),
    outputs: graph.outputs.map((ref) => tensors.get(tensorKey(ref.name, ref.output ?? 0))!),
  });
  return { model, layerMap };
}

/** What a builder may use beyond tfjs: netspec's custom layers, and names for subgraph layers. */
function contextFor(node: IRNode, name: string, custom: CustomLayerClasses, namer: LayerNamer, inertMask: boolean): BuildContext {
  return {
    inertMask,
    name,
    inputShapes: node.inputShapes,
    outputShape: node.outputShape,
    ...(node.outputShapes ? { outputShapes: node.outputShapes } : {}),
    trainable: node.trainable,
    customLayer<K extends CustomLayerName>(className: K, config: CustomConfigs[K] & { name?: string }) {
      const cls: CustomLayerClasses[K] = custom[className];
      return new cls({ name, trainable: node.trainable, ...config });
    },
    helperName: (part: string) => namer.helper(name, part),
  };
}

type Applier = (inputs: SymbolicTensor[]) => SymbolicTensor | SymbolicTensor[];

/** Makes the node's tfjs layers (once: calling the result again reuses them and their weights). */
function buildNode(tf: Tf, node: IRNode, name: string, custom: CustomLayerClasses, namer: LayerNamer, inertMask: boolean): Applier {
  const kind = lookupKind(node.kind);
  if (!kind) throw new DiagnosticError('compile', `${node.name}: no layer kind '${node.kind}'`, node.source);
  // A copy: tfjs layers may keep and rewrite the arrays they are given (Reshape's target shape).
  return guarded(node, () => kind.build(tf, structuredClone(node.args), contextFor(node, name, custom, namer, inertMask)));
}

function applyGuarded(node: IRNode, apply: Applier, inputs: SymbolicTensor[]): SymbolicTensor | SymbolicTensor[] {
  return guarded(node, () => apply(inputs));
}

function guarded<T>(node: IRNode, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof LayerError) {
      throw new DiagnosticError('compile', `cannot compile ${node.name} (${node.kind}) to TensorFlow.js: ${err.message}`, node.source);
    }
    // tfjs's own "not implemented yet" for a case netspec did not foresee: a refusal at the step, not a stack trace.
    if (err instanceof Error && err.constructor.name === 'NotImplementedError') {
      throw new DiagnosticError('compile', `cannot compile ${node.name} (${node.kind}) to TensorFlow.js: ${err.message} (TensorFlow.js)`, node.source);
    }
    throw err;
  }
}

type Layer = SymbolicTensor['sourceLayer'];

/** The layers on the paths from `inputs` to `outputs`, in application order. */
function layersBetween(outputs: SymbolicTensor[], inputs: SymbolicTensor[]): Layer[] {
  const stop = new Set(inputs.map((t) => t.id));
  const seen = new Set<Layer>();
  const ordered: Layer[] = [];
  const visit = (tensor: SymbolicTensor): void => {
    if (stop.has(tensor.id) || seen.has(tensor.sourceLayer)) return;
    seen.add(tensor.sourceLayer);
    for (const input of tensor.inputs) visit(input);
    ordered.push(tensor.sourceLayer);
  };
  // The first output last: its layer ends the list, as NodeLayers promises.
  for (const output of [...outputs.slice(1), outputs[0]!]) visit(output);
  return ordered;
}
