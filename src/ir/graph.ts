// Accumulates IR nodes and groups as the expander walks the spec, inferring each node as it is
// added (the walk is already in topological order), and sums the totals at the end.
import { DiagnosticError, type SourceRef } from '../diagnostics/diagnostic.js';
import { formatCount, formatTuple } from '../format/format.js';
import { LayerError, type Args, type LayerKind, type ParamCount, type Shape } from '../layers/types.js';
import { checkNodeFigures, RunningTotals } from './figures.js';
import { inferNode } from './infer.js';
import { splitTensorKey, tensorKey } from './tensor-ref.js';
import type { ExpectFailure, IRGraph, IRGroup, IRNode, TensorRef, Totals } from './types.js';

/** A group while the graph is built: its totals are computed once, when the graph is finished. */
export type OpenGroup = Omit<IRGroup, 'totals'>;

/** Keeps a typo like `repeat: 1e9` from hanging the machine. */
export const MAX_NODES = 250_000;

export interface NodeRequest {
  name: string;
  kind: LayerKind;
  args: Args;
  /** Tensor keys: a node name, or `enc[1]` for one output of a node with several (a bare name stands for all of them). */
  inputs: string[];
  trainable: boolean;
  groupPath: string[];
  source: SourceRef;
  /** A call of an earlier node's layer on new inputs (`use:`): its weights must fit the new input. */
  sharedWith?: IRNode;
}

export class GraphBuilder {
  readonly nodes: IRNode[] = [];
  readonly groups: OpenGroup[] = [];
  readonly expectFailures: ExpectFailure[] = [];
  private readonly byName = new Map<string, IRNode>();
  private readonly groupById = new Map<string, OpenGroup>();
  private readonly running = new RunningTotals();

  get(name: string): IRNode | undefined {
    return this.byName.get(name);
  }

  /** The node behind a tensor key (`enc` or `enc[1]`). */
  nodeOf(key: string): IRNode | undefined {
    return this.byName.get(splitTensorKey(key).node);
  }

  /** How many outputs a node has (1 unless its layer returns several). */
  outputCount(name: string): number {
    return this.byName.get(name)?.outputShapes?.length ?? 1;
  }

  /**
   * The tensors a key stands for: itself for one output; every output (`enc[0]`, `enc[1]`, …) for
   * the bare name of a node with several, as Keras passes a layer's list of outputs on whole.
   */
  tensors(key: string): string[] {
    const { node, index } = splitTensorKey(key);
    const count = this.outputCount(node);
    if (count === 1) return [node];
    return index === undefined ? Array.from({ length: count }, (_, k) => tensorKey(node, k)) : [key];
  }

  /** A node's inputs as tensor keys: `enc[1]` where it reads one output of a node with several. */
  inputKeys(node: IRNode): string[] {
    return node.inputs.map((name, i) => (this.outputCount(name) > 1 ? tensorKey(name, node.inputPorts?.[i] ?? 0) : name));
  }

  /** The shape of one tensor (`enc[1]`), or of a node's first output. */
  tensorShape(key: string): Shape | undefined {
    const { node, index } = splitTensorKey(key);
    const found = this.byName.get(node);
    return found && (found.outputShapes?.[index ?? 0] ?? found.outputShape);
  }

  /** Adds an input tensor (an InputLayer node). */
  addInput(name: string, kind: LayerKind, shape: Shape, source: SourceRef): IRNode {
    return this.addNode({ name, kind, args: { shape }, inputs: [], trainable: true, groupPath: [], source });
  }

  /** Infers and adds a node; throws DiagnosticError (shape or argument) at the step's position. */
  addNode(req: NodeRequest): IRNode {
    if (this.nodes.length >= MAX_NODES) {
      throw new DiagnosticError(
        'too-large',
        `the network has more than ${formatCount(MAX_NODES)} layers, netspec's limit`,
        req.source,
        'check the repeat: counts that lead here',
      );
    }
    if (this.byName.has(req.name)) throw new DiagnosticError('duplicate-name', `layer name '${req.name}' is used twice`, req.source);
    const keys = req.inputs.flatMap((key) => this.tensors(key));
    const picks = keys.map(splitTensorKey);
    const inputs = picks.map((p) => this.byName.get(p.node)!);
    const inputShapes = keys.map((key) => this.tensorShape(key)!);
    const ports = inputs.some((n) => n.outputShapes) ? { inputPorts: picks.map((p) => p.index ?? 0) } : {};
    const layer = `${req.name} (${req.kind.className})`;
    let inferred;
    try {
      inferred = inferNode(
        req.kind,
        req.args,
        inputShapes,
        inputs.map((n) => n.receptiveField),
        req.trainable,
      );
    } catch (err) {
      if (err instanceof LayerError) throw new DiagnosticError(err.code === 'shape' ? 'shape' : 'argument', `${layer}: ${err.message}`, req.source);
      throw err;
    }
    const owner = req.sharedWith?.sharedWith !== undefined ? this.byName.get(req.sharedWith.sharedWith) : req.sharedWith;
    if (owner)
      inferred = {
        ...inferred,
        params: sharedParams(owner, inferred.params, inputShapes, req.source),
      };
    checkNodeFigures(layer, inferred, req.source);
    this.running.add(layer, inferred, req.source);
    const node: IRNode = {
      index: this.nodes.length,
      name: req.name,
      kind: req.kind.className,
      args: req.args,
      inputs: inputs.map((n) => n.name),
      ...ports,
      inputShapes,
      ...inferred,
      trainable: req.trainable,
      groupPath: req.groupPath,
      source: req.source,
      label: req.kind.label(req.args),
      family: req.kind.family,
      ...(owner ? { sharedWith: owner.name } : {}),
    };
    this.nodes.push(node);
    this.byName.set(node.name, node);
    for (const id of req.groupPath) this.groupById.get(id)?.nodes.push(node.name);
    return node;
  }

