#!/usr/bin/env node
// Thin launcher: the CLI is bundled into dist/bin by `npm install` (the prepare script).
import { main } from '../dist/bin/main.js';
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
