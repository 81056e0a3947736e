// The differential check over every spec in specs/ and examples/, split into shards so vitest runs
// them in parallel workers (test/compile/differential-library-*.test.ts).
//
// Big specs are compiled at the smallest input their `size` (or `resolution`) param accepts: the
// compile is exactly as faithful there, and every kind and argument is still exercised. A spec
// whose every layer — kind, arguments and input shapes — was already compiled in a smaller spec
// (ResNet-101/152 repeat ResNet-50's blocks more often) adds nothing to what the check can find and
// is skipped; its layers are listed as covered, so the coverage stays exact. The specs in
// LIBRARY_NOT_COMPILED (test/tier.ts: ConvNeXt-Base/Large/XLarge, EfficientNetV2-L) are never compiled here.
import { readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { analyzeFile, type IRGraph } from '../../src/index.js';
import type { Tf } from '../../src/layers/types.js';
import { LIBRARY_NOT_COMPILED } from '../tier.js';
import { differential } from './differential-core.js';

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

function smallestVariant(file: string): IRGraph | undefined {
  for (const size of [8, 16, 24, 32, 46, 48, 64, 75, 96]) {
    for (const param of ['size', 'resolution']) {
      const variant = analyzeFile(file, { set: { [param]: String(size) } });
      if (variant.graph) return variant.graph;
    }
  }
  return undefined;
}

interface Planned {
  name: string;
  graph: IRGraph;
  /** Layers no smaller spec compiled; empty → skipped. */
  fresh: number;
}

/** What a layer's compile depends on: its kind, arguments and input shapes. */
const signature = (n: IRGraph['nodes'][number]): string => JSON.stringify([n.kind, n.args, n.inputShapes, n.trainable]);

/** Every spec, smallest first, with how many of its layers are new. Deterministic, so shards agree. */
function plan(): Planned[] {
  const files = [...specFiles(join(repo, 'specs')), ...specFiles(join(repo, 'examples'))];
  const graphs = files.flatMap((file) => {
    const result = analyzeFile(file);
    // Every library spec and example analyses (test/specs checks that); one that stops doing so fails here too, not skipped.
    if (!result.graph) throw new Error(`${relative(repo, file)} does not analyse: ${result.diagnostics[0]?.message}`);
    if (LIBRARY_NOT_COMPILED.has(basename(file))) return [];
    const graph = result.graph.totals.macs > 1e9 ? (smallestVariant(file) ?? result.graph) : result.graph;
    return [{ name: relative(repo, file), graph }];
  });
  graphs.sort((a, b) => a.graph.totals.params - b.graph.totals.params || a.name.localeCompare(b.name));
  const seen = new Set<string>();
  return graphs.map(({ name, graph }) => {
    let fresh = 0;
    for (const node of graph.nodes) {
      const sig = signature(node);
      if (!seen.has(sig)) fresh++;
      seen.add(sig);
    }
    return { name, graph, fresh };
  });
}

/** A model whose inputs are token ids (each read by an Embedding) gets integers below the smallest vocabulary. */
function tokenRange(graph: IRGraph): number | undefined {
  const readers = graph.inputs.map((input) => graph.nodes.filter((n) => n.inputs.includes(input.name)));
  if (!readers.every((nodes) => nodes.length > 0 && nodes.every((n) => n.kind === 'Embedding'))) return undefined;
  return Math.min(...readers.flat().map((n) => n.args.input_dim as number));
}

/** Cost estimate for balancing shards: weight initialisation and the forward pass. */
const cost = (g: IRGraph): number => g.totals.params + g.totals.macs / 20;

/** Registers the tests of shard `index` of `count` (greedy by cost, so the shards take similar time). */
export function libraryShard(index: number, count: number, tf: () => Tf): void {
  const planned = plan();
  const load = new Array<number>(count).fill(0);
  const mine: Planned[] = [];
  for (const p of [...planned].filter((p) => p.fresh > 0).sort((a, b) => cost(b.graph) - cost(a.graph))) {
    const shard = load.indexOf(Math.min(...load));
    load[shard]! += cost(p.graph);
    if (shard === index) mine.push(p);
  }
  if (index === 0) {
    it('skips only specs whose every layer a smaller spec compiled', () => {
      const skipped = planned.filter((p) => p.fresh === 0).map((p) => p.name);
      // Depth variants (ResNet-101/152, VGG-19, ConvNeXt-Small) repeat their base's layers; every other spec brings its own.
      for (const name of skipped) expect(name).toMatch(/resnet(101|152)|vgg19|convnext_small/);
    });
  }
  it.each(mine.map((p) => [p.name, p] as const))(
    '%s',
    (_name, p) => {
      // One sample where a forward pass is heavy: a test that blocks the worker for a minute makes
      // vitest's own RPC time out.
      const samples = p.graph.totals.params > 30e6 || p.graph.totals.macs > 5e8 ? 1 : 2;
      expect(differential(tf(), p.graph, samples, tokenRange(p.graph))).toEqual([]);
    },
    180_000,
  );
}
