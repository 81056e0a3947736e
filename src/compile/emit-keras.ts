// IR graph → a Keras 3 Python module: `build_model()` with the functional API, user blocks as
// Python functions (their differing arguments as parameters), runs of equal steps as loops, a
// shared layer as one object called on each input. Run as a script it prints model.summary().
import { DiagnosticError } from '../diagnostics/diagnostic.js';
import { tensorKey } from '../ir/tensor-ref.js';
import type { IRGraph, IRNode } from '../ir/types.js';
import { filterKernel } from '../layers/filter2d.js';
import { lookupKind } from '../layers/registry.js';
import type { ArgValue } from '../layers/types.js';
import { blockFunctions, type BlockFunction, type BlockInstance } from './keras/blocks.js';
import { argText, Identifiers, layerArguments, pyString, pyValue } from './keras/python.js';

export interface KerasEmitOptions {
  /** The spec file, named in the module's docstring. */
  source?: string;
}

const HELPERS = {
  CustomScaleLayer: [
    'class CustomScaleLayer(layers.Layer):',
    '    """InceptionResNet\'s residual scaling, as keras.applications defines it: x + scale * branch."""',
    '',
    '    def __init__(self, scale, **kwargs):',
    '        super().__init__(**kwargs)',
    '        self.scale = scale',
    '',
    '    def call(self, inputs):',
    '        return inputs[0] + inputs[1] * self.scale',
    '',
    '    def compute_output_shape(self, input_shape):',
    '        return input_shape[0]',
  ],
  LayerScale: [
    'class LayerScale(layers.Layer):',
    '    """ConvNeXt\'s layer scale, as keras.applications defines it: x * gamma, gamma learned per channel."""',
    '',
    '    def __init__(self, init_values, projection_dim, **kwargs):',
    '        super().__init__(**kwargs)',
    '        self.init_values = init_values',
    '        self.projection_dim = projection_dim',
    '',
    '    def build(self, _):',
    '        self.gamma = self.add_weight(',
    '            shape=(self.projection_dim,), initializer=keras.initializers.Constant(self.init_values), trainable=True',
    '        )',
    '',
    '    def call(self, x):',
    '        return x * self.gamma',
  ],
  ClassToken: [
    'class ClassToken(layers.Layer):',
    '    """ViT\'s learned class token in front of the patches, as keras.io\'s ViT examples write it: (N, D) -> (N + 1, D)."""',
    '',
    '    def __init__(self, token_initializer="zeros", token_regularizer=None, token_constraint=None, **kwargs):',
    '        super().__init__(**kwargs)',
    '        self.token_args = dict(initializer=token_initializer, regularizer=token_regularizer, constraint=token_constraint)',
    '',
    '    def build(self, input_shape):',
    '        self.token = self.add_weight(shape=(1, 1, input_shape[-1]), name="token", **self.token_args)',
    '',
    '    def call(self, x):',
    '        token = keras.ops.broadcast_to(keras.ops.cast(self.token, x.dtype), (keras.ops.shape(x)[0], 1, keras.ops.shape(x)[-1]))',
    '        return keras.ops.concatenate([token, x], axis=1)',
    '',
    '    def compute_output_shape(self, input_shape):',
    '        return (input_shape[0], None if input_shape[1] is None else input_shape[1] + 1, input_shape[2])',
  ],
  AddPositionEmbedding: [
    'class AddPositionEmbedding(layers.Layer):',
    '    """ViT\'s learned position embedding, one weight per position and feature, added to the sequence."""',
    '',
    '    def __init__(self, embeddings_initializer="random_normal", embeddings_regularizer=None, embeddings_constraint=None, **kwargs):',
    '        super().__init__(**kwargs)',
    '        self.embedding_args = dict(initializer=embeddings_initializer, regularizer=embeddings_regularizer, constraint=embeddings_constraint)',
    '',
    '    def build(self, input_shape):',
    '        self.embedding = self.add_weight(shape=tuple(input_shape[1:]), name="embedding", **self.embedding_args)',
    '',
    '    def call(self, x):',
    '        return x + self.embedding',
  ],
  Filter2D: [
    'def fixed_kernel(kernel):',
    '    """A fixed image filter (netspec\'s Filter2D): the same kernel for every channel, not trained."""',
    '',
    '    def initializer(shape, dtype=None):',
    '        k = keras.ops.convert_to_tensor(kernel, dtype=dtype)',
    '        return keras.ops.broadcast_to(keras.ops.reshape(k, (len(kernel), len(kernel[0]), 1, 1)), shape)',
    '',
    '    return initializer',
  ],
} as const;

