// Runs the CLI straight from src/ (no build): `npx tsx scripts/dev.ts summary specs/resnet50.yaml`.
import { main } from '../src/cli/main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
