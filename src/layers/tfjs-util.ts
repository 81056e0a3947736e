// Small helpers the tfjs builders share. Nothing here imports TensorFlow.js at run time.
import { LayerError, type SymbolicTensor } from './types.js';

/** Anything with tfjs's `Layer.apply`. */
interface Applicable {
  apply(inputs: SymbolicTensor | SymbolicTensor[]): unknown;
}

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
 * One of several same-shaped tfjs factories chosen by rank (maxPooling1d/2d/3d, …). TypeScript
 * intersects the configs of a union of factories, so the rank-generic call goes through this type.
 */
export type RankedFactory = (config: object) => Applicable;