/** Custom and Lambda steps: declared figures, nothing Keras could run. */
const DECLARED_KINDS = new Set(['Custom', 'Lambda']);

/**
 * One statement of a body: a layer node, or a call of a block function. Tensors are keyed by node
 * name, or `name[k]` for output k of a node with several (whose `outputs` list every key).
 */
type Unit =
  | { kind: 'node'; node: IRNode; inputs: string[]; output: string; outputs?: string[] }
  | { kind: 'call'; fn: BlockFunction; instance: BlockInstance; inputs: string[]; output: string };

export function emitKeras(graph: IRGraph, options: KerasEmitOptions = {}): string {
  const declared = graph.nodes.find((n) => DECLARED_KINDS.has(n.kind));
  if (declared) {
    throw new DiagnosticError(
      'compile',
      `cannot emit ${declared.name} (${declared.kind}) as Keras code: a declared step has a shape and a weight count but no computation`,
      declared.source,
      'write the Keras layer it stands for in the emitted file, or replace the step in the spec',
    );
  }
  const functionNames = new Identifiers(Object.keys(HELPERS).concat('fixed_kernel'));
  const functions = blockFunctions(graph, (base) => functionNames.fresh(base));
  const instanceAt = new Map<string, { fn: BlockFunction; instance: BlockInstance }>();
  for (const fn of functions) for (const instance of fn.instances) instanceAt.set(instance.nodes[0]!.name, { fn, instance });
  const owners = new Set(graph.nodes.flatMap((n) => (n.sharedWith ? [n.sharedWith] : [])));
  const nodeUnit = tensorKeys(graph);
  const helpers = new Set<keyof typeof HELPERS>();
  for (const n of graph.nodes) if (Object.hasOwn(HELPERS, n.kind)) helpers.add(n.kind as keyof typeof HELPERS);

  const topUnits: Unit[] = [];
  for (let i = 0; i < graph.nodes.length;) {
    const node = graph.nodes[i]!;
    const call = instanceAt.get(node.name);
    if (call) {
      topUnits.push({ kind: 'call', ...call, inputs: call.instance.inputs, output: call.instance.output.name });
      i += call.instance.nodes.length;
    } else {
      topUnits.push(nodeUnit(node));
      i++;
    }
  }
  const fnSources = functions.map((fn) => functionSource(fn, owners, nodeUnit));
  const outputKeys = graph.outputs.map((o) => (o.output === undefined ? o.name : tensorKey(o.name, o.output)));
  const body = new BodyWriter(outputKeys, owners, functionNames);
  const lines = body.write(topUnits, (n) => pyString(n.name), new Map(), undefined, true);
  const outputs = outputKeys.map((key) => body.tensorVar(key));
  const inputs = graph.inputs.map((i) => body.tensorVar(i.name));
  const list = (vars: string[]): string => (vars.length === 1 ? vars[0]! : `[${vars.join(', ')}]`);
  return [
    `"""${graph.name}: the network of ${options.source ?? 'a netspec spec'}, written by netspec compile --emit keras.`,
    '',
    'build_model() returns the keras.Model (fresh weights); run this file to print its summary.',
    '"""',
    'import keras',
    'from keras import layers',
    '',
    ...[...helpers].flatMap((h) => ['', ...HELPERS[h], '']),
    ...fnSources.flatMap((src) => ['', ...src, '']),
    '',
    'def build_model():',
    ...lines,
    `    return keras.Model(inputs=${list(inputs)}, outputs=${list(outputs)}, name=${pyString(graph.name || 'model')})`,
    '',
    '',
    'if __name__ == "__main__":',
    '    build_model().summary()',
    '',
  ].join('\n');
}

/**
 * A node as a statement: its inputs as tensor keys (`enc[1]` where it reads one output of a node
 * with several) and, for a node with several outputs, every output's key.
 */
