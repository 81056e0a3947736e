// KerasGraph → spec YAML text: the one writer behind `netspec import` (saved Keras JSON, .keras,
// tfjs model.json) and Python Keras code. A step is a Keras call string where it reads the previous
// step's output, and a mapping with `inputs:` only where the graph branches; nested models become
// blocks; a layer object called again (shared weights) becomes a `use:` step; names are kept.
import { Document, isMap, isSeq, type Node as YamlNode } from 'yaml';
import { DiagnosticError } from '../diagnostics/diagnostic.js';
import { evaluate, parseCallStep, type Value } from '../expr/index.js';
import { lookupKind } from '../layers/registry.js';
import { STRUCTURE_KINDS } from '../spec/schema.js';
import type { KerasGraph, KerasNode } from './graph.js';

/** Something the user should check in an imported spec, and the step it concerns. */
export interface ImportNotice {
  message: string;
  /** The step's name in the written spec, so the notice can point at its line. */
  step?: string;
}

/** Class names under which Keras saves a model used as a layer. */
export const MODEL_CLASSES = new Set(['Functional', 'Sequential', 'Model']);

/** A step as plain data: a call string, or a mapping (kind key plus step keys). */
type Step = string | Record<string, unknown>;

interface BlockText {
  inputs: string[];
  layers: Step[];
}

/** What the writer knows while walking one graph level. */
interface Level {
  /** Block key for each submodel layer name (a key that is no layer kind or structure). */
  blockKeys: Map<string, string>;
  blocks: Map<string, BlockText>;
  /** First step name of every layer object already written, for `use:`. */
  written: Map<string, string>;
  notices: ImportNotice[];
}

export interface ToSpecOptions {
  /** Comment lines written above the spec (e.g. where it was imported from). */
  header?: string[];
  /** Receives what the user must check: custom and Lambda steps whose shape or parameters come from the file. */
  notices?: ImportNotice[];
}

/** The spec text for `graph`. Throws DiagnosticError for a graph a spec cannot express. */
export function kerasGraphToSpec(saved: KerasGraph, options: ToSpecOptions = {}): string {
  const renamed: string[] = [];
  const graph = withPlainInput(withSpecNames(saved, renamed));
  const level: Level = { blockKeys: new Map(), blocks: new Map(), written: new Map(), notices: options.notices ?? [] };
  const layers = writeSteps(graph, level, true);
  const spec: Record<string, unknown> = { name: graph.name };
  const only = graph.inputs.length === 1 ? graph.inputs[0] : undefined;
  if (only && only.name === 'input_layer') spec.input = only.shape;
  else spec.inputs = Object.fromEntries(graph.inputs.map((i) => [i.name, i.shape]));
  if (level.blocks.size > 0) {
    spec.blocks = Object.fromEntries([...level.blocks].map(([key, block]) => [key, { inputs: block.inputs, layers: block.layers }]));
  }
  spec.layers = layers;
  const lastOutput = graph.nodes[graph.nodes.length - 1]?.output;
  if (graph.outputs.length !== 1 || graph.outputs[0] !== lastOutput) spec.outputs = graph.outputs;
  if (renamed.length > 0) {
    const shown = renamed.slice(0, 5).join(', ') + (renamed.length > 5 ? `, … (${renamed.length} in all)` : '');
    level.notices.push({ message: `names with characters a spec name cannot hold were changed: ${shown}` });
  }
  return render(spec, options.header ?? []);
}

const SPEC_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `residual.conv2d` (TensorFlow.js) or `conv1/conv` (Keras 2) → `residual_conv2d`: a name a spec can hold, unique in its graph. */
function withSpecNames(graph: KerasGraph, renamed: string[]): KerasGraph {
  const taken = new Set([...graph.inputs.map((i) => i.name), ...graph.nodes.map((n) => n.output)].filter((n) => SPEC_NAME.test(n)));
  const names = new Map<string, string>();
  const rename = (name: string): string => {
    // One output of a layer with several (`enc[1]`): the layer's name is what a spec must hold.
    const pick = /^(.*)(\[\d+\])$/.exec(name);
    if (pick) return rename(pick[1]!) + pick[2]!;
    if (SPEC_NAME.test(name)) return name;
    let mapped = names.get(name);
    if (mapped !== undefined) return mapped;
    const base = name.replace(/[^A-Za-z0-9_-]/g, '_').replace(/^(?=[^A-Za-z_])/, '_');
    mapped = base;
    for (let n = 2; taken.has(mapped); n++) mapped = `${base}_${n}`;
    taken.add(mapped);
    names.set(name, mapped);
    renamed.push(`${name} → ${mapped}`);
    return mapped;
  };
  const submodels = graph.submodels && Object.fromEntries(Object.entries(graph.submodels).map(([layer, sub]) => [layer, withSpecNames(sub, renamed)]));
  return {
    ...graph,
    inputs: graph.inputs.map((i) => ({ ...i, name: rename(i.name) })),
    nodes: graph.nodes.map((n) => ({ ...n, inputs: n.inputs.map(rename), output: rename(n.output) })),
    outputs: graph.outputs.map(rename),
    ...(submodels ? { submodels } : {}),
  };
}

