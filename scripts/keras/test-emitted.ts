// `npm run test:keras`: the Keras test tier. Emits every spec in specs/ and examples/ as Keras code
// (netspec compile --emit keras), builds them all in real Keras (JAX backend, fresh weights) in ONE
// Python process, and compares every layer's output shape and parameter counts with netspec's IR.
// Prints one line per spec and ends with "N passed, N failed" (exit 1 when any failed).
// Options: --counts FILE writes {"passed": N, "failed": N} (for .ci/run); specs as arguments
// replace the default set. KERAS_VENV names the virtual environment (default .venv-keras, created
// by scripts/keras/setup-venv.sh when missing).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { emitKeras } from '../../src/compile/emit-keras.js';
import { formatCount, formatSeconds } from '../../src/format/format.js';
import { analyzeFile } from '../../src/index.js';
import type { IRGraph } from '../../src/ir/types.js';
import { compareWithKeras, type KerasModelResult } from './compare-emitted.js';

const root = join(import.meta.dirname, '../..');
const PYTHON_LIMIT_MS = 20 * 60 * 1000;

function specFiles(args: string[]): string[] {
  if (args.length > 0) return args;
  const found: string[] = [];
  for (const dir of ['specs', 'examples']) {
    for (const file of readdirSync(join(root, dir), { recursive: true }) as string[]) if (file.endsWith('.yaml')) found.push(join(dir, file));
  }
  return found.sort();
}

function python(): string {
  const venv = process.env.KERAS_VENV ?? join(root, '.venv-keras');
  const bin = join(venv, 'bin/python');
  if (!existsSync(bin)) {
    console.log(`creating the Keras environment in ${venv} (scripts/keras/setup-venv.sh)`);
    execFileSync('bash', [join(root, 'scripts/keras/setup-venv.sh'), venv], { stdio: 'inherit' });
  }
  return bin;
}

function main(): number {
  const argv = process.argv.slice(2);
  const countsAt = argv.indexOf('--counts');
  const countsFile = countsAt >= 0 ? argv[countsAt + 1] : undefined;
  const specs = specFiles(argv.filter((_, i) => countsAt < 0 || (i !== countsAt && i !== countsAt + 1)));
  const work = mkdtempSync(join(tmpdir(), 'netspec-keras-'));
  const graphs = new Map<string, IRGraph>();
  const failures = new Map<string, string[]>();
  const manifest: { id: string; module: string }[] = [];
  specs.forEach((spec, i) => {
    const result = analyzeFile(join(root, spec));
    if (!result.graph) {
      failures.set(spec, [`netspec: ${result.diagnostics.find((d) => d.severity === 'error')?.message ?? 'no graph'}`]);
      return;
    }
    const id = `m${i}`;
    const module = join(work, `${id}.py`);
    writeFileSync(module, emitKeras(result.graph, { source: spec }));
    graphs.set(spec, result.graph);
    manifest.push({ id, module });
  });
  const ids = new Map(manifest.map((m, k) => [m.id, [...graphs.keys()][k]!]));
  writeFileSync(join(work, 'manifest.json'), JSON.stringify(manifest));
  const started = Date.now();
  console.log(`building ${manifest.length} emitted models in Keras (one Python process)`);
  const run = spawnSync(python(), [join(root, 'scripts/keras/run_emitted.py'), join(work, 'manifest.json'), join(work, 'results.json')], {
    env: { ...process.env, KERAS_BACKEND: 'jax', JAX_PLATFORMS: 'cpu', TF_CPP_MIN_LOG_LEVEL: '3' },
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: PYTHON_LIMIT_MS,
  });
  const results = existsSync(join(work, 'results.json'))
    ? (JSON.parse(readFileSync(join(work, 'results.json'), 'utf8')) as { keras_version: string; results: Record<string, KerasModelResult> })
    : undefined;
  if (!results) console.log(`Python did not finish (${run.error?.message ?? `exit ${run.status}`})`);
  let passed = 0;
  let failed = 0;
  for (const spec of specs) {
    const graph = graphs.get(spec);
    const id = [...ids].find(([, s]) => s === spec)?.[0];
    const problems = failures.get(spec) ?? (graph && id && results?.results[id] ? compareWithKeras(graph, results.results[id]!) : ['no result from Keras']);
    if (problems.length === 0) {
      passed++;
      console.log(`ok    ${spec}: ${graph!.nodes.length} layers, ${formatCount(graph!.totals.params)} params as in Keras`);
    } else {
      failed++;
      console.log(`FAIL  ${spec}: ${problems.length} difference${problems.length === 1 ? '' : 's'}`);
      for (const p of problems.slice(0, 5)) console.log(`        ${p}`);
      if (problems.length > 5) console.log(`        … ${problems.length - 5} more`);
    }
  }
  console.log(
    `Keras ${results?.keras_version ?? '?'}, ${formatSeconds(Date.now() - started)} in Python; emitted code in ${relative(process.cwd(), work) || work}`,
  );
  if (failed === 0) rmSync(work, { recursive: true, force: true });
  console.log(`${passed} passed, ${failed} failed`);
  if (countsFile) writeFileSync(countsFile, JSON.stringify({ passed, failed }));
  return failed === 0 ? 0 : 1;
}

process.exitCode = main();
