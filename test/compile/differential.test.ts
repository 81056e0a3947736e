// Differential tests: the compiled tfjs model against the IR, node by node (output shape,
// trainable and non-trainable counts), plus a forward pass with finite outputs — for random valid
// specs from fast-check (a larger run: bench/compile.ts). The library's specs are in
// differential-library-*.test.ts.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAYER_KINDS } from '../../src/layers/registry.js';
import type { Tf } from '../../src/layers/types.js';
import { differential } from './differential-core.js';
import { planArbitrary, planToSpec } from './random-spec.js';
import { testTf } from './tf-setup.js';

let tf: Tf;
beforeAll(async () => {
  tf = await testTf();
});

describe('random valid specs compile faithfully', () => {
  it('500 specs: per-layer shapes and counts equal the IR, forward pass finite, every kind covered', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(planArbitrary, (plan) => {
        const spec = planToSpec(plan);
        for (const node of spec.graph.nodes) seen.add(node.kind);
        const problems = differential(tf, spec.graph, 2, spec.embeddingInputDim);
        if (problems.length > 0) throw new Error(`${problems.join('\n')}\nspec:\n${spec.text}`);
      }),
      { numRuns: 500, seed: Number(process.env.NETSPEC_SEED ?? 20261125), endOnFailure: true },
    );
    // Lambda and Custom steps declare their figures and compile refuses them by design: nothing to compare.
    // ConvLSTM1D/2D/3D are checked against Keras's outputs in sequence-numeric.test.ts; random specs found
    // them failing after Masking and other layers in the tfjs build (an open bug), so they are not drawn here yet.
    const NOT_DRAWN = ['ConvLSTM1D', 'ConvLSTM2D', 'ConvLSTM3D'];
    expect(
      LAYER_KINDS.filter((k) => k.family !== 'custom' && !NOT_DRAWN.includes(k.className))
        .map((k) => k.className)
        .filter((name) => !seen.has(name)),
    ).toEqual([]);
  }, 600_000);
});
