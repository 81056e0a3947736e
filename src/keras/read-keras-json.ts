// A saved Keras model's architecture → KerasGraph. Reads the three places Keras and TensorFlow.js
// keep it: `model.to_json()` (Keras 3, and Keras 2's older node lists), a `.keras` archive's
// config.json (the same JSON), and a TensorFlow.js `model.json` (its `modelTopology`). Problems are
// diagnostics that name the JSON path (`config.layers[3].inbound_nodes[0]`); nothing is trusted.
import { DiagnosticError } from '../diagnostics/diagnostic.js';
import { lookupKind } from '../layers/registry.js';
import { callArguments } from './keras-args.js';
import { fromNetspecClass } from './tfjs-classes.js';
import type { KerasGraph, KerasInput, KerasNode } from './graph.js';
import { MODEL_CLASSES, type ImportNotice } from './to-spec.js';
import { formatCount } from '../format/format.js';

/** Models nested inside models deeper than this are refused (Keras applications nest one level). */
export const MAX_MODEL_NESTING = 16;
/** Layers in one saved model (every keras.applications model has fewer than 1,500). */
export const MAX_SAVED_LAYERS = 20_000;
/** Brackets nested in the JSON (Keras's own files nest about 12 deep, plus 5 per nested model). */
export const MAX_JSON_DEPTH = 200;

export interface ReadResult {
  graph: KerasGraph;
  /** What the user should know or check: settings not imported, shapes taken from the file. */
  notices: ImportNotice[];
}

type Json = Record<string, unknown>;

interface Ctx {
  file: string;
  notices: ImportNotice[];
  /** Output shape (without batch) of each tensor, where a consumer recorded it (Keras 3). */
  shapes: Map<string, (number | null)[]>;
  /** Weights per layer name, from a TensorFlow.js model.json's weightsManifest. */
  weights: Map<string, number>;
  layerCount: number;
  /** A TensorFlow.js model.json: its saved initializers are tfjs's (VarianceScaling 'normal' is not Keras's), left out. */
  tfjs: boolean;
}

/** Reads the JSON text of any of the three formats. */
export function readKerasJson(text: string, file: string): ReadResult {
  const depth = jsonDepth(text);
  if (depth > MAX_JSON_DEPTH) throw fail(file, '', `nests brackets more than ${MAX_JSON_DEPTH} deep; no saved Keras model does`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw fail(file, '', `is not valid JSON (${(err as Error).message})`);
  }
  const { model, path } = modelConfig(json, file);
  const tfjs = isObject(json) && json.modelTopology !== undefined;
  const ctx: Ctx = { file, notices: [], shapes: new Map(), weights: manifestWeights(json), layerCount: 0, tfjs };
  const graph = readModel(model, path, ctx, 0);
  return { graph, notices: ctx.notices };
}

/** The `{class_name, config}` of the model, wherever the format keeps it. */
function modelConfig(json: unknown, file: string): { model: Json; path: string } {
  if (!isObject(json)) throw fail(file, '', 'is not a Keras model: expected a JSON object');
  if (json.format === 'graph-model')
    throw fail(
      file,
      'format',
      'is a TensorFlow.js graph model (converted from a SavedModel): it records operations, not Keras layers; import needs a layers model',
    );
  const topology = json.modelTopology;
  if (topology !== undefined) {
    if (!isObject(topology)) throw fail(file, 'modelTopology', 'must be an object (a TensorFlow.js layers model)');
    const inner = topology.model_config;
    if (isObject(inner)) return { model: inner, path: 'modelTopology.model_config' };
    return { model: topology, path: 'modelTopology' };
  }
  if (isObject(json.model_config)) return { model: json.model_config, path: 'model_config' };
  return { model: json, path: '' };
}

