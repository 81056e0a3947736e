import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogMarkdown } from '../../src/layers/catalog-docs.js';
import { LAYER_KINDS } from '../../src/layers/registry.js';

describe('README layer catalog', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  it('is generated from the registry and current (npx tsx scripts/gen-catalog-docs.ts --write)', () => {
    expect(readme).toContain(`<!-- catalog:start -->\n${catalogMarkdown()}<!-- catalog:end -->`);
  });
  it('documents every kind', () => {
    for (const kind of LAYER_KINDS) expect(readme, kind.className).toContain(`\`${kind.className}\``);
  });
});
