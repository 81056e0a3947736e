// Per-node inference: output shape, parameters, MACs, output size and receptive field, all from
// the layer kind's own rules.
import { knownProduct } from '../layers/shape-math.js';
import { LayerError, type Args, type LayerKind, type ParamCount, type Shape } from '../layers/types.js';
import type { ReceptiveField } from './types.js';
import { formatTuple } from '../format/format.js';

export interface Inferred {
  outputShape: Shape;
  /** Present when the layer returns several outputs (LayerKind.outputs). */
  outputShapes?: Shape[];
  outputNames?: string[];
  params: ParamCount;
  macs: number;
  outputSize: number;
  receptiveField: ReceptiveField | null;
}

/** Runs the kind's rules; throws LayerError (with the input shapes in the message) when they do not fit. */
export function inferNode(kind: LayerKind, args: Args, inputShapes: Shape[], inputFields: (ReceptiveField | null)[], trainable: boolean): Inferred {
  let outputShape: Shape;
  try {
    outputShape = kind.outputShape(inputShapes, args);
  } catch (err) {
    if (err instanceof LayerError) {
      const shapes = inputShapes.map((s) => formatTuple([null, ...s])).join(', ');
      throw new LayerError(`${err.message} [input shape ${shapes}]`, err.code);
    }
    throw err;
  }
  const counted = kind.params(inputShapes, args, outputShape);
  const params = trainable ? counted : { trainable: 0, nonTrainable: counted.trainable + counted.nonTrainable };
  const outputs = kind.outputs?.(inputShapes, args, outputShape) ?? [];
  const several = outputs.length > 1 ? { outputShapes: outputs.map((o) => o.shape), outputNames: outputs.map((o) => o.name) } : {};
  return {
    outputShape,
    ...several,
    params,
    macs: kind.macs(inputShapes, args, outputShape),
    outputSize: (several.outputShapes ?? [outputShape]).reduce((sum, shape) => sum + knownProduct(shape), 0),
    receptiveField: nextField(kind, args, inputShapes, inputFields, outputShape),
  };
}

/** Spatial rank of a channels-last shape that still has spatial axes (rank − 1), else 0. */
function spatialRank(shape: Shape): number {
  return shape.length >= 2 ? shape.length - 1 : 0;
}

/**
 * r_out = r_in + (k_eff − 1)·j_in, j_out = j_in·s on each spatial axis; merges take the widest
 * input; spatial structure that is gone (Flatten, Dense on a vector) gives null.
 */
function nextField(kind: LayerKind, args: Args, inputShapes: Shape[], inputFields: (ReceptiveField | null)[], output: Shape): ReceptiveField | null {
  if (inputShapes.length === 0) {
    const rank = spatialRank(output);
    return rank > 0 ? { size: Array(rank).fill(1), jump: Array(rank).fill(1) } : null;
  }
  const base = widest(inputFields);
  if (!base || spatialRank(output) !== base.size.length) return null;
  const rule = kind.receptive(args, inputShapes);
  switch (rule.kind) {
    case 'identity':
      return base;
    case 'global':
      return null;
    case 'upsample':
      return {
        size: base.size.map((r, i) => r + ((rule.span?.[i] ?? 1) - 1) * base.jump[i]!),
        jump: base.jump.map((j, i) => j / (rule.factor[i] ?? 1)),
      };
    case 'window':
      return {
        size: base.size.map((r, i) => r + (rule.dilation?.[i] ?? 1) * ((rule.kernel[i] ?? 1) - 1) * base.jump[i]!),
        jump: base.jump.map((j, i) => j * (rule.stride[i] ?? 1)),
      };
  }
}

function widest(fields: (ReceptiveField | null)[]): ReceptiveField | null {
  let best: ReceptiveField | null = null;
  for (const f of fields) {
    if (!f) return null;
    if (!best || f.size[0]! > best.size[0]!) best = f;
  }
  return best;
}