function readModel(model: Json, path: string, ctx: Ctx, depth: number): KerasGraph {
  if (depth > MAX_MODEL_NESTING) throw fail(ctx.file, path, `nests models more than ${MAX_MODEL_NESTING} deep`);
  const className = model.class_name;
  if (typeof className !== 'string' || !MODEL_CLASSES.has(className)) {
    throw fail(ctx.file, join(path, 'class_name'), `is ${JSON.stringify(className)}; a saved model is 'Functional', 'Sequential' or 'Model'`);
  }
  const configPath = join(path, 'config');
  const config = Array.isArray(model.config) ? { layers: model.config } : model.config;
  if (!isObject(config)) throw fail(ctx.file, configPath, 'must be an object');
  const layers = config.layers;
  if (!Array.isArray(layers)) throw fail(ctx.file, join(configPath, 'layers'), 'must be a list of layers');
  ctx.layerCount += layers.length;
  if (ctx.layerCount > MAX_SAVED_LAYERS) throw fail(ctx.file, join(configPath, 'layers'), `holds more than ${formatCount(MAX_SAVED_LAYERS)} layers`);
  const name = typeof config.name === 'string' ? config.name : 'model';
  return className === 'Sequential'
    ? readSequential(name, config, layers, configPath, ctx, depth)
    : readFunctional(name, config, layers, configPath, ctx, depth);
}

function readSequential(name: string, config: Json, layers: unknown[], path: string, ctx: Ctx, depth: number): KerasGraph {
  let input: KerasInput | undefined;
  const nodes: KerasNode[] = [];
  const submodels: Record<string, KerasGraph> = {};
  layers.forEach((entry, i) => {
    const at = `${path}.layers[${i}]`;
    const layer = layerEntry(entry, at, ctx);
    if (layer.className === 'InputLayer') {
      input = { name: layer.name, shape: batchShape(layer.config, at, ctx) ?? fail(ctx.file, `${at}.config`, 'has no batch_shape') };
      return;
    }
    if (!input) {
      const shape = batchShape(layer.config, at, ctx) ?? batchShapeOf(config.build_input_shape, `${path}.build_input_shape`, ctx);
      if (!shape) throw fail(ctx.file, at, 'is the first layer of a Sequential model with no input shape (build the model or start it with keras.Input)');
      input = { name: 'input_layer', shape };
    }
    const previous = nodes[nodes.length - 1]?.output ?? input.name;
    nodes.push(makeNode(layer, [previous], layer.name, at, ctx, submodels, depth));
  });
  if (!input) throw fail(ctx.file, join(path, 'layers'), 'is empty: the Sequential model has no layers');
  const last = nodes[nodes.length - 1]?.output ?? input.name;
  return withSubmodels({ name, inputs: [input], nodes, outputs: [last] }, submodels);
}

interface Call {
  layer: ReturnType<typeof layerEntry>;
  at: string;
  order: number;
  inputs: string[];
  output: string;
}

function readFunctional(name: string, config: Json, layers: unknown[], path: string, ctx: Ctx, depth: number): KerasGraph {
  const inputs = new Map<string, KerasInput>();
  const calls: Call[] = [];
  const entries = layers.map((entry, i) => layerEntry(entry, `${path}.layers[${i}]`, ctx));
  const callCounts = new Map(entries.map((e) => [e.name, Array.isArray(e.inbound) ? e.inbound.length : 0]));
  const tensorName = (layer: string, node: number): string => (node === 0 ? layer : `${layer}-${node + 1}`);
  // Layers with several outputs (return_state, merge_mode=None): their tensors are read as `name[k]`, as a spec writes them.
  const several = new Set(entries.filter((e) => returnsSeveral(e.className, e.config)).map((e) => e.name));
  entries.forEach((layer, i) => {
    const at = `${path}.layers[${i}]`;
    if (layer.className === 'InputLayer') {
      inputs.set(layer.name, { name: layer.name, shape: batchShape(layer.config, at, ctx) ?? fail(ctx.file, `${at}.config`, 'has no batch_shape') });
      return;
    }
    if (!Array.isArray(layer.inbound)) throw fail(ctx.file, `${at}.inbound_nodes`, 'must be a list (the calls of this layer)');
    layer.inbound.forEach((node, n) => {
      const nodeAt = `${at}.inbound_nodes[${n}]`;
      const refs = tensorRefs(node, nodeAt, ctx);
      const names = refs.map((ref) => {
        if (!callCounts.has(ref.layer)) throw fail(ctx.file, nodeAt, `reads layer '${ref.layer}', which the model does not have`);
        const tensor = tensorName(ref.layer, inputs.has(ref.layer) ? 0 : callIndex(ref, callCounts));
        return several.has(ref.layer) ? `${tensor}[${ref.tensor}]` : tensor;
      });
      calls.push({ layer, at: nodeAt, order: calls.length, inputs: names, output: tensorName(layer.name, n) });
    });
  });
  const submodels: Record<string, KerasGraph> = {};
  const nodes = topologicalOrder(calls, new Set(inputs.keys()), ctx).map((call) =>
    makeNode(call.layer, call.inputs, call.output, call.at, ctx, submodels, depth),
  );
  const declaredInputs = endpointNames(config.input_layers, join(path, 'input_layers'), ctx).map((e) => e.name);
  const modelInputs = declaredInputs.map((n, i) => inputs.get(n) ?? fail(ctx.file, `${path}.input_layers[${i}]`, `names '${n}', which is not an input layer`));
  const produced = new Set(nodes.map((n) => n.output));
  const outputs = endpointNames(config.output_layers, join(path, 'output_layers'), ctx).map((endpoint, i) => {
    const n = endpoint.name;
    if (!produced.has(n) && !inputs.has(n)) throw fail(ctx.file, `${path}.output_layers[${i}]`, `names '${n}', which is no layer of the model`);
    if (endpoint.tensor !== 0 && !several.has(endpoint.layer))
      throw fail(ctx.file, `${path}.output_layers[${i}]`, `is output ${endpoint.tensor} of '${endpoint.layer}', which has one output`);
    return several.has(endpoint.layer) ? `${n}[${endpoint.tensor}]` : n;
  });
  return withSubmodels({ name, inputs: modelInputs, nodes, outputs }, submodels);
}

