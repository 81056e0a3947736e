// Shape arithmetic shared by every convolution and pooling kind, as Keras's
// compute_conv_output_shape / compute_conv_transpose_output_length do it.
import { formatTuple, MAX_EXACT_TEXT } from '../format/format.js';
import { LayerError, type Args, type Dim, type Shape } from './types.js';

export type Padding = 'valid' | 'same' | 'causal';

/** Effective kernel extent with dilation: d·(k−1)+1. */
export function effectiveKernel(k: number, d: number): number {
  const extent = d * (k - 1) + 1;
  // Beyond 2^53 − 1 the extent is rounded, and 'same' padding's floor(extent / 2) with it.
  if (!Number.isSafeInteger(extent)) {
    throw new LayerError(
      `the effective kernel dilation_rate·(kernel_size − 1) + 1 = ${d}·(${k} − 1) + 1 is beyond the exact integer range (netspec computes exactly up to 2 ** 53 − 1 = ${MAX_EXACT_TEXT})`,
      'argument',
    );
  }
  return extent;
}

/** Output length of a convolution or pooling window along one axis; null stays null. */
export function convLength(n: Dim, k: number, s: number, d: number, padding: Padding): Dim {
  if (n === null) return null;
  if (padding === 'valid') return Math.floor((n - effectiveKernel(k, d)) / s) + 1;
  return Math.ceil(n / s);
}

/** The same rule written out with its numbers, e.g. `floor((128 − 9) / 1) + 1 = 120`. */
export function explainConvLength(n: Dim, k: number, s: number, d: number, padding: Padding): string {
  const out = convLength(n, k, s, d, padding);
  if (n === null) return 'unknown (input size is None)';
  if (padding === 'valid') {
    const ke = effectiveKernel(k, d);
    const kText = d === 1 ? `${k}` : `(${d}·(${k} − 1) + 1)`;
    return `floor((${n} − ${kText}) / ${s}) + 1 = ${out}` + (d === 1 ? '' : ` (effective kernel ${ke})`);
  }
  return `ceil(${n} / ${s}) = ${out}  (padding='${padding}')`;
}

/** Transposed convolution length, Keras's compute_conv_transpose_output_length. */
export function transposeLength(n: Dim, k: number, s: number, d: number, padding: Padding, outputPadding: number | null): Dim {
  if (n === null) return null;
  const ke = effectiveKernel(k, d);
  if (outputPadding === null) return padding === 'valid' ? n * s + Math.max(ke - s, 0) : n * s;
  const pad = padding === 'same' ? Math.floor(ke / 2) : 0;
  return (n - 1) * s + ke - 2 * pad + outputPadding;
}

export function explainTransposeLength(n: Dim, k: number, s: number, d: number, padding: Padding, outputPadding: number | null): string {
  const out = transposeLength(n, k, s, d, padding, outputPadding);
  if (n === null) return 'unknown (input size is None)';
  const ke = effectiveKernel(k, d);
  if (outputPadding === null) {
    return padding === 'valid' ? `${n}·${s} + max(${ke} − ${s}, 0) = ${out}` : `${n}·${s} = ${out}  (padding='same')`;
  }
  const pad = padding === 'same' ? Math.floor(ke / 2) : 0;
  return `(${n} − 1)·${s} + ${ke} − 2·${pad} + ${outputPadding} = ${out}`;
}

/** Throws Keras's error when a computed length is not positive. */
export function requirePositive(shape: Shape, what: string): Shape {
  for (const d of shape) {
    if (d !== null && d <= 0) {
      throw new LayerError(`computed output size would be ${d} (output shape ${formatTuple(shape)}): ${what}`);
    }
  }
  return shape;
}

/** Product of known dims; 0 when any is unknown. */
export function knownProduct(dims: Shape): number {
  let p = 1;
  for (const d of dims) {
    if (d === null) return 0;
    p *= d;
  }
  return p;
}

/** Checks the input rank; Keras says "expected ndim=4, found ndim=3" (with batch). */
export function requireRank(input: Shape | undefined, rank: number, layer: string): Shape {
  if (!input || input.length !== rank) {
    const got = input ? input.length + 1 : 0;
    throw new LayerError(
      `${layer} expects input of rank ${rank + 1} (batch, ${rank === 1 ? 'features' : `${rank - 1} spatial axes, channels`}), got rank ${got} ${input ? `(batch, ${formatTuple(input).slice(1, -1)})` : ''}`.trim(),
    );
  }
  return input;
}

export function requireMinRank(input: Shape | undefined, rank: number, layer: string): Shape {
  if (!input || input.length < rank) {
    throw new LayerError(`${layer} expects input of rank at least ${rank + 1} (with batch), got ${input ? formatTuple(input) : 'nothing'}`);
  }
  return input;
}

// Typed readers for normalised arguments.
export const argInt = (args: Args, key: string): number => args[key] as number;
export const argNum = (args: Args, key: string): number => args[key] as number;
export const argBool = (args: Args, key: string): boolean => args[key] as boolean;
export const argStr = (args: Args, key: string): string => args[key] as string;
export const argInts = (args: Args, key: string): number[] => args[key] as number[];
export const argPairs = (args: Args, key: string): [number, number][] => args[key] as [number, number][];

/** `3×3`, `3×3×3`, or `3` for one axis. */
export function dimsText(values: number[]): string {
  return values.join('×');
}
