// The CLI from source, as a real process (for the signal tests): node --import tsx serve-main.ts serve …
import { main } from '../../src/cli/main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