/**
 * Keras numbers a nested model's calls from 1 in older files (its own construction was call 0);
 * a node index one past the recorded calls means that. Otherwise the index is the call.
 */
function callIndex(ref: { layer: string; node: number }, callCounts: Map<string, number>): number {
  const count = callCounts.get(ref.layer) ?? 0;
  return ref.node >= count && count > 0 ? ref.node - 1 : ref.node;
}

/**
 * Calls in an order where every input comes first. Among the calls that are ready, one that reads
 * the call just placed comes next (so chains stay together and the spec needs fewer `inputs:`),
 * otherwise the earliest in the file.
 */
function topologicalOrder(calls: Call[], inputs: Set<string>, ctx: Ctx): Call[] {
  const known = new Set(inputs);
  const missing = new Map<Call, number>();
  const consumers = new Map<string, Call[]>();
  const ready = new MinHeap();
  for (const call of calls) {
    const unknown = new Set(call.inputs.map(producedBy).filter((i) => !known.has(i)));
    missing.set(call, unknown.size);
    for (const tensor of unknown) consumers.set(tensor, [...(consumers.get(tensor) ?? []), call]);
    if (unknown.size === 0) ready.push(call);
  }
  const ordered: Call[] = [];
  const placed = new Set<Call>();
  let follower: Call | undefined;
  while (ordered.length < calls.length) {
    let call = follower;
    while (!call || placed.has(call)) {
      call = ready.pop();
      if (!call) {
        const stuck = calls.find((c) => !placed.has(c))!;
        throw fail(
          ctx.file,
          stuck.at,
          `reads '${stuck.inputs.find((i) => !known.has(producedBy(i)))}', which no call of any layer produces (or the layers form a cycle)`,
        );
      }
    }
    placed.add(call);
    ordered.push(call);
    known.add(call.output);
    follower = undefined;
    for (const next of consumers.get(call.output) ?? []) {
      const left = missing.get(next)! - 1;
      missing.set(next, left);
      if (left > 0) continue;
      ready.push(next);
      if (producedBy(next.inputs[0]!) === call.output && (!follower || next.order < follower.order)) follower = next;
    }
  }
  return ordered;
}

/** The call's output a tensor comes from: `enc` for `enc[1]`. */
const producedBy = (tensor: string): string => tensor.replace(/\[\d+\]$/, '');

/** Calls by file order, smallest first. */
class MinHeap {
  private readonly items: Call[] = [];
  push(call: Call): void {
    const a = this.items;
    a.push(call);
    for (let i = a.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (a[parent]!.order <= a[i]!.order) break;
      [a[parent], a[i]] = [a[i]!, a[parent]!];
      i = parent;
    }
  }
  pop(): Call | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]!.order < a[m]!.order) m = l;
        if (r < a.length && a[r]!.order < a[m]!.order) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}

