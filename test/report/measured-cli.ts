// The CLI from source as its own process, reporting its peak memory on stderr's last line, so a
// test can bound what a real run costs (time is measured by the caller).
import { main } from '../../src/cli/main.js';

main(process.argv.slice(2)).then((code) => {
  process.stderr.write(`\nmaxRSS=${process.resourceUsage().maxRSS}\n`);
  process.exitCode = code;
});
