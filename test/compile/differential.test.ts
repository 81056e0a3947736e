// Differential tests: the compiled tfjs model against the IR, node by node (output shape,
// trainable and non-trainable counts), plus a forward pass with finite outputs — for random valid
// specs from fast-check (a larger run: bench/compile.ts). The library's specs are in
// differential-library-*.test.ts.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAYER_KINDS } from '../../src/layers/registry.js';
import type { Tf } from '../../src/layers/types.js';
import { differential, problemsOf, Refused } from './differential-core.js';
import { planArbitrary, planToSpec } from './random-spec.js';
import { testTf } from './tf-setup.js';

let tf: Tf;
beforeAll(async () => {
  tf = await testTf();
});

describe('random valid specs compile faithfully', () => {
  it('800 specs: per-layer shapes and counts equal the IR, forward pass finite, every kind covered, only known refusals', () => {
    const seen = new Set<string>();
    let refused = 0;
    fc.assert(
      fc.property(planArbitrary, (plan) => {
        const spec = planToSpec(plan);
        for (const node of spec.graph.nodes) seen.add(node.kind);
        const result = differential(tf, spec.graph, 2, spec.embeddingInputDim);
        if (result instanceof Refused) refused++;
        const problems = problemsOf(result);
        if (problems.length > 0) throw new Error(`${problems.join('\n')}\nspec:\n${spec.text}`);
      }),
      { numRuns: 800, seed: Number(process.env.NETSPEC_SEED ?? 20261125), endOnFailure: true },
    );
    // A refusal compares nothing: they must stay the exception.
    console.log(`random differential: ${refused} of 800 specs refused at compile (known refusals)`);
    expect(refused).toBeLessThan(80);
    // Lambda and Custom steps declare their figures and compile refuses them by design: nothing to compare.
    expect(
      LAYER_KINDS.filter((k) => k.family !== 'custom')
        .map((k) => k.className)
        .filter((name) => !seen.has(name)),
    ).toEqual([]);
  }, 600_000);
});
