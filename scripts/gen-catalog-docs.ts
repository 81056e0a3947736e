// Writes the layer catalog section of README.md (between <!-- catalog:start --> and
// <!-- catalog:end -->) from the registry: every kind, its names, arguments and defaults.
// `npx tsx scripts/gen-catalog-docs.ts --write`; test/layers/catalog-docs.test.ts checks it is current.
import { readFileSync, writeFileSync } from 'node:fs';
import { catalogMarkdown } from '../src/layers/catalog-docs.js';

const path = new URL('../README.md', import.meta.url);
const readme = readFileSync(path, 'utf8');
const start = '<!-- catalog:start -->';
const end = '<!-- catalog:end -->';
const block = `${start}\n${catalogMarkdown()}${end}`;
if (process.argv.includes('--write')) {
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < 0) throw new Error('README.md has no catalog markers');
  writeFileSync(path, readme.slice(0, from) + block + readme.slice(to + end.length));
  console.log('README.md catalog updated');
} else {
  process.stdout.write(block + '\n');
}
