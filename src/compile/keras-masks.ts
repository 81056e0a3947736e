// Keras 3's mask propagation, so a compiled model masks exactly where Keras does. A mask starts at
// Masking or Embedding(mask_zero=True) and travels through the layers whose `supports_masking` is
// true (keras/src/layers/: activations, Dense, dropouts and noise, normalizations, Rescaling,
// TimeDistributed, attention's query, a recurrent layer with return_sequences); any other layer
// drops it. TensorFlow.js differs: its executor hands the last mask it saw to every later layer
// (tfjs-layers engine/executor.js keeps `kwargs.mask` across layers), so a recurrent layer after a
// Conv1D is masked in tfjs and not in Keras. Hence: a source whose mask no layer uses in Keras is
// built without one, and a layer tfjs would mask differently from Keras is refused at compile.
import { DiagnosticError } from '../diagnostics/diagnostic.js';
import type { IRGraph, IRNode } from '../ir/types.js';
import type { Args, LayerArgValue } from '../layers/types.js';

/** A Keras mask on a node's output: the step that made it and its rank (the data's rank minus one for Masking). */
interface KerasMask {
  source: string;
  rank: number;
}

/** Single-input kinds that keep their input's mask (Keras's default compute_mask with supports_masking). */
const KEEPS_MASK = new Set([
  'Activation',
  'ReLU',
  'LeakyReLU',
  'PReLU',
  'ELU',
  'Softmax',
  'Dense',
  'Dropout',
  'GaussianNoise',
  'GaussianDropout',
  'AlphaDropout',
  'BatchNormalization',
  'LayerNormalization',
  'GroupNormalization',
  'UnitNormalization',
  'Normalization',
  'Rescaling',
  'TimeDistributed',
  // The query's mask (Attention.compute_mask; MultiHeadAttention's default).
  'Attention',
  'AdditiveAttention',
  'MultiHeadAttention',
]);
const RECURRENT = new Set(['SimpleRNN', 'LSTM', 'GRU', 'ConvLSTM1D', 'ConvLSTM2D', 'ConvLSTM3D']);
/** Merges keep a mask only when every input has one (base_merge.compute_mask); Concatenate when any has. */
const MERGES = new Set(['Add', 'Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum']);
/** Kinds Keras's call uses a mask in at inference. */
const USES_MASK = new Set([...RECURRENT, 'Bidirectional', 'GlobalAveragePooling1D', 'Attention', 'AdditiveAttention', 'MultiHeadAttention', 'Softmax']);
/** Kinds whose TensorFlow.js build reads the executor's mask (tfjs's RNN layers, its Softmax, netspec's GRU). */
const TFJS_READS_MASK = new Set(['SimpleRNN', 'LSTM', 'GRU', 'ConvLSTM1D', 'ConvLSTM2D', 'Bidirectional', 'TimeDistributed', 'Softmax']);
/** Where tfjs applies a (batch, timesteps) mask as Keras does: its recurrent layers (test/compile/sequence-numeric.test.ts). */
const TFJS_MASKS_LIKE_KERAS = new Set(['SimpleRNN', 'LSTM', 'GRU', 'Bidirectional']);

const wrapped = (node: IRNode): { kind: string; args: Args } | undefined => {
  const layer = node.args.layer as LayerArgValue | undefined;
  return layer && typeof layer === 'object' && 'class_name' in layer ? { kind: layer.class_name, args: layer.config } : undefined;
};

function returnsSequences(node: IRNode): boolean {
  const args = node.kind === 'Bidirectional' ? wrapped(node)?.args : node.args;
  return args?.return_sequences === true;
}

/** The mask Keras puts on a node's output, given its inputs' masks. */
function outputMask(node: IRNode, masks: (KerasMask | null)[]): KerasMask | null {
  if (node.kind === 'Masking') return { source: node.name, rank: node.outputShape.length - 1 };
  if (node.kind === 'Embedding') return node.args.mask_zero === true ? { source: node.name, rank: node.inputShapes[0]!.length } : null;
  if (KEEPS_MASK.has(node.kind)) return masks[0] ?? null;
  if (RECURRENT.has(node.kind) || node.kind === 'Bidirectional') return returnsSequences(node) ? (masks[0] ?? null) : null;
  if (MERGES.has(node.kind)) return masks.every((m) => m !== null) ? masks[0]! : null;
  if (node.kind === 'Concatenate') return masks.find((m) => m !== null) ?? null;
  return null;
}

/** Does Keras use a mask in this node (a TimeDistributed passes one on to a wrapped layer that does)? */
function usesMask(node: IRNode): boolean {
  if (node.kind === 'TimeDistributed') return USES_MASK.has(wrapped(node)?.kind ?? '');
  return USES_MASK.has(node.kind);
}

export interface MaskPlan {
  /** Masking and Embedding(mask_zero) steps whose mask no layer uses in Keras: compiled without a mask. */
  inert: Set<string>;
}

/**
 * Follows Keras's masks through the graph; refuses a node TensorFlow.js would mask differently,
 * naming it and the step the mask comes from.
 */