function makeNode(
  layer: ReturnType<typeof layerEntry>,
  inputs: string[],
  output: string,
  at: string,
  ctx: Ctx,
  submodels: Record<string, KerasGraph>,
  depth: number,
): KerasNode {
  const node: KerasNode = { layer: layer.name, className: layer.className, args: '', inputs, output, source: { file: `${ctx.file}: ${at}` } };
  if (MODEL_CLASSES.has(layer.className) && Array.isArray((layer.config as Json).layers)) {
    submodels[layer.name] ??= readModel({ class_name: layer.className, config: layer.config }, at, ctx, depth + 1);
    return node;
  }
  const args = callArguments(layer.className, layer.config, { objects: !ctx.tfjs });
  node.args = args.text;
  if (args.dropped.length > 0 && layer.className !== 'Lambda')
    ctx.notices.push({ message: `layer '${layer.name}' (${layer.className}): not imported: ${args.dropped.join(', ')}`, step: output });
  const shape = ctx.shapes.get(output);
  const recordedShape = Array.isArray(layer.config.output_shape) ? shapeList(layer.config.output_shape) : undefined;
  const outputShape = shape ?? recordedShape;
  const params = lookupKind(layer.className) ? undefined : ctx.weights.get(layer.name);
  if (outputShape || params !== undefined) node.recorded = { ...(outputShape ? { outputShape } : {}), ...(params !== undefined ? { params } : {}) };
  return node;
}

/**
 * Weight counts by layer from a TensorFlow.js model.json's manifest (`conv/kernel` [3, 3, 1, 8]):
 * what a custom layer holds, which a Keras config does not record.
 */
function manifestWeights(json: unknown): Map<string, number> {
  const counts = new Map<string, number>();
  const groups = isObject(json) && Array.isArray(json.weightsManifest) ? json.weightsManifest : [];
  for (const group of groups) {
    const weights = isObject(group) && Array.isArray(group.weights) ? group.weights : [];
    for (const weight of weights) {
      if (!isObject(weight) || typeof weight.name !== 'string' || !Array.isArray(weight.shape)) continue;
      const size = weight.shape.reduce((p: number, d: unknown) => (typeof d === 'number' && Number.isSafeInteger(d) && d >= 0 ? p * d : NaN), 1);
      const layer = weight.name.slice(0, Math.max(0, weight.name.lastIndexOf('/')));
      if (layer && Number.isSafeInteger(size)) counts.set(layer, (counts.get(layer) ?? 0) + size);
    }
  }
  return counts;
}

function layerEntry(entry: unknown, at: string, ctx: Ctx): { name: string; className: string; config: Json; inbound: unknown } {
  if (!isObject(entry)) throw fail(ctx.file, at, 'must be an object with class_name and config');
  const savedClass = entry.class_name;
  if (typeof savedClass !== 'string' || savedClass === '') throw fail(ctx.file, `${at}.class_name`, 'must be a class name');
  const savedConfig = entry.config;
  if (!isObject(savedConfig)) throw fail(ctx.file, `${at}.config`, 'must be an object');
  const name = typeof entry.name === 'string' ? entry.name : savedConfig.name;
  if (typeof name !== 'string' || name === '') throw fail(ctx.file, `${at}.name`, 'must be the layer name');
  // netspec compile's own tfjs classes stand for Keras layers: import those.
  const { className, config } = fromNetspecClass(savedClass, savedConfig) ?? { className: savedClass, config: savedConfig };
  return { name, className, config, inbound: entry.inbound_nodes };
}