/** Keras's automatic input name (`input_layer_3`) on a model's only input: written as `input:`, named `input_layer`. */
const AUTO_INPUT = /^input(_layer)?(_\d+)?$/;

function withPlainInput(graph: KerasGraph): KerasGraph {
  const only = graph.inputs.length === 1 ? graph.inputs[0]! : undefined;
  if (!only || only.name === 'input_layer' || !AUTO_INPUT.test(only.name) || graph.nodes.some((n) => n.output === 'input_layer')) return graph;
  const rename = (t: string): string => (t === only.name ? 'input_layer' : t);
  return {
    ...graph,
    inputs: [{ ...only, name: 'input_layer' }],
    nodes: graph.nodes.map((n) => ({ ...n, inputs: n.inputs.map(rename) })),
    outputs: graph.outputs.map(rename),
  };
}

/** The steps of one graph (the model, or a submodel written as a block). */
function writeSteps(graph: KerasGraph, level: Level, topLevel: boolean): Step[] {
  const known = new Set(graph.inputs.map((i) => i.name));
  let flow: string | undefined = graph.inputs.length === 1 ? graph.inputs[0]!.name : undefined;
  const steps: Step[] = [];
  for (const node of graph.nodes) {
    for (const input of node.inputs) {
      if (!known.has(input.replace(/\[\d+\]$/, '')))
        throw new DiagnosticError(
          'keras-import',
          `layer '${node.layer}' reads '${input}', which no earlier layer or input produces`,
          node.source ?? { file: graph.name },
        );
    }
    const explicit = node.inputs.length === 1 && node.inputs[0] === flow ? undefined : node.inputs;
    steps.push(writeNode(node, explicit, graph, level));
    known.add(node.output);
    flow = node.output;
  }
  if (!topLevel && (graph.outputs.length !== 1 || graph.outputs[0] !== flow)) {
    throw new DiagnosticError(
      'keras-import',
      `nested model '${graph.name}' has outputs [${graph.outputs.join(', ')}]; a block returns its last layer's output only`,
      { file: graph.name },
    );
  }
  return steps;
}

function writeNode(node: KerasNode, inputs: string[] | undefined, graph: KerasGraph, level: Level): Step {
  const earlier = level.written.get(node.layer);
  if (earlier !== undefined) return { use: earlier, inputs: inputs ?? node.inputs, name: node.output };
  level.written.set(node.layer, node.output);
  const submodel = MODEL_CLASSES.has(node.className) ? graph.submodels?.[node.layer] : undefined;
  if (submodel) {
    const key = blockKey(node.layer, level);
    const inner: Level = { ...level, written: new Map() };
    const body = writeSteps(submodel, inner, false);
    level.blocks.set(key, { inputs: submodel.inputs.map((i) => i.name), layers: body });
    return inputs ? { [key]: null, name: node.output, inputs } : `${key}(name=${pyString(node.output)})`;
  }
  const written = lookupKind(node.className) && node.className !== 'Lambda' ? node : declaredNode(node, level.notices);
  const call = callText(written);
  return inputs ? mappingStep(written, call, inputs) : call;
}

/**
 * A Lambda or a class netspec does not know, as a step with a declared output shape and parameter
 * count: what the saved model records, and a notice saying what the user must check.
 */
function declaredNode(node: KerasNode, notices: ImportNotice[]): KerasNode {
  const shape = node.recorded?.outputShape;
  const params = node.recorded?.params;
  const parts: string[] = node.className === 'Lambda' ? [] : [pyString(node.className)];
  if (shape) parts.push(`output_shape=${pyShape(shape)}`);
  if (params !== undefined && params > 0) parts.push(`params=${params}`);
  const what = node.className === 'Lambda' ? `Lambda step '${node.output}'` : `step '${node.output}' (custom class ${node.className}, written as Custom)`;
  const shapeNote = shape
    ? `output_shape ${pyShape(shape)} is the one the saved model records`
    : 'the saved model records no output shape, so the step keeps its input shape';
  const paramsNote =
    params !== undefined
      ? `params=${params} from the weights the file lists (trainable and non-trainable together)`
      : 'params=0 because the saved config does not record weights';
  notices.push({ message: `${what}: ${shapeNote} and ${paramsNote}; check both against the layer's code (compile refuses this step)`, step: node.output });
  return { ...node, className: node.className === 'Lambda' ? 'Lambda' : 'Custom', args: parts.join(', ') };
}

