// Small helpers the tfjs builders share. Nothing here imports TensorFlow.js at run time.
import type { CustomConfigs, CustomLayerName } from './custom-configs.js';
import { LayerError, type Applicable, type BuildContext, type SymbolicTensor, type Tf } from './types.js';

/** A one-input layer applied to the first input. */
export function applyOne(layer: Applicable): (inputs: SymbolicTensor[]) => SymbolicTensor {
  return (inputs) => layer.apply(inputs[0]!) as SymbolicTensor;
}

/** A merge layer applied to all inputs. */
export function applyAll(layer: Applicable): (inputs: SymbolicTensor[]) => SymbolicTensor {
  return (inputs) => layer.apply(inputs) as SymbolicTensor;
}

/**
 * Refuses to build where TensorFlow.js would diverge from Keras; the compile stage may replace
 * these refusals with faithful custom layers.
 */
export function noTfjsEquivalent(what: string): never {
  throw new LayerError(`${what}: TensorFlow.js has no exact equivalent`, 'argument');
}

/**
 * A netspec custom layer through the compiler's context. Outside the compiler (a bare `build` call)
 * there are no custom layers, and the builder refuses with `why`, as it did before they existed.
 */
export function customLayer<K extends CustomLayerName>(ctx: BuildContext, className: K, config: CustomConfigs[K] & { name?: string }, why: string): Applicable {
  if (!ctx.customLayer) noTfjsEquivalent(why);
  return ctx.customLayer(className, config);
}

/** Refuses, with `why`, a faithful build that needs netspec's compiler (custom layers, subgraph names). */
export function compilerOnly(ctx: BuildContext, why: string): void {
  if (!ctx.customLayer) noTfjsEquivalent(why);
}

/** The name for an extra layer of a node's subgraph. */
export function helperName(ctx: BuildContext, part: string): string {
  return ctx.helperName ? ctx.helperName(part) : `${ctx.name}__${part}`;
}

/**
 * One of several same-shaped tfjs factories chosen by rank (maxPooling1d/2d/3d, …). TypeScript
 * intersects the configs of a union of factories, so the rank-generic call goes through this type.
 */
export type RankedFactory = (config: object) => Applicable;

/**
 * A layer that works on the last axis alone (Dense), applied to an input of any rank: tfjs's bias
 * add stops at rank 5 with the batch, so a longer input goes through it as (batch·…, features) and
 * is reshaped back — the same sums over the last axis.
 */
export function overLastAxis(tf: Tf, ctx: BuildContext, layer: Applicable): (inputs: SymbolicTensor[]) => SymbolicTensor {
  const input = ctx.inputShapes[0]!;
  if (input.length <= 4) return applyOne(layer);
  const unknown = ctx.outputShape.filter((d) => d === null).length;
  if (unknown > 1) noTfjsEquivalent(`a rank-${input.length + 1} input with ${unknown} unknown sizes (built by reshaping to rank 3 and back)`);
  const flat = tf.layers.reshape({ name: helperName(ctx, 'flat'), targetShape: [-1, input[input.length - 1] as number] });
  const back = tf.layers.reshape({ name: helperName(ctx, 'unflat'), targetShape: ctx.outputShape.map((d) => d ?? -1) });
  return (inputs) => back.apply(layer.apply(flat.apply(inputs[0]!) as SymbolicTensor) as SymbolicTensor) as SymbolicTensor;
}
