// summary, check and explain must start without loading TensorFlow.js (or the renderer): walk the
// static imports of the bundled CLI from its entry and from each of those commands' chunks. The
// bundle's import graph is built here, from the current sources, with the real bundle's options
// (never a dist/bin left over from an earlier build, which may predate the change under test).
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { CLI_BUNDLE_OPTIONS } from '../../scripts/cli-bundle-options.js';

interface Output {
  imports: { path: string; kind: string; external?: boolean }[];
  inputs: Record<string, unknown>;
  entryPoint?: string;
}

const root = join(import.meta.dirname, '../..');

/** The bundle's import graph, in memory (esbuild runs in its own process: the worker is not blocked). */
async function metafile(): Promise<Record<string, Output>> {
  const result = await build({
    ...CLI_BUNDLE_OPTIONS,
    absWorkingDir: root,
    entryPoints: { main: 'src/cli/main.ts' },
    outdir: 'dist/bin',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  return result.metafile.outputs as Record<string, Output>;
}

/** Every module reachable through static imports from `start`. */
function staticClosure(outputs: Record<string, Output>, start: string): { chunks: Set<string>; externals: Set<string>; sources: Set<string> } {
  const chunks = new Set<string>();
  const externals = new Set<string>();
  const sources = new Set<string>();
  const visit = (chunk: string): void => {
    if (chunks.has(chunk)) return;
    chunks.add(chunk);
    for (const source of Object.keys(outputs[chunk]!.inputs)) sources.add(source);
    for (const imp of outputs[chunk]!.imports) {
      if (imp.kind !== 'import-statement') continue;
      if (imp.external) externals.add(imp.path);
      else visit(imp.path);
    }
  };
  visit(start);
  return { chunks, externals, sources };
}

const outputs = await metafile();

describe('the bundled CLI loads TensorFlow.js only for compile and predict', () => {
  const chunkOf = (source: string): string => Object.keys(outputs).find((o) => source in outputs[o]!.inputs)!;

  it.each(['src/cli/commands/summary.ts', 'src/cli/commands/check.ts', 'src/cli/commands/explain.ts'])('%s', (command) => {
    const main = Object.keys(outputs).find((o) => outputs[o]!.entryPoint === 'src/cli/main.ts')!;
    for (const start of [main, chunkOf(command)]) {
      const { externals, sources } = staticClosure(outputs, start);
      expect([...externals].filter((e) => e.startsWith('@tensorflow') || e.startsWith('@resvg'))).toEqual([]);
      expect(
        [...sources].filter(
          (s) => s.startsWith('src/compile/') || s.startsWith('src/render/') || s.includes('node_modules/d3') || s.includes('node_modules/elkjs'),
        ),
      ).toEqual([]);
    }
  });

  it('does reach TensorFlow.js from compile (the test can fail)', () => {
    const { chunks } = staticClosure(outputs, chunkOf('src/cli/commands/compile.ts'));
    const reached = [...chunks].flatMap((c) => outputs[c]!.imports.map((i) => i.path));
    expect(reached.some((path) => path.startsWith('@tensorflow/tfjs'))).toBe(true);
  });
});
