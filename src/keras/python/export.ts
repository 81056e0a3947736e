// The recorded calls → KerasGraph: the chosen model's nodes in call order, tensors named as the JSON
// reader names them (a layer's first call by its name, later calls `name-2`, …), nested models as submodels.
import { didYouMean } from '../../diagnostics/format.js';
import { LAYER_KINDS, lookupKind } from '../../layers/registry.js';
import type { KerasGraph, KerasInput, KerasNode } from '../graph.js';
import type { Span } from './ast.js';
import { PyError } from './limits.js';
import { pyRepr, type GraphNode, type LayerObject, type ModelObject, type Tensor } from './values.js';

/** Keras's argument-object modules: `l2(1e-4)` after `from keras.regularizers import l2` is written `keras.regularizers.l2(1e-4)`. */
const OBJECT_FAMILIES = new Set(['initializers', 'regularizers', 'constraints']);

/**
 * A class netspec has no kind for: an error at its constructor. (A saved model records each custom
 * layer's output shape; Python code does not, so there is nothing to declare it with.)
 */
function checkKnown(layer: LayerObject): void {
  if (lookupKind(layer.className)) return;
  throw new PyError(
    `keras.layers.${layer.className} is not a layer netspec models`,
    layer.at,
    true,
    'unknown-kind',
    didYouMean(
      layer.className,
      LAYER_KINDS.map((k) => k.className),
    ) ?? "README's Layer catalog lists the layers netspec models",
  );
}

export function argsText(layer: LayerObject): string {
  checkKnown(layer);
  const parts: string[] = [];
  for (const arg of layer.args) {
    const value = arg.value;
    const text =
      value.t === 'layer'
        ? `${value.layer.className}(${argsText(value.layer)})`
        : value.t === 'kerasObject' && OBJECT_FAMILIES.has(value.family)
          ? `keras.${value.family}.${value.text}`
          : (pyRepr(value) ?? '');
    parts.push(arg.name === undefined ? text : `${arg.name}=${text}`);
  }
  if (layer.trainable === false && !layer.args.some((a) => a.name === 'trainable')) parts.push('trainable=False');
  return parts.join(', ');
}

const ref = (file: string, at: Span): { file: string; start: number; end: number } => ({ file, start: at.start, end: at.end });

export function exportModel(model: ModelObject, file: string, depth = 0): KerasGraph {
  if (depth > 32) throw new PyError('models nest deeper than 32 levels', model.at, true, 'too-deep');
  return model.kind === 'functional' ? exportFunctional(model, file, depth) : exportSequential(model, file, depth);
}

function exportFunctional(model: Extract<ModelObject, { kind: 'functional' }>, file: string, depth: number): KerasGraph {
  const inputIds = new Set(model.inputs.map((t) => t.id));
  for (const t of model.inputs) if (!t.input) throw new PyError(`the inputs of model '${model.name}' must be keras.Input tensors`, model.at, true);
  const needed = new Map<number, GraphNode>();
  const stack: Tensor[] = [...model.outputs];
  while (stack.length > 0) {
    const tensor = stack.pop() as Tensor;
    if (inputIds.has(tensor.id)) continue;
    if (tensor.input)
      throw new PyError(`model '${model.name}' computes its outputs from the input '${tensor.input.name}', which is not among its inputs`, model.at, true);
    const node = tensor.node;
    if (!node || needed.has(node.id)) continue;
    needed.set(node.id, node);
    stack.push(...node.inputs);
  }
  const ordered = [...needed.values()].sort((a, b) => a.id - b.id);
  const names = new Map<number, string>();
  for (const t of model.inputs) names.set(t.id, t.input?.name ?? '');
  const graph: KerasGraph = { name: model.name, inputs: model.inputs.map((t) => inputOf(t)), nodes: [], outputs: [] };
  const callsSoFar = new Map<string, number>();
  for (const node of ordered) {
    const layerName = node.callee.kind === 'layer' ? node.callee.layer.name : node.callee.model.name;
    const n = callsSoFar.get(layerName) ?? 0;
    callsSoFar.set(layerName, n + 1);
    const output = n === 0 ? layerName : `${layerName}-${n + 1}`;
    names.set(node.output.id, output);
    // Output k of a call with several is read as `name[k]`, as a spec (and the JSON reader) writes it.
    for (const tensor of node.outputs ?? []) names.set(tensor.id, `${output}[${tensor.outputIndex}]`);
    graph.nodes.push(
      nodeOf(
        node,
        output,
        node.inputs.map((t) => names.get(t.id) ?? ''),
        file,
        graph,
        depth,
      ),
    );
  }
  graph.outputs = model.outputs.map((t) => names.get(t.id) ?? '');
  return graph;
}

