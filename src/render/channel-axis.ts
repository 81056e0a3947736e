// Which tensors are channels first (data_format='channels_first'): the diagram draws a box's
// height and depth from the spatial axes and its thickness from the channels, so a (C, H, W)
// tensor is drawn as its (H, W, C) twin. The shape text is left as it is.
import type { IRGraph, IRNode } from '../ir/types.js';
import type { Shape } from '../layers/types.js';

/** Layers that move values between axes: after them nothing is known about the layout. */
const MOVES_AXES = new Set(['Permute', 'Reshape', 'Flatten']);

/** The step itself says so: its data_format, or BatchNormalization over axis 1 of a spatial tensor. */
function saysChannelsFirst(node: IRNode): boolean {
  if (node.args.data_format === 'channels_first') return true;
  return node.kind === 'BatchNormalization' && node.args.axis === 1 && node.outputShape.length >= 3;
}

const keepsRank = (node: IRNode) => node.inputShapes.length > 0 && node.outputShape.length === node.inputShapes[0]!.length;

/** Names of the nodes whose output is channels first, in one pass in topological order. */
export function channelsFirstNodes(graph: IRGraph): Set<string> {
  const consumers = new Map<string, IRNode[]>();
  for (const node of graph.nodes) for (const input of node.inputs) consumers.set(input, [...(consumers.get(input) ?? []), node]);
  const first = new Set<string>();
  for (const node of graph.nodes) {
    const own = node.args.data_format;
    const fromInput = node.inputs.length > 0 && first.has(node.inputs[0]!) && !MOVES_AXES.has(node.kind) && own !== 'channels_last';
    // A model input is channels first when a step reading it says so.
    const isInput = node.inputs.length === 0 && (consumers.get(node.name) ?? []).some(saysChannelsFirst);
    if (isInput || (keepsRank(node) && (saysChannelsFirst(node) || fromInput))) first.add(node.name);
  }
  return first;
}

/** The shape with its channels last, for drawing. */
export function drawnShape(shape: Shape, channelsFirst: boolean): Shape {
  return channelsFirst && shape.length >= 3 ? [...shape.slice(1), shape[0]!] : shape;
}
