import fc from 'fast-check';
import { loadTf } from '../../src/compile/backend.js';
import { differential } from './differential-core.js';
import { planArbitrary, planToSpec } from './random-spec.js';
const { tf } = await loadTf();
const counts = new Map<string, { n: number; example: string }>();
const seen = new Set<string>();
const t0 = Date.now();
for (const plan of fc.sample(planArbitrary, { numRuns: 300, seed: 1 })) {
  const spec = planToSpec(plan);
  for (const n of spec.graph.nodes) seen.add(n.kind);
  let problems: string[];
  try { problems = differential(tf, spec.graph, 2, spec.embeddingInputDim); } catch (e) { problems = [(e as Error).message.split('\n')[0]!]; }
  for (const p of problems) {
    const key = p.replace(/^[\w.]+: /, '').replace(/\d+/g, 'N').slice(0, 140);
    const e = counts.get(key) ?? { n: 0, example: '' };
    e.n++; if (!e.example) e.example = p + '\n' + spec.text.slice(0, 600);
    counts.set(key, e);
  }
}
console.log('time', Date.now() - t0);
for (const [k, v] of [...counts].sort((a, b) => b[1].n - a[1].n)) { console.log(v.n, k); if (!k.startsWith("cannot compile")) console.log(v.example); }
console.log('kinds seen', seen.size);