function tensorKeys(graph: IRGraph): (node: IRNode) => Unit {
  const several = new Set(graph.nodes.filter((n) => n.outputShapes).map((n) => n.name));
  return (node) => ({
    kind: 'node',
    node,
    inputs: node.inputs.map((input, i) => (several.has(input) ? tensorKey(input, node.inputPorts?.[i] ?? 0) : input)),
    output: node.outputShapes ? tensorKey(node.name, 0) : node.name,
    ...(node.outputShapes ? { outputs: node.outputShapes.map((_, k) => tensorKey(node.name, k)) } : {}),
  });
}

/** `def bottleneck(x, name, filters, strides):` and its body, layer names under `name`. */
function functionSource(fn: BlockFunction, owners: ReadonlySet<string>, nodeUnit: (node: IRNode) => Unit): string[] {
  const first = fn.instances[0]!;
  const tensorParams = first.inputs.map((_, k) => (k === 0 ? 'x' : `x${k}`));
  const ids = new Identifiers([...tensorParams, 'name', ...fn.params.map((p) => p.name)]);
  const lifted = new Map<string, Map<string, string>>();
  for (const p of fn.params) {
    for (const use of p.uses) {
      const node = first.nodes[use.node]!.name;
      lifted.set(node, (lifted.get(node) ?? new Map<string, string>()).set(use.arg, p.name));
    }
  }
  const body = new BodyWriter([first.output.name], owners, ids, (tensor) => tensor.slice(first.prefix.length + 1));
  first.inputs.forEach((input, k) => body.bind(input, tensorParams[k]!));
  const units: Unit[] = first.nodes.map(nodeUnit);
  const lines = body.write(units, (n) => `f"{name}.${n.name.slice(first.prefix.length + 1)}"`, lifted, first.output.name);
  return [
    `def ${fn.name}(${[...tensorParams, 'name', ...fn.params.map((p) => p.name)].join(', ')}):`,
    ...lines,
    `    return ${body.tensorVar(first.output.name)}`,
  ];
}

/** Writes statements, keeping the flowing tensor in `x` where nothing later needs the one it replaces. */
class BodyWriter {
  private readonly vars = new Map<string, string>();
  /** Which tensor `x` holds now. */
  private inX: string | undefined;

  constructor(
    private readonly outputs: readonly string[],
    private readonly owners: ReadonlySet<string>,
    private readonly ids: Identifiers,
    /** The part of a tensor's name a variable is named after (inside a function: the local name). */
    private readonly local: (tensor: string) => string = (tensor) => tensor,
  ) {}

  bind(tensor: string, variable: string): void {
    this.vars.set(tensor, variable);
    if (variable === 'x') this.inX = tensor;
  }

  tensorVar(tensor: string): string {
    return this.vars.get(tensor) ?? this.ids.of(tensor, this.local(tensor));
  }

