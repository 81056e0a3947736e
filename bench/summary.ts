// Cold `netspec summary` timings (figures, not asserts): a generated 10,000-layer spec, growth
// from 1,000 to 10,000 layers, and ResNet-152. Targets: ResNet-152 ≤ 0.3 s, 10,000 layers ≤ 1.5 s.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin/netspec.js');
if (!existsSync(join(root, 'dist/bin/main.js'))) execFileSync('npx', ['tsx', 'scripts/build-cli.ts'], { cwd: root, stdio: 'inherit' });

/** A chain of `layers` explicit steps (conv, batchnorm, relu, repeating), as a long hand-written spec would be. */
function chainSpec(layers: number): string {
  const steps = ['  - conv2d: {filters: 16, kernel_size: 3, padding: same}', '  - batchnorm', '  - relu'];
  const lines = ['name: chain', 'input: [32, 32, 16]', 'layers:'];
  for (let i = 0; i < layers; i++) lines.push(steps[i % 3]!);
  return lines.join('\n') + '\n';
}

function coldRun(args: string[], runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    // stdout is discarded, not buffered: a 10,000-layer JSON summary exceeds spawnSync's buffer.
    const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (r.status !== 0) throw new Error(`netspec ${args.join(' ')} failed: ${r.stderr}`);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

const dir = mkdtempSync(join(tmpdir(), 'netspec-bench-'));
console.log('netspec summary, cold process, median of 5 (ms)');
const baseline = coldRun(['--version']);
console.log(`  node + launcher (netspec --version): ${baseline.toFixed(0)} ms`);
for (const n of [1000, 2000, 5000, 10000]) {
  const file = join(dir, `chain-${n}.yaml`);
  writeFileSync(file, chainSpec(n));
  const ms = coldRun(['summary', file, '--format', 'json']);
  console.log(
    `  ${String(n).padStart(6)} layers: ${ms.toFixed(0).padStart(5)} ms  (${((ms - baseline) / (n / 1000)).toFixed(0)} ms per 1,000 layers above start-up)${n === 10000 ? `  target ≤ 1500: ${ms <= 1500 ? 'met' : 'MISSED'}` : ''}`,
  );
}
const resnet = join(root, 'specs/resnet152.yaml');
if (existsSync(resnet)) {
  const ms = coldRun(['summary', resnet]);
  console.log(`  ResNet-152 (specs/resnet152.yaml): ${ms.toFixed(0)} ms  target ≤ 300: ${ms <= 300 ? 'met' : 'MISSED'}`);
  console.log(`  ResNet-152 check: ${coldRun(['check', resnet]).toFixed(0)} ms, explain: ${coldRun(['explain', resnet]).toFixed(0)} ms`);
} else {
  console.log('  ResNet-152: specs/resnet152.yaml not present');
}
