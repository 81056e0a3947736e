// Cold `netspec diagram` runs (figures, with the budgets): every spec in specs/ drawn to PNG at
// default options (graph view, fitted to 16:9), each in a fresh process as a user runs it. Reports
// wall time, CPU time and peak memory (max RSS) per spec. Budgets: ≤ 1.50 s and ≤ 400.00 MB each.
// Wall time on a shared machine varies with load; CPU time is the steadier figure.
// Run: npm run bench diagram   (or npx tsx bench/diagram.ts [spec names…])
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatBytes, formatSeconds } from '../src/format/format.js';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin/netspec.js');
if (!existsSync(join(root, 'dist/bin/main.js'))) execFileSync('npx', ['tsx', 'scripts/build-cli.ts'], { cwd: root, stdio: 'inherit' });

const WALL_BUDGET_S = 1.5;
const RSS_BUDGET_BYTES = 400 * 1024 ** 2;
/** Runs the CLI (argv as bin/netspec.js sees it: node, script, args), then prints its own resource use as the process ends (a child's max RSS is not otherwise visible). */
const PROBE = `process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('\\n@@' + JSON.stringify({ rss: u.maxRSS, cpu: (u.userCPUTime + u.systemCPUTime) / 1e6 })); });`;

const out = mkdtempSync(join(tmpdir(), 'netspec-bench-diagram-'));
const wanted = process.argv.slice(2);
const specs = readdirSync(join(root, 'specs'))
  .filter((f) => f.endsWith('.yaml'))
  .filter((f) => wanted.length === 0 || wanted.includes(f.replace(/\.yaml$/, '')));

const pad = (s: string, n: number) => s.padEnd(n);
console.log(`${pad('spec', 24)} ${'wall'.padStart(7)} ${'cpu'.padStart(7)} ${'max RSS'.padStart(11)}  drawn`);
let over = 0;
for (const spec of specs) {
  const png = join(out, spec.replace(/\.yaml$/, '.png'));
  const start = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    ['--eval', `${PROBE} await import(${JSON.stringify(bin)});`, '--input-type=module', '--', bin, 'diagram', join(root, 'specs', spec), '-o', png, '--force'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const probe = /@@(\{.*\})/.exec(r.stderr ?? '');
  const usage = probe ? (JSON.parse(probe[1]!) as { rss: number; cpu: number }) : { rss: NaN, cpu: NaN };
  const rssBytes = usage.rss * 1024; // maxRSS is in KiB
  const ok = r.status === 0 && wall <= WALL_BUDGET_S && rssBytes <= RSS_BUDGET_BYTES;
  if (!ok) over++;
  const drawn = r.status === 0 ? r.stdout.trim().replace(/^wrote \S+: /, '') : `FAILED: ${r.stderr.split('\n')[0]}`;
  console.log(
    `${pad(spec.replace(/\.yaml$/, ''), 24)} ${formatSeconds(wall * 1000).padStart(7)} ${formatSeconds(usage.cpu * 1000).padStart(7)} ${formatBytes(rssBytes).padStart(11)}  ${ok ? '' : 'OVER '}${drawn}`,
  );
}
console.log(`\n${specs.length - over} of ${specs.length} within ${formatSeconds(WALL_BUDGET_S * 1000)} and ${formatBytes(RSS_BUDGET_BYTES)}`);
process.exitCode = over > 0 ? 1 : 0;
