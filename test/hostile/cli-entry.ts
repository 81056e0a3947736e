// The real CLI as a process, run from source: what a user's shell would start. With
// NETSPEC_USAGE_FILE set, it writes its own peak memory and CPU time there on exit, so a test
// measures the run without depending on /usr/bin/time.
import { writeFileSync } from 'node:fs';
import { main } from '../../src/cli/main.js';

const usageFile = process.env.NETSPEC_USAGE_FILE;
if (usageFile) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(usageFile, JSON.stringify({ maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
  });
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