export function planMasks(graph: IRGraph): MaskPlan {
  const masks = new Map<string, KerasMask | null>();
  const used = new Set<string>();
  const users: { node: IRNode; mask: KerasMask }[] = [];
  for (const node of graph.nodes) {
    const inputs = inputMasks(node, masks);
    masks.set(node.name, outputMask(node, inputs));
    const mask = inputs.find((m) => m !== null);
    if (mask && usesMask(node)) {
      used.add(mask.source);
      users.push({ node, mask });
    }
  }
  const inert = new Set(graph.nodes.filter((n) => (n.kind === 'Masking' || n.kind === 'Embedding') && !used.has(n.name)).map((n) => n.name));
  // With two masks in use, the one tfjs's executor still holds may be the other's.
  if (used.size > 1) {
    const second = graph.nodes.filter((n) => used.has(n.name))[1]!;
    throw new DiagnosticError(
      'compile',
      `cannot compile ${second.name} (${second.kind}) to TensorFlow.js: a second mask in use (after '${[...used][0]}'), and TensorFlow.js can hand a later layer the wrong one`,
      second.source,
      'keep one Masking or mask_zero=True step whose mask later layers use',
    );
  }
  for (const { node, mask } of users) refuseUnlessTfjsMasks(node, mask, graph, masks);
  const live = graph.nodes.find((n) => used.has(n.name));
  if (live) {
    // tfjs's executor may run any layer that does not feed the mask's source after it.
    const before = ancestors(graph, live);
    for (const node of graph.nodes) {
      if (node === live || before.has(node.name) || inputMasks(node, masks).some((m) => m !== null) || !readsMaskInTfjs(node)) continue;
      throw new DiagnosticError(
        'compile',
        `cannot compile ${node.name} (${node.kind}) to TensorFlow.js: Keras gives it no mask (the mask from '${live.name}' does not reach it), but TensorFlow.js would still apply that mask here (its executor passes the last mask on to every later layer)`,
        node.source,
        `end the mask before this step's branch, or leave out Masking if ${node.name} should see every step`,
      );
    }
  }
  return { inert };
}

/** The names of the nodes `node` reads, directly or not. */
function ancestors(graph: IRGraph, node: IRNode): Set<string> {
  const byName = new Map(graph.nodes.map((n) => [n.name, n]));
  const seen = new Set<string>();
  const stack = [...node.inputs];
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    stack.push(...(byName.get(name)?.inputs ?? []));
  }
  return seen;
}

/** The masks on a node's inputs; a further output (a recurrent layer's state) has none. */
function inputMasks(node: IRNode, masks: Map<string, KerasMask | null>): (KerasMask | null)[] {
  return node.inputs.map((name, i) => ((node.inputPorts?.[i] ?? 0) > 0 ? null : (masks.get(name) ?? null)));
}

function readsMaskInTfjs(node: IRNode): boolean {
  if (node.kind === 'TimeDistributed') return TFJS_READS_MASK.has(wrapped(node)?.kind ?? '');
  return TFJS_READS_MASK.has(node.kind);
}

function refuseUnlessTfjsMasks(node: IRNode, mask: KerasMask, graph: IRGraph, masks: Map<string, KerasMask | null>): void {
  const refuse = (why: string, help: string): never => {
    throw new DiagnosticError('compile', `cannot compile ${node.name} (${node.kind}) to TensorFlow.js: ${why}`, node.source, help);
  };
  const help = `leave out the mask (Masking or mask_zero=True at '${mask.source}'), or compile without this step`;
  if (node.kind.startsWith('ConvLSTM')) {
    if (mask.rank !== 1)
      refuse(
        `the mask from '${mask.source}' has one value per position (${mask.rank} axes), and ${node.kind} takes one per time step: Keras fails when it runs this model`,
        help,
      );
    refuse(`TensorFlow.js cannot apply the mask from '${mask.source}' to ${node.kind} as Keras does`, help);
  }
  const kind = node.kind === 'TimeDistributed' ? wrapped(node)!.kind : node.kind;
  if (!TFJS_MASKS_LIKE_KERAS.has(kind) || node.kind === 'TimeDistributed')
    refuse(`Keras applies the mask from '${mask.source}' here, and netspec's TensorFlow.js build of ${node.kind} does not`, help);
  // The mask must reach the node through layers tfjs passes it on by (not through a merge, which combines masks its own way).
  const path = maskPath(node, mask, graph, masks);
  const merge = path.find((n) => MERGES.has(n.kind) || n.kind === 'Concatenate');
  if (merge) refuse(`the mask from '${mask.source}' passes the merge '${merge.name}', which TensorFlow.js combines differently from Keras`, help);
}

/** The nodes between the mask's source and `node` along its first masked input. */
function maskPath(node: IRNode, mask: KerasMask, graph: IRGraph, masks: Map<string, KerasMask | null>): IRNode[] {
  const byName = new Map(graph.nodes.map((n) => [n.name, n]));
  const path: IRNode[] = [];
  let current = node;
  while (current.name !== mask.source) {
    const next = current.inputs.map((name) => byName.get(name)!).find((n) => masks.get(n.name));
    if (!next) break;
    path.push(next);
    current = next;
  }
  return path;
}
