// Keras counts axes with the batch axis as 0 and negative axes from the end; netspec's shapes have
// no batch axis. One conversion for every layer that takes `axis=`.
import type { Args } from './types.js';

/**
 * The index into a batch-less shape of `rank` axes for a Keras axis, or undefined when the axis is
 * out of range or is the batch axis (0 or −(rank + 1)). Each layer words the error as Keras does.
 */
export function batchlessAxis(axis: number, rank: number): number | undefined {
  const ndim = rank + 1;
  if (!Number.isInteger(axis) || axis < -ndim || axis >= ndim) return undefined;
  const index = axis < 0 ? ndim + axis - 1 : axis - 1;
  return index < 0 ? undefined : index;
}

/** An `axis`-type argument as a list: one axis, several, or none (null). */
export function axisList(args: Args, key: string): number[] {
  const value = args[key];
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? (value as number[]) : [value as number];
}
