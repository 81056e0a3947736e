// One tfjs instance for the compile tests, on the backend the CLI uses.
import { loadTf } from '../../src/compile/backend.js';
import type { Tf } from '../../src/layers/types.js';

export async function testTf(): Promise<Tf> {
  const { tf } = await loadTf({ notice: (line) => console.warn(line) });
  return tf;
}

/** Largest absolute difference between two nested number arrays of the same shape. */
export function maxAbsDiff(a: unknown, b: unknown): number {
  const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);
  const x = flat(a);
  const y = flat(b);
  if (x.length !== y.length) return Infinity;
  return x.reduce((m, v, i) => Math.max(m, Math.abs(v - y[i]!)), 0);
}
