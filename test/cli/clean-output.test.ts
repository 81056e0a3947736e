// Output stays clean: TensorFlow.js prints "Hi, looks like you are running TensorFlow.js in
// Node.js … install our node backend" through console.warn the first time its cpu backend stores
// a tensor, unless production mode is on. compile and predict must print only their own lines.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from './run-cli.js';

const spies = () => ({ warn: vi.spyOn(console, 'warn'), log: vi.spyOn(console, 'log'), error: vi.spyOn(console, 'error') });
const printed = (s: ReturnType<typeof spies>): string => [s.warn, s.log, s.error].flatMap((spy) => spy.mock.calls.map((args) => args.join(' '))).join('\n');

afterEach(() => vi.restoreAllMocks());

describe('no TensorFlow.js banner', () => {
  it.each(['cpu', 'wasm'])('compile and predict on the %s backend print no banner', async (backend) => {
    const s = spies();
    const out = join(mkdtempSync(join(tmpdir(), 'netspec-clean-')), 'model');
    const compiled = await runCli(['compile', 'examples/lecture/setting-b.yaml', '-o', out, '--backend', backend]);
    expect(compiled.code, compiled.stderr).toBe(0);
    const predicted = await runCli(['predict', 'examples/lecture/mean-filter.yaml', '--data', 'examples/lecture/mean-filter-input.json', '--backend', backend]);
    expect(predicted.code, predicted.stderr).toBe(0);
    expect(compiled.stderr + predicted.stderr).not.toMatch(/tfjs-node|node backend/);
    expect(printed(s)).not.toMatch(/tfjs-node|node backend/);
    expect(printed(s)).toBe('');
  });
});
