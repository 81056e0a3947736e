// Every lecture example checks clean: its expect: figures are the lecture's own numbers.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const examples = readdirSync('examples/lecture').filter((f) => f.endsWith('.yaml'));

describe('examples/lecture', () => {
  it.each(examples)('%s passes netspec check', async (file) => {
    const r = await runCli(['check', `examples/lecture/${file}`]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
