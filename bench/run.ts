// `npm run bench`: every benchmark in its own process, so each starts cold. Prints figures only.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const benches = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['summary', 'diagram', 'compile'];
let failed = 0;
for (const name of benches) {
  console.log(`\n=== bench/${name}.ts ===`);
  const r = spawnSync('npx', ['tsx', join(root, 'bench', `${name}.ts`)], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