  write(units: Unit[], nameExpr: (n: IRNode) => string, lifted: ReadonlyMap<string, ReadonlyMap<string, string>>, keep?: string, comments = false): string[] {
    const lastUse = new Map<string, number>();
    units.forEach((u, i) => u.inputs.forEach((t) => lastUse.set(t, i)));
    const uses = new Map<string, number>();
    for (const u of units) for (const t of u.inputs) uses.set(t, (uses.get(t) ?? 0) + 1);
    const lines: string[] = [];
    let group: string | undefined;
    for (let i = 0; i < units.length; i++) {
      const unit = units[i]!;
      const top = unit.kind === 'node' ? unit.node.groupPath[0] : unit.instance.group.id;
      // At the top level, a comment where a group (not written as a function call) starts.
      if (comments && top !== group && top !== undefined && unit.kind === 'node') lines.push(`    # ${top}`);
      group = top;
      const run = this.loopRun(units, i, uses, lastUse, lifted, keep);
      if (run > 1) {
        lines.push(...this.loop(units.slice(i, i + run), nameExpr, lifted));
        i += run - 1;
        continue;
      }
      // Several outputs: Python's unpacking, `enc, enc_state_h, enc_state_c = layers.LSTM(…)(x)`.
      const target = unit.kind === 'node' && unit.outputs ? this.unpacking(unit.node, unit.outputs) : this.target(unit, units, i, uses, lastUse, keep);
      const args = unit.inputs.map((t) => this.tensorVar(t));
      const applied = unit.kind === 'node' ? callArguments(unit.node, args) : args.join(', ');
      if (unit.kind === 'call') {
        const params = [...args, pyString(unit.instance.prefix), ...liftedValues(unit.fn, unit.instance)];
        lines.push(`    ${target} = ${unit.fn.name}(${params.join(', ')})`);
      } else if (unit.node.kind === 'InputLayer') {
        lines.push(`    ${target} = keras.Input(shape=${pyValue(unit.node.outputShape)}, name=${pyString(unit.node.name)})`);
      } else if (unit.node.sharedWith) {
        lines.push(`    ${target} = ${this.ids.of(`layer:${unit.node.sharedWith}`)}(${applied})`);
      } else if (this.owners.has(unit.node.name)) {
        const layer = this.ids.of(`layer:${unit.node.name}`);
        lines.push(`    ${layer} = ${constructor(unit.node, nameExpr(unit.node), lifted.get(unit.node.name))}`, `    ${target} = ${layer}(${applied})`);
      } else {
        lines.push(`    ${target} = ${constructor(unit.node, nameExpr(unit.node), lifted.get(unit.node.name))}(${applied})`);
      }
      if (unit.kind !== 'node' || !unit.outputs) this.bind(unit.output, target);
    }
    return lines;
  }

  /** One variable per output, named after the node and what the output is; binds each output's key. */
  private unpacking(node: IRNode, keys: string[]): string {
    const local = this.local(node.name);
    const names = keys.map((key, k) => {
      const what = node.outputNames?.[k] ?? String(k);
      return this.ids.of(key, what === 'output' ? local : `${local}_${what}`);
    });
    keys.forEach((key, k) => this.vars.set(key, names[k]!));
    return names.join(', ');
  }

  /** `x` when the output feeds only the next statement and what `x` holds is no longer needed. */
  private target(unit: Unit, units: Unit[], i: number, uses: Map<string, number>, lastUse: Map<string, number>, keep?: string): string {
    const next = units[i + 1];
    const chained =
      next !== undefined && uses.get(unit.output) === 1 && next.inputs.includes(unit.output) && !this.outputs.includes(unit.output) && unit.output !== keep;
    const free = this.inX === undefined || (lastUse.get(this.inX) ?? -1) <= i;
    const isInput = unit.kind === 'node' && unit.node.kind === 'InputLayer';
    return chained && free && !isInput ? 'x' : this.ids.of(unit.output, this.local(unit.output));
  }

  /** How many statements from i are the same plain layer (same arguments) or the same block function, each feeding the next through `x`. */
  private loopRun(
    units: Unit[],
    i: number,
    uses: Map<string, number>,
    lastUse: Map<string, number>,
    lifted: ReadonlyMap<string, ReadonlyMap<string, string>>,
    keep?: string,
  ): number {
    const first = units[i]!;
    // Inside a function, lifted arguments are part of what must be equal.
    const liftedOf = (u: Unit): string => (u.kind === 'node' ? JSON.stringify([...(lifted.get(u.node.name) ?? new Map<string, string>())]) : '');
    const same = (u: Unit): boolean =>
      first.kind === 'call'
        ? u.kind === 'call' && u.fn === first.fn && u.inputs.length === 1
        : u.kind === 'node' &&
          first.kind === 'node' &&
          u.node.kind === first.node.kind &&
          u.inputs.length === 1 &&
          !u.node.outputShapes &&
          !u.node.sharedWith &&
          !this.owners.has(u.node.name) &&
          u.node.kind !== 'InputLayer' &&
          JSON.stringify(u.node.args) === JSON.stringify(first.node.args) &&
          u.node.trainable === first.node.trainable &&
          liftedOf(u) === liftedOf(first);
    if (!same(first)) return 1;
    let n = 1;
    while (
      i + n < units.length &&
      same(units[i + n]!) &&
      units[i + n]!.inputs[0] === units[i + n - 1]!.output &&
      uses.get(units[i + n - 1]!.output) === 1 &&
      !this.outputs.includes(units[i + n - 1]!.output) &&
      units[i + n - 1]!.output !== keep
    )
      n++;
    if (n < 2) return 1;
    // The tensor x holds before the loop must not be needed after it starts.
    const input = first.inputs[0]!;
    const xFree = this.inX === undefined || this.inX === input || (lastUse.get(this.inX) ?? -1) <= i;
    return xFree ? n : 1;
  }

