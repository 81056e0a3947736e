// Differential tests: the compiled tfjs model against the IR, node by node (output shape,
// trainable and non-trainable counts), plus a forward pass with finite outputs — for every spec in
// specs/ and examples/, and for random valid specs from fast-check (a larger run: bench/compile.ts).
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeFile, type IRGraph } from '../../src/index.js';
import { LAYER_KINDS } from '../../src/layers/registry.js';
import type { Tf } from '../../src/layers/types.js';
import { differential } from './differential-core.js';
import { planArbitrary, planToSpec } from './random-spec.js';
import { testTf } from './tf-setup.js';

let tf: Tf;
beforeAll(async () => {
  tf = await testTf();
});

const repo = new URL('../../', import.meta.url).pathname;

function specFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return specFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

/**
 * Big library specs take minutes to build and run on 2 cores (Conv3D on wasm: ~0.1 GMAC/s), so
 * they are compiled at the smallest input their `size` (or `resolution`) param accepts; the
 * compile is exactly as faithful there, and every kind and argument is still exercised.
 */
function smallestVariant(file: string): IRGraph | undefined {
  for (const size of [8, 16, 24, 32, 48, 64, 75, 96]) {
    for (const param of ['size', 'resolution']) {
      const variant = analyzeFile(file, { set: { [param]: String(size) } });
      if (variant.graph) return variant.graph;
    }
  }
  return undefined;
}

describe('every spec in specs/ and examples/ compiles faithfully', () => {
  const files = [...specFiles(join(repo, 'specs')), ...specFiles(join(repo, 'examples'))];
  it.each(files.map((f) => [relative(repo, f), f] as const))('%s', (_name, file) => {
    const result = analyzeFile(file);
    if (!result.graph) return; // specs that extend missing files or are meant to fail are the core's concern
    const graph = result.graph.totals.macs > 1e9 ? smallestVariant(file) ?? result.graph : result.graph;
    // One sample where a forward pass is heavy: a test that blocks the worker for a minute makes
    // vitest's own RPC time out.
    const samples = graph.totals.params > 30e6 || graph.totals.macs > 5e8 ? 1 : 2;
    expect(differential(tf, graph, samples)).toEqual([]);
  }, 180_000);
});

describe('random valid specs compile faithfully', () => {
  it('300 specs: per-layer shapes and counts equal the IR, forward pass finite, every kind covered', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(planArbitrary, (plan) => {
        const spec = planToSpec(plan);
        for (const node of spec.graph.nodes) seen.add(node.kind);
        const problems = differential(tf, spec.graph, 2, spec.embeddingInputDim);
        if (problems.length > 0) throw new Error(`${problems.join('\n')}\nspec:\n${spec.text}`);
      }),
      { numRuns: 300, seed: Number(process.env.NETSPEC_SEED ?? 20261125), endOnFailure: true },
    );
    expect(LAYER_KINDS.map((k) => k.className).filter((name) => !seen.has(name))).toEqual([]);
  }, 600_000);
});