  openGroup(id: string, kind: string, parent: string | null, source: SourceRef, blockName?: string, sharedWith?: string): OpenGroup {
    let unique = id;
    for (let n = 1; this.groupById.has(unique); n++) unique = `${id}_${n}`;
    const group: OpenGroup = { id: unique, kind, parent, nodes: [], source, ...(blockName ? { blockName } : {}), ...(sharedWith ? { sharedWith } : {}) };
    this.groups.push(group);
    this.groupById.set(unique, group);
    return group;
  }

  /**
   * Keeps what Keras's Model(inputs, outputs) keeps: every model input, every node on a path to an
   * output, and the first call of a shared layer a kept call reuses (it owns the weights). Returns
   * the nodes dropped — a branch that leads nowhere is not part of Keras's model or its counts.
   */
  keepAncestorsOf(outputs: string[]): IRNode[] {
    const kept = new Set<string>();
    const visit = (name: string): void => {
      const stack = [name];
      while (stack.length > 0) {
        const node = this.byName.get(stack.pop()!);
        if (!node || kept.has(node.name)) continue;
        kept.add(node.name);
        stack.push(...node.inputs);
        if (node.sharedWith !== undefined) stack.push(node.sharedWith);
      }
    };
    for (const key of outputs) visit(splitTensorKey(key).node);
    for (const node of this.nodes) if (node.kind === 'InputLayer') kept.add(node.name);
    const dropped = this.nodes.filter((n) => !kept.has(n.name));
    if (dropped.length === 0) return dropped;
    const remaining = this.nodes.filter((n) => kept.has(n.name));
    this.nodes.splice(0, this.nodes.length, ...remaining.map((n, index) => ({ ...n, index })));
    for (const n of dropped) this.byName.delete(n.name);
    for (const n of this.nodes) this.byName.set(n.name, n);
    for (const g of this.groups) g.nodes = g.nodes.filter((name) => kept.has(name));
    return dropped;
  }

  /** Drops groups that ended up empty (every step excluded by `when`). */
  finish(meta: { name: string; description?: string; file: string; inputs: string[]; outputs: string[] }): IRGraph {
    const ref = (key: string): TensorRef => {
      const { node, index } = splitTensorKey(key);
      return { name: node, shape: this.tensorShape(key)!, ...(index === undefined ? {} : { output: index }) };
    };
    const graph: IRGraph = {
      name: meta.name,
      file: meta.file,
      inputs: meta.inputs.map(ref),
      // A bare name of a node with several outputs makes each a model output, as Keras's Model(x, lstm(x)) does.
      outputs: meta.outputs.flatMap((key) => this.tensors(key)).map(ref),
      nodes: this.nodes,
      groups: this.groups.filter((g) => g.nodes.length > 0).map((g) => ({ ...g, totals: totals(g.nodes.map((n) => this.byName.get(n)!)) })),
      totals: totals(this.nodes),
    };
    if (meta.description) graph.description = meta.description;
    if (this.expectFailures.length > 0) graph.expectFailures = this.expectFailures;
    return graph;
  }
}

/**
 * A shared layer's weights were made for its first input: a call whose input would need other
 * weights is Keras's "incompatible input" error. Equal parameter counts stand for equal weight
 * shapes (every kind's weights are fixed by its arguments and the input's weighted axes).
 * The call itself adds no weights.
 */
function sharedParams(owner: IRNode, counted: ParamCount, inputShapes: Shape[], at: SourceRef): ParamCount {
  const need = counted.trainable + counted.nonTrainable;
  const have = owner.params.trainable + owner.params.nonTrainable;
  if (need !== have) {
    const shapes = (list: Shape[]): string => list.map((s) => formatTuple([null, ...s])).join(', ');
    throw new DiagnosticError(
      'shared-input',
      `${owner.name} (${owner.kind}) cannot be called on input shape ${shapes(inputShapes)}: its weights were made for input shape ${shapes(owner.inputShapes)} (${formatCount(have)} params; this input would need ${formatCount(need)})`,
      at,
      'a shared layer takes inputs whose weighted axes (channels, features) match its first call',
    );
  }
  return { trainable: 0, nonTrainable: 0 };
}

export function totals(nodes: readonly IRNode[]): Totals {
  let trainable = 0;
  let nonTrainable = 0;
  let macs = 0;
  let activations = 0;
  for (const n of nodes) {
    trainable += n.params.trainable;
    nonTrainable += n.params.nonTrainable;
    macs += n.macs;
    activations += n.outputSize;
  }
  const params = trainable + nonTrainable;
  return { params, trainable, nonTrainable, macs, weightBytes: params * 4, activationBytes: activations * 4 };
}
