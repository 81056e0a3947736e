// An IR graph of one layer on its inputs, for tests that compile a single Keras table row or a
// fixed-weight case: the inputs, then the layer, its output shape and counts as the caller gives them
// (Keras's figures, where the test compares against them).
import type { IRGraph, IRNode } from '../../src/ir/types.js';
import { normalizeArgs } from '../../src/layers/args.js';
import { lookupKind } from '../../src/layers/registry.js';
import type { ArgValue, ParamCount, Shape } from '../../src/layers/types.js';

export interface OneLayer {
  kind: string;
  args: Record<string, ArgValue>;
  inputShapes: Shape[];
  /** Defaults to the kind's own shape rule. */
  outputShape?: Shape;
  /** Every output where the layer returns several; defaults to the kind's own rule. */
  outputShapes?: Shape[];
  /** Defaults to the kind's own count. */
  params?: ParamCount;
  inputNames?: string[];
}

const NODE_DEFAULTS = {
  macs: 0,
  outputSize: 0,
  receptiveField: null,
  trainable: true,
  groupPath: [],
  source: { file: 'one-layer.json' },
  label: '',
  family: '',
};

export function oneLayerGraph(spec: OneLayer): IRGraph {
  const kind = lookupKind(spec.kind);
  if (!kind) throw new Error(`no kind ${spec.kind}`);
  const args = normalizeArgs(kind, structuredClone(spec.args));
  const inputs: IRNode[] = spec.inputShapes.map((shape, i) => ({
    ...NODE_DEFAULTS,
    index: i,
    name: spec.inputNames?.[i] ?? `input_${i}`,
    kind: 'InputLayer',
    args: {},
    inputs: [],
    inputShapes: [],
    outputShape: shape,
    params: { trainable: 0, nonTrainable: 0 },
  }));
  const outputShape = spec.outputShape ?? kind.outputShape(spec.inputShapes, args);
  const named = kind.outputs?.(spec.inputShapes, args, outputShape) ?? [];
  const outputShapes = spec.outputShapes ?? (named.length > 1 ? named.map((o) => o.shape) : undefined);
  const several = outputShapes ? { outputShapes, outputNames: named.map((o) => o.name) } : {};
  const layer: IRNode = {
    ...NODE_DEFAULTS,
    index: inputs.length,
    name: 'layer',
    kind: spec.kind,
    args,
    inputs: inputs.map((n) => n.name),
    inputShapes: spec.inputShapes,
    outputShape,
    ...several,
    params: spec.params ?? kind.params(spec.inputShapes, args, outputShape),
  };
  return {
    name: 'one-layer',
    file: 'one-layer.json',
    inputs: inputs.map((n) => ({ name: n.name, shape: n.outputShape })),
    outputs: outputShapes ? outputShapes.map((shape, output) => ({ name: 'layer', shape, output })) : [{ name: 'layer', shape: outputShape }],
    nodes: [...inputs, layer],
    groups: [],
    totals: { params: 0, trainable: 0, nonTrainable: 0, macs: 0, weightBytes: 0, activationBytes: 0 },
  };
}