function inputOf(tensor: Tensor): KerasInput {
  const decl = tensor.input;
  const input: KerasInput = { name: decl?.name ?? '', shape: decl?.shape ?? [] };
  if (decl?.dtype) input.dtype = decl.dtype;
  return input;
}

function nodeOf(node: GraphNode, output: string, inputs: string[], file: string, graph: KerasGraph, depth: number): KerasNode {
  if (node.callee.kind === 'layer') {
    const layer = node.callee.layer;
    return {
      layer: layer.name,
      className: layer.className,
      args: argsText(layer),
      inputs,
      output,
      source: ref(file, node.callIndex === 0 ? spanUnion(layer.at, node.at) : node.at),
    };
  }
  const model = node.callee.model;
  graph.submodels ??= {};
  if (!graph.submodels[model.name]) {
    const inner = model.kind === 'sequential' && !model.input ? { ...model, input: { name: `${model.name}_input`, shape: inputShapeAt(node, model) } } : model;
    graph.submodels[model.name] = exportModel(inner, file, depth + 1);
  }
  return { layer: model.name, className: model.kind === 'sequential' ? 'Sequential' : 'Functional', args: '', inputs, output, source: ref(file, node.at) };
}

function spanUnion(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** A Sequential without its own input takes the shape of what it is called on, when that is a model input. */
function inputShapeAt(node: GraphNode, model: ModelObject): (number | null)[] {
  const shape = node.inputs.length === 1 ? node.inputs[0]?.shape : undefined;
  if (!shape)
    throw new PyError(
      `Sequential '${model.name}' has no input shape and is called on a layer's output; give it keras.Input(shape=...) as its first item`,
      node.at,
      true,
    );
  return shape;
}

function exportSequential(model: Extract<ModelObject, { kind: 'sequential' }>, file: string, depth: number): KerasGraph {
  const input = model.input;
  if (!input)
    throw new PyError(
      `Sequential '${model.name}' has no input shape`,
      model.at,
      true,
      'python',
      'start its list with keras.Input(shape=...), give the first layer input_shape=..., or call model.build((None, ...))',
    );
  const graph: KerasGraph = { name: model.name, inputs: [{ name: input.name, shape: input.shape }], nodes: [], outputs: [] };
  let previous = input.name;
  for (const step of model.steps) {
    if ('className' in step) {
      graph.nodes.push({
        layer: step.name,
        className: step.className,
        args: argsText(step),
        inputs: [previous],
        output: step.name,
        source: ref(file, step.at),
      });
      previous = step.name;
      continue;
    }
    graph.submodels ??= {};
    const inner = step.kind === 'sequential' && !step.input ? undefined : step;
    if (!inner) throw new PyError(`Sequential '${step.name}' inside '${model.name}' has no input shape of its own; netspec needs one`, step.at, true);
    graph.submodels[step.name] = exportModel(inner, file, depth + 1);
    graph.nodes.push({
      layer: step.name,
      className: step.kind === 'sequential' ? 'Sequential' : 'Functional',
      args: '',
      inputs: [previous],
      output: step.name,
      source: ref(file, step.at),
    });
    previous = step.name;
  }
  graph.outputs = [previous];
  return graph;
}