const pyShape = (shape: (number | null)[]): string => (shape.length === 1 ? `[${shape[0] ?? 'None'}]` : `(${shape.map((d) => d ?? 'None').join(', ')})`);

/** `Conv2D(32, 3, name='conv1')`: the reader's argument text plus the name. */
function callText(node: KerasNode): string {
  const args = node.args.trim();
  return `${node.className}(${args}${args ? ', ' : ''}name=${pyString(node.output)})`;
}

/**
 * The mapping form of a call, for a step with explicit inputs: `{Add: null, name: add, inputs: [a, b]}`.
 * Arguments are evaluated to plain values and positional ones named in Keras's order.
 */
function mappingStep(node: KerasNode, call: string, inputs: string[]): Record<string, unknown> {
  const kind = lookupKind(node.className);
  const parsed = parseCallStep(call);
  if (!parsed.value || parsed.errors.length > 0) {
    throw new DiagnosticError('keras-import', `layer '${node.layer}': cannot read its arguments '${node.args}'`, node.source ?? { file: node.layer });
  }
  const args: Record<string, Value> = {};
  const value = (expr: Parameters<typeof evaluate>[0], key?: string): Value => {
    // A wrapped layer (Bidirectional's `LSTM(6, return_state=True)`) stays a call string, which the mapping form reads too.
    if (key !== undefined && kind?.args[key]?.type === 'layer' && expr.type === 'call') return call.slice(expr.start, expr.end);
    const result = evaluate(expr, new Map());
    if (result.value === undefined || result.errors.length > 0) {
      throw new DiagnosticError('keras-import', `layer '${node.layer}': argument '${node.args}' is not a literal value`, node.source ?? { file: node.layer });
    }
    return result.value;
  };
  parsed.value.args.forEach((expr, i) => {
    const key = kind?.positional[i];
    if (key === undefined)
      throw new DiagnosticError(
        'keras-import',
        `layer '${node.layer}': ${node.className} takes no positional argument ${i + 1}`,
        node.source ?? { file: node.layer },
      );
    args[key] = value(expr, key);
  });
  // `trainable=False` is a step key in the mapping form, not an argument.
  let trainable: Value | undefined;
  for (const kw of parsed.value.kwargs) {
    if (kw.name === 'trainable') trainable = value(kw.value);
    else if (kw.name !== 'name') args[kw.name] = value(kw.value, kw.name);
  }
  return { [node.className]: Object.keys(args).length > 0 ? args : null, name: node.output, inputs, ...(trainable === false ? { trainable: false } : {}) };
}

/** A block key for a submodel: its layer name, unless that already means a layer kind or structure. */
function blockKey(layer: string, level: Level): string {
  const existing = level.blockKeys.get(layer);
  if (existing) return existing;
  let key = layer.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=[^A-Za-z_])/, '_');
  const taken = (k: string): boolean =>
    lookupKind(k) !== undefined || (STRUCTURE_KINDS as readonly string[]).includes(k) || [...level.blockKeys.values()].includes(k);
  const base = key;
  for (let n = 1; taken(key); n++) key = n === 1 ? `${base}_model` : `${base}_model_${n}`;
  level.blockKeys.set(layer, key);
  return key;
}

/** A Python string literal, as a call string quotes it. */
export function pyString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** YAML with one step per line: steps, shapes and argument mappings in flow style. */
function render(spec: Record<string, unknown>, header: string[]): string {
  const doc = new Document(spec);
  const flowAll = (node: unknown): void => {
    if (isMap(node) || isSeq(node)) {
      (node as YamlNode & { flow?: boolean }).flow = true;
    }
  };
  const contents = doc.contents;
  if (isMap(contents)) {
    for (const pair of contents.items) {
      const key = String((pair.key as { value?: unknown }).value);
      if (key === 'input' || key === 'outputs') flowAll(pair.value);
      if (key === 'inputs' && isMap(pair.value)) for (const entry of pair.value.items) flowAll(entry.value);
      if (key === 'layers' && isSeq(pair.value)) for (const step of pair.value.items) flowAll(step);
      if (key === 'blocks' && isMap(pair.value)) {
        for (const block of pair.value.items) {
          if (!isMap(block.value)) continue;
          for (const part of block.value.items) {
            if (isSeq(part.value) && String((part.key as { value?: unknown }).value) === 'inputs') flowAll(part.value);
            if (isSeq(part.value) && String((part.key as { value?: unknown }).value) === 'layers') for (const step of part.value.items) flowAll(step);
          }
        }
      }
    }
  }
  const body = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  const comments = header.map((line) => `# ${line}\n`).join('');
  return comments + body;
}