/** The tensors one call reads, from Keras 3's `{args, kwargs}` or Keras 2's `[[layer, node, tensor, kwargs], …]`. */
function tensorRefs(node: unknown, at: string, ctx: Ctx): { layer: string; node: number; tensor: number }[] {
  const refs: { layer: string; node: number; tensor: number }[] = [];
  if (Array.isArray(node)) {
    node.forEach((item, i) => {
      if (!Array.isArray(item) || typeof item[0] !== 'string' || !isIndex(item[1]) || !isIndex(item[2]))
        throw fail(ctx.file, `${at}[${i}]`, 'must be [layer_name, node_index, tensor_index, kwargs]');
      refs.push({ layer: item[0], node: item[1], tensor: item[2] });
    });
    return refs;
  }
  if (!isObject(node)) throw fail(ctx.file, at, 'must be a call record ({args, kwargs}) or a list of inbound tensors');
  const visit = (value: unknown, path: string, level: number): void => {
    if (level > 8) return;
    if (Array.isArray(value)) return value.forEach((v, i) => visit(v, `${path}[${i}]`, level + 1));
    if (!isObject(value)) return;
    if (value.class_name === '__keras_tensor__') {
      const config = isObject(value.config) ? value.config : {};
      const history = config.keras_history;
      if (!Array.isArray(history) || typeof history[0] !== 'string' || !isIndex(history[1]) || !isIndex(history[2]))
        throw fail(ctx.file, `${path}.config.keras_history`, 'must be [layer_name, node_index, tensor_index]');
      refs.push({ layer: history[0], node: history[1], tensor: history[2] });
      const shape = Array.isArray(config.shape) ? shapeList(config.shape.slice(1)) : undefined;
      if (shape) ctx.shapes.set(history[1] === 0 ? history[0] : `${history[0]}-${history[1] + 1}`, shape);
      return;
    }
    for (const [k, v] of Object.entries(value)) visit(v, `${path}.${k}`, level + 1);
  };
  visit(node.args, `${at}.args`, 0);
  visit(node.kwargs, `${at}.kwargs`, 0);
  return refs;
}

/**
 * Whether a saved layer returns several tensors: a recurrent layer with return_state, a
 * Bidirectional with merge_mode None or around a return_state layer.
 */
function returnsSeveral(className: string, config: Json): boolean {
  if (config.return_state === true) return true;
  if (className !== 'Bidirectional') return false;
  const inner = isObject(config.layer) && isObject(config.layer.config) ? config.layer.config : {};
  return config.merge_mode === null || inner.return_state === true;
}

/** Keras 3 writes one endpoint as `[name, 0, 0]` and several as `[[name, 0, 0], …]`. */
function endpointNames(value: unknown, at: string, ctx: Ctx): { layer: string; name: string; tensor: number }[] {
  if (!Array.isArray(value) || value.length === 0) throw fail(ctx.file, at, "must list the model's endpoints as [layer_name, node_index, tensor_index]");
  const list = typeof value[0] === 'string' ? [value] : value;
  return list.map((item, i) => {
    if (!Array.isArray(item) || typeof item[0] !== 'string' || !isIndex(item[1]))
      throw fail(ctx.file, `${at}[${i}]`, 'must be [layer_name, node_index, tensor_index]');
    const tensor = item[2] === undefined ? 0 : item[2];
    if (!isIndex(tensor)) throw fail(ctx.file, `${at}[${i}]`, 'must be [layer_name, node_index, tensor_index]');
    return { layer: item[0], name: item[1] === 0 ? item[0] : `${item[0]}-${item[1] + 1}`, tensor };
  });
}

function batchShape(config: Json, at: string, ctx: Ctx): (number | null)[] | undefined {
  const raw = config.batch_shape ?? config.batch_input_shape;
  if (raw === undefined || raw === null) return undefined;
  return batchShapeOf(raw, `${at}.config.batch_shape`, ctx);
}

function batchShapeOf(raw: unknown, at: string, ctx: Ctx): (number | null)[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  const shape = Array.isArray(raw) && raw.length >= 2 ? shapeList(raw.slice(1)) : undefined;
  return shape ?? fail(ctx.file, at, 'must be a shape like [null, 28, 28, 1] (batch axis first)');
}

function shapeList(raw: unknown[]): (number | null)[] | undefined {
  const ok = raw.every((d) => d === null || (typeof d === 'number' && Number.isSafeInteger(d) && d > 0));
  return ok ? (raw as (number | null)[]) : undefined;
}

function withSubmodels(graph: KerasGraph, submodels: Record<string, KerasGraph>): KerasGraph {
  return Object.keys(submodels).length > 0 ? { ...graph, submodels } : graph;
}

/** The deepest nesting of [ and { outside strings, found without parsing (so without recursion). */
function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) deepest = Math.max(deepest, ++depth);
    else if (c === 93 || c === 125) depth--;
  }
  return deepest;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

function fail(file: string, path: string, message: string): never {
  throw new DiagnosticError(
    'keras-import',
    `${path || 'the file'} ${message}`,
    { file },
    path ? undefined : 'give the output of model.to_json(), a .keras file or a TensorFlow.js model.json',
  );
}
