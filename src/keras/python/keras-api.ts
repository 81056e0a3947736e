// The Keras API as the interpreter meets it: which dotted names are Keras, layer construction with
// Keras's automatic names, layer and model calls on tensors, Input, Model, Sequential. Records the
// graph of calls (plain data) that export.ts turns into KerasGraphs.
import type { Span } from './ast.js';
import { argsText } from './export.js';
import { LIMITS, PyError } from './limits.js';
import { inferShape, outputCount } from './shapes.js';
import { pyRepr, type GraphNode, type InputDecl, type LayerObject, type ModelObject, type Tensor, type Value } from './values.js';
import { formatCount } from '../../format/format.js';

/** Keras's functional merge helpers (`layers.add([a, b])`) and the layer class each makes. */
const MERGE_FUNCTIONS: Record<string, string> = {
  add: 'Add',
  subtract: 'Subtract',
  multiply: 'Multiply',
  average: 'Average',
  maximum: 'Maximum',
  minimum: 'Minimum',
  concatenate: 'Concatenate',
  dot: 'Dot',
};

/** Argument objects: they set weights' values, never a shape or a count. */
const ARGUMENT_FAMILIES = new Set(['initializers', 'regularizers', 'constraints', 'optimizers', 'losses', 'metrics', 'callbacks']);

/** `tensorflow.keras.layers.experimental.preprocessing.Rescaling` → `keras.layers.Rescaling`, and so on. */
export function canonicalPath(path: string): string {
  let parts = path.split('.');
  if (parts[0] === 'tensorflow' && parts[1] === 'keras') parts = ['keras', ...parts.slice(2)];
  if (parts[0] === 'tf_keras') parts = ['keras', ...parts.slice(1)];
  if (parts[0] === 'keras' && parts[1] === 'src') parts = ['keras', ...parts.slice(2)];
  if (parts[0] === 'keras' && parts[1] === 'layers' && parts[2] === 'experimental')
    parts = ['keras', 'layers', ...parts.slice(parts[3] === 'preprocessing' ? 4 : 3)];
  const joined = parts.join('.');
  const aliases: Record<string, string> = {
    'keras.models.Model': 'keras.Model',
    'keras.models.Sequential': 'keras.Sequential',
    'keras.layers.Input': 'keras.Input',
    'keras.engine.input_layer.Input': 'keras.Input',
  };
  return aliases[joined] ?? joined;
}