  private loop(run: Unit[], nameExpr: (n: IRNode) => string, lifted: ReadonlyMap<string, ReadonlyMap<string, string>>): string[] {
    const lines: string[] = [];
    const input = this.tensorVar(run[0]!.inputs[0]!);
    if (input !== 'x') lines.push(`    x = ${input}`);
    const first = run[0]!;
    if (first.kind === 'call') {
      const params = first.fn.params.map((p) => p.name);
      const rows = run.map((u) => (u.kind === 'call' ? [pyString(u.instance.prefix), ...liftedValues(u.fn, u.instance)] : []));
      const vars = ['block_name', ...params];
      lines.push(
        `    for ${vars.join(', ')} in (`,
        ...rows.map((r) => `        (${r.join(', ')}),`),
        '    ):',
        `        x = ${first.fn.name}(x, ${vars.join(', ')})`,
      );
    } else if (first.kind === 'node') {
      const names = run.map((u) => (u.kind === 'node' ? nameExpr(u.node) : ''));
      lines.push(
        `    for layer_name in (${names.join(', ')}${names.length === 1 ? ',' : ''}):`,
        `        x = ${constructor(first.node, 'layer_name', lifted.get(first.node.name))}(${callArguments(first.node, ['x'])})`,
      );
    }
    this.inX = run[run.length - 1]!.output;
    this.vars.set(this.inX, 'x');
    return lines;
  }
}

/**
 * What a layer is called on: one tensor, or a list for merges; MultiHeadAttention takes
 * query, value (and key) as separate arguments, self-attention the same tensor twice.
 */
function callArguments(node: IRNode, vars: string[]): string {
  if (node.kind === 'MultiHeadAttention') return vars.length === 1 ? `${vars[0]}, ${vars[0]}` : vars.join(', ');
  // A recurrent layer's further inputs are its initial states.
  if (vars.length > 1 && ('go_backwards' in node.args || node.kind === 'Bidirectional')) return `${vars[0]}, initial_state=[${vars.slice(1).join(', ')}]`;
  return vars.length === 1 ? vars[0]! : `[${vars.join(', ')}]`;
}

/** A call's values of the function's lifted parameters, written as the argument would be. */
function liftedValues(fn: BlockFunction, instance: BlockInstance): string[] {
  return fn.params.map((p, k) => {
    const use = p.uses[0]!;
    const spec = lookupKind(instance.nodes[use.node]!.kind)?.args[use.arg];
    const value = instance.values[k] ?? null;
    return spec ? argText(spec, value) : pyValue(value);
  });
}

/** `layers.Conv2D(64, 3, strides=2, name="conv1")`, or netspec's two non-Keras kinds in Keras terms. */
function constructor(node: IRNode, nameExpr: string, lifted: ReadonlyMap<string, string> | undefined): string {
  const kind = lookupKind(node.kind);
  if (!kind) throw new Error(`no layer kind ${node.kind}`);
  const trainable = node.trainable ? [] : ['trainable=False'];
  if (node.kind === 'Filter2D') {
    const kernel = filterKernel(node.args);
    const args = [
      pyValue([kernel.length, kernel[0]!.length]),
      `strides=${pyValue(node.args.strides as ArgValue)}`,
      `padding=${pyString(String(node.args.padding))}`,
      'use_bias=False',
      'trainable=False',
      `depthwise_initializer=fixed_kernel(${pyValue(kernel, true)})`,
    ];
    return `layers.DepthwiseConv2D(${[...args, `name=${nameExpr}`].join(', ')})`;
  }
  const args = layerArguments(kind, node.args, lifted);
  // netspec's kinds that keras.applications defines in its own modules are classes of the emitted file.
  const cls = Object.hasOwn(HELPERS, node.kind) ? node.kind : `layers.${node.kind}`;
  return `${cls}(${[...args, ...trainable, `name=${nameExpr}`].join(', ')})`;
}
