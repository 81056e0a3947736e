// The intermediate graph every later stage reads: plain data, no classes.
import type { SourceRef } from '../diagnostics/diagnostic.js';
import type { Args, ParamCount, Shape } from '../layers/types.js';

/** Receptive field and jump (distance in input pixels between adjacent outputs), per spatial axis. */
export interface ReceptiveField {
  size: number[];
  jump: number[];
}

export interface IRNode {
  /** Position in topological order. */
  index: number;
  /** Hierarchical name, unique in the graph: `stage2.block1.conv2d`. */
  name: string;
  /** Keras class name: `Conv2D`, `InputLayer`, … */
  kind: string;
  /** Arguments after defaults and normalisation. */
  args: Args;
  /** Names of the nodes feeding this one, in order. */
  inputs: string[];
  /**
   * Which output of each input node this node reads (`enc[1]` reads output 1); present only when
   * some input node has several outputs, 0 for the others.
   */
  inputPorts?: number[];
  inputShapes: Shape[];
  /** Without batch; `null` dims are unknown. The first output when the node has several. */
  outputShape: Shape;
  /**
   * Every output's shape, in Keras's order, when the layer returns several (an LSTM with
   * return_state=True: output, state_h, state_c); absent for one output.
   */
  outputShapes?: Shape[];
  /** What each of several outputs is (`output`, `state_h`, `forward`, …), beside outputShapes. */
  outputNames?: string[];
  params: ParamCount;
  macs: number;
  /** Elements in one sample's output, every output counted (0 when a dim is unknown). */
  outputSize: number;
  /** Null where spatial structure is gone (after Flatten, Dense, global pooling). */
  receptiveField: ReceptiveField | null;
  trainable: boolean;
  /** Ids of the enclosing groups, outermost first. */
  groupPath: string[];
  source: SourceRef;
  /** Short diagram label from the kind, e.g. `Conv2D 32 3×3 /2`. */
  label: string;
  family: string;
  /**
   * A second (third, …) call of a shared layer (`use:`): the node that owns the weights. This call
   * reuses them, so its own params are 0 and totals count the weights once, as Keras does.
   */
  sharedWith?: string;
}

/** A structure (residual, inception, dense_block, sequential) or a user block instance. */
export interface IRGroup {
  /** Hierarchical name, like a node's; unique among groups. */
  id: string;
  /** `residual`, `inception`, `dense_block`, `sequential`, or `block` for user blocks. */
  kind: string;
  /** For user blocks, the block's name (`bottleneck`). */
  blockName?: string;
  parent: string | null;
  /** Names of the nodes directly or indirectly inside. */
  nodes: string[];
  source: SourceRef;
  /** A block or structure called again with `use:`: the group whose layers (and weights) it reuses. */
  sharedWith?: string;
  /** Parameters, MACs and memory of the nodes inside, computed once here for every view (summary, diagrams, playground). */
  totals: Totals;
}

export interface TensorRef {
  name: string;
  shape: Shape;
  /** Which output of node `name`, when it has several. */
  output?: number;
}

export interface Totals {
  params: number;
  trainable: number;
  nonTrainable: number;
  macs: number;
  /** Bytes of float32 weights. */
  weightBytes: number;
  /** Bytes of float32 activations for one sample (sum of every node's output). */
  activationBytes: number;
}

/** A failed `expect:` figure, kept so reports can mark it beside the numbers. */
export interface ExpectFailure {
  /** The step (node or group name) whose expect: failed; absent for the model's own expect:. */
  step?: string;
  /** `params`, `trainable params`, `non-trainable params`, `MACs` or `output shape`. */
  figure: string;
  expected: string;
  actual: string;
}

export interface IRGraph {
  name: string;
  description?: string;
  /** The spec file (or `<string>` for a call string on the command line). */
  file: string;
  inputs: TensorRef[];
  outputs: TensorRef[];
  nodes: IRNode[];
  groups: IRGroup[];
  totals: Totals;
  /** Failed expect: figures; present only when some failed (the CLI then exits 1). */
  expectFailures?: ExpectFailure[];
}