/** Keras's `to_snake_case`: the prefix of automatic layer names. */
export function kerasSnakeCase(name: string): string {
  return name
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

export type Args = { positional: { value: Value; at: Span }[]; keywords: Map<string, { value: Value; at: Span }> };

export class KerasWorld {
  private readonly uids = new Map<string, number>();
  private nextId = 0;
  readonly nodes: GraphNode[] = [];
  readonly models: ModelObject[] = [];
  readonly inputs: Tensor[] = [];
  /** Bumped by everything that builds the model; a statement that moves it is model code. */
  activity = 0;

  /** Keras's `get_uid`: `conv2d`, then `conv2d_1`, … */
  autoName(prefix: string): string {
    const n = this.uids.get(prefix) ?? 0;
    this.uids.set(prefix, n + 1);
    return n === 0 ? prefix : `${prefix}_${n}`;
  }

  /** Calls a Keras name; undefined when `path` is not one netspec models. */
  call(path: string, args: Args, at: Span): Value | undefined {
    const parts = path.split('.');
    if (parts[0] !== 'keras') return undefined;
    const last = parts[parts.length - 1] ?? '';
    if (path === 'keras.Input') return this.input(args, at);
    if (path === 'keras.layers.InputLayer') {
      // Keras 2 code writes InputLayer(input_shape=...) as a Sequential's first item; Keras 3 reads it as shape=.
      const keywords = new Map([...args.keywords].map(([k, v]) => [k === 'input_shape' ? 'shape' : k, v]));
      return this.input({ positional: args.positional, keywords }, at);
    }
    if (path === 'keras.Model') return this.functional(args, at);
    if (path === 'keras.Sequential') return this.sequential(args, at);
    if (parts.length === 3 && parts[1] === 'layers') {
      const merge = MERGE_FUNCTIONS[last];
      if (merge) return this.mergeFunction(merge, args, at);
      if (/^[A-Z]/.test(last)) return this.layer(last, args, at);
    }
    if (parts.length >= 3 && ARGUMENT_FAMILIES.has(parts[1] ?? '')) {
      const text = argumentText(args);
      return text === undefined ? undefined : { t: 'kerasObject', text: `${last}(${text})`, family: parts[1] ?? '' };
    }
    return undefined;
  }

  private keyword(args: Args, name: string): { value: Value; at: Span } | undefined {
    return args.keywords.get(name);
  }

  private nameArg(args: Args, prefix: string): string {
    const given = this.keyword(args, 'name');
    if (!given || given.value.t === 'none') return this.autoName(prefix);
    if (given.value.t !== 'str') throw new PyError(`name= must be a string netspec can compute, not ${describeValue(given.value)}`, given.at, true);
    return given.value.v;
  }

  private input(args: Args, at: Span): Value {
    const shapeArg = this.keyword(args, 'shape') ?? args.positional[0];
    const batchShape = this.keyword(args, 'batch_shape');
    let shape: (number | null)[];
    if (batchShape) shape = shapeOf(batchShape.value, batchShape.at).slice(1);
    else if (shapeArg) shape = shapeOf(shapeArg.value, shapeArg.at);
    else throw new PyError('keras.Input needs shape=, e.g. keras.Input(shape=(28, 28, 1))', at, true);
    const name = this.nameArg(args, 'input_layer');
    const dtype = this.keyword(args, 'dtype');
    const decl: InputDecl = { name, shape };
    if (dtype?.value.t === 'str') decl.dtype = dtype.value.v;
    const tensor: Tensor = { id: this.nextId++, input: decl, shape };
    this.inputs.push(tensor);
    this.activity++;
    return { t: 'tensor', tensor };
  }

  private layer(className: string, args: Args, at: Span): Value {
    const name = this.nameArg(args, kerasSnakeCase(className));
    const kept: LayerObject['args'] = [];
    for (const [i, a] of args.positional.entries()) kept.push({ value: checkArg(a.value, a.at, `argument ${i + 1} of ${className}`) });
    for (const [key, a] of args.keywords) {
      if (key === 'name') continue;
      kept.push({ name: key, value: checkArg(a.value, a.at, `argument ${key}= of ${className}`) });
    }
    this.activity++;
    return { t: 'layer', layer: { className, args: kept, name, at, calls: 0 } };
  }

  private mergeFunction(className: string, args: Args, at: Span): Value {
    const [first, ...rest] = args.positional;
    const inputs = this.keyword(args, 'inputs') ?? first;
    if (!inputs) throw new PyError(`${kerasSnakeCase(className)}() needs its list of tensors`, at, true);
    const ctorArgs: Args = { positional: first === inputs ? rest : args.positional, keywords: new Map([...args.keywords].filter(([k]) => k !== 'inputs')) };
    const layer = this.layer(className, ctorArgs, at);
    return this.callLayer(layer, [inputs], new Map(), at);
  }

  /**
   * `layer(x)`, `layer([a, b])`, `model(x)`; `training=` and `mask=` are accepted and have no effect
   * on figures; a recurrent layer's `initial_state=[h, c]` become its further inputs, as in a spec.
   */
  callLayer(callee: Value, positional: { value: Value; at: Span }[], keywords: Args['keywords'], at: Span): Value {
    for (const [key, a] of keywords) {
      if (key === 'initial_state' && callee.t === 'layer') continue;
      if (key !== 'training' && key !== 'mask' && key !== 'inputs') throw new PyError(`calling a layer with ${key}= is not followed`, a.at, true);
    }
    const arg = keywords.get('inputs') ?? positional[0];
    if (!arg || positional.length > 1)
      throw new PyError(`a layer is called on one tensor or one list of tensors; this call passes ${positional.length}`, at, true);
    const states = keywords.get('initial_state');
    const inputs = [...tensorsOf(arg.value, arg.at), ...(states && states.value.t !== 'none' ? tensorsOf(states.value, states.at) : [])];
    if (this.nodes.length >= LIMITS.nodes)
      throw new PyError(`the model has more than ${formatCount(LIMITS.nodes)} layer calls; netspec stops here`, at, true, 'too-large');
    const target =
      callee.t === 'layer'
        ? { kind: 'layer' as const, layer: callee.layer }
        : callee.t === 'model'
          ? { kind: 'model' as const, model: callee.model }
          : undefined;
    if (!target) throw new PyError('only layers and models can be called on tensors', at, true);
    const owner = target.kind === 'layer' ? target.layer : target.model;
    const output: Tensor = { id: this.nextId++ };
    const shape =
      target.kind === 'layer'
        ? inferShape(
            target.layer,
            inputs.map((t) => t.shape),
          )
        : undefined;
    if (shape) output.shape = shape;
    const node: GraphNode = { id: output.id, callee: target, inputs, output, callIndex: owner.calls++, at };
    output.node = node;
    this.nodes.push(node);
    this.activity++;
    // Several outputs: Keras's list, for `out, h, c = …` or `outputs[1]`.
    const count = target.kind === 'layer' ? outputCount(target.layer) : 1;
    if (count === 1) return { t: 'tensor', tensor: output };
    output.outputIndex = 0;
    node.outputs = [output, ...Array.from({ length: count - 1 }, (_, k): Tensor => ({ id: this.nextId++, node, outputIndex: k + 1 }))];
    return { t: 'list', items: node.outputs.map((tensor) => ({ t: 'tensor', tensor })) };
  }

  private functional(args: Args, at: Span): Value {
    const inputs = this.keyword(args, 'inputs') ?? args.positional[0];
    const outputs = this.keyword(args, 'outputs') ?? args.positional[1];
    if (!inputs || !outputs) throw new PyError('keras.Model needs inputs and outputs: keras.Model(inputs, outputs)', at, true);
    const model: ModelObject = {
      kind: 'functional',
      name: this.nameArg(args, 'functional'),
      inputs: tensorsOf(inputs.value, inputs.at),
      outputs: tensorsOf(outputs.value, outputs.at),
      at,
      calls: 0,
    };
    this.models.push(model);
    this.activity++;
    return { t: 'model', model };
  }

  private sequential(args: Args, at: Span): Value {
    const model: ModelObject = { kind: 'sequential', name: this.nameArg(args, 'sequential'), steps: [], at, calls: 0 };
    this.models.push(model);
    this.activity++;
    const list = this.keyword(args, 'layers') ?? args.positional[0];
    if (list && list.value.t !== 'none') {
      if (list.value.t !== 'list' && list.value.t !== 'tuple')
        throw new PyError(`keras.Sequential takes a list of layers, not ${describeValue(list.value)}`, list.at, true);
      for (const item of list.value.items) this.addToSequential(model, item, list.at);
    }
    return { t: 'model', model };
  }

  /** `model.add(layer)` and the items of `Sequential([...])`. */
  addToSequential(model: ModelObject, item: Value, at: Span): void {
    if (model.kind !== 'sequential') throw new PyError('add() is a method of Sequential models', at, true);
    this.activity++;
    if (item.t === 'tensor' && item.tensor.input && model.steps.length === 0 && !model.input) {
      model.input = item.tensor.input;
      return;
    }
    if (item.t === 'layer') {
      const shape = item.layer.args.find((a) => a.name === 'input_shape');
      if (shape) {
        item.layer.args = item.layer.args.filter((a) => a !== shape);
        if (model.steps.length === 0 && !model.input) model.input = { name: this.autoName('input_layer'), shape: shapeOf(shape.value, item.layer.at) };
      }
      item.layer.calls++;
      model.steps.push(item.layer);
      return;
    }
    if (item.t === 'model') {
      item.model.calls++;
      model.steps.push(item.model);
      return;
    }
    throw new PyError(`a Sequential model holds layers; this is ${describeValue(item)}`, at, true);
  }

  /** `model.build((None, 28, 28, 1))` gives a Sequential its input. */
  build(model: ModelObject, shape: Value, at: Span): void {
    if (model.kind !== 'sequential' || model.input) return;
    model.input = { name: this.autoName('input_layer'), shape: shapeOf(shape, at).slice(1) };
    this.activity++;
  }
}

/** Tensors in a value: one tensor, or a list/tuple/dict of them. */
export function tensorsOf(value: Value, at: Span): Tensor[] {
  if (value.t === 'tensor') return [value.tensor];
  if (value.t === 'list' || value.t === 'tuple') return value.items.flatMap((item) => tensorsOf(item, at));
  if (value.t === 'dict') return [...value.entries.values()].flatMap(([, v]) => tensorsOf(v, at));
  throw new PyError(
    `expected a tensor (the output of keras.Input or of a layer call), got ${describeValue(value)}`,
    value.t === 'unknown' ? value.at : at,
    true,
  );
}

/** A shape tuple: ints and None. */
function shapeOf(value: Value, at: Span): (number | null)[] {
  if (value.t === 'int') return [value.v];
  if (value.t === 'list' || value.t === 'tuple') {
    return value.items.map((item) => {
      if (item.t === 'none') return null;
      if (item.t === 'int' && item.v > 0) return item.v;
      throw new PyError(`a shape holds positive integers and None, not ${describeValue(item)}`, item.t === 'unknown' ? item.at : at, true);
    });
  }
  throw new PyError(`a shape is a tuple like (28, 28, 1), not ${describeValue(value)}`, value.t === 'unknown' ? value.at : at, true);
}

/** Layer arguments must be plain data (or Keras argument objects and activation functions). */
function checkArg(value: Value, at: Span, what: string): Value {
  if (value.t === 'module' && /\.(activations|nn)\.\w+$/.test(value.path)) return { t: 'str', v: value.path.split('.').pop() ?? '' };
  // A layer not yet called, as a wrapper's argument (`Bidirectional(LSTM(64))`): its call, written as Keras does.
  if (value.t === 'layer' && value.layer.calls === 0) return { t: 'kerasObject', text: `${value.layer.className}(${argsText(value.layer)})`, family: 'layer' };
  if (value.t === 'kerasObject') return value;
  // A wrapped layer (Bidirectional(LSTM(64))): written as its own constructor call.
  if (value.t === 'layer' && value.layer.calls === 0) return value;
  if (pyRepr(value) !== undefined) return value;
  throw new PyError(`${what} is ${describeValue(value)}; netspec needs a value it can compute`, value.t === 'unknown' ? value.at : at, true);
}

function argumentText(args: Args): string | undefined {
  const parts: string[] = [];
  for (const a of args.positional) {
    const text = pyRepr(a.value);
    if (text === undefined) return undefined;
    parts.push(text);
  }
  for (const [key, a] of args.keywords) {
    const text = pyRepr(a.value);
    if (text === undefined) return undefined;
    parts.push(`${key}=${text}`);
  }
  return parts.join(', ');
}

/** How a value reads in a message. */
export function describeValue(value: Value): string {
  switch (value.t) {
    case 'unknown':
      return `not known: ${value.reason}`;
    case 'tensor':
      return 'a tensor';
    case 'layer':
      return `a ${value.layer.className} layer`;
    case 'model':
      return `the model '${value.model.name}'`;
    case 'func':
      return `the function ${value.def.name}`;
    case 'class':
      return `the custom class ${value.name}`;
    case 'module':
      return value.path;
    default:
      return pyRepr(value) ?? value.t;
  }
}
