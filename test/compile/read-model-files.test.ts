// Loading a model.json never reads outside its folder: weight paths must name regular files beside
// it (links resolved) with exactly the bytes the manifest implies; anything else is a diagnostic.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/compile/build-model.js';
import { loadModelFile, modelArtifacts, writeModelFiles } from '../../src/compile/model-files.js';
import { DiagnosticError } from '../../src/diagnostics/diagnostic.js';
import type { Tf } from '../../src/layers/types.js';
import { runCli } from '../cli/run-cli.js';
import { graphOf, SMALL_CNN } from './helpers.js';
import { testTf } from './tf-setup.js';

let tf: Tf;
const dir = mkdtempSync(join(tmpdir(), 'netspec-read-model-'));
const good = join(dir, 'good');
beforeAll(async () => {
  tf = await testTf();
  await writeModelFiles(tf, good, await modelArtifacts(tf, buildModel(tf, graphOf(SMALL_CNN)).model));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
/** A copy of the good model, changed by `edit` (which gets the folder and its parsed model.json). */
function variant(edit: (folder: string, json: { weightsManifest: { paths: string[] }[] }) => void): string {
  const folder = join(dir, `variant-${++counter}`);
  cpSync(good, folder, { recursive: true });
  const json = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8'));
  edit(folder, json);
  writeFileSync(join(folder, 'model.json'), JSON.stringify(json));
  return join(folder, 'model.json');
}

const SHARD = 'group1-shard1of1.bin';
describe('model.json weight paths', () => {
  it.each([
    [
      'a path up and out of the folder',
      (_: string, j: { weightsManifest: { paths: string[] }[] }) => (j.weightsManifest[0]!.paths = ['../../../../etc/passwd']),
      /weight path '\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd' is outside the model's folder/,
    ],
    [
      'an absolute path',
      (_: string, j: { weightsManifest: { paths: string[] }[] }) => (j.weightsManifest[0]!.paths = ['/etc/passwd']),
      /is outside the model's folder/,
    ],
    ['the folder itself', (_: string, j: { weightsManifest: { paths: string[] }[] }) => (j.weightsManifest[0]!.paths = ['.']), /is outside the model's folder/],
    [
      'a link inside the folder to a file outside',
      (f: string, j: { weightsManifest: { paths: string[] }[] }) => (symlinkSync('/etc/passwd', join(f, 'w.bin')), (j.weightsManifest[0]!.paths = ['w.bin'])),
      /'w\.bin' is outside the model's folder/,
    ],
    [
      'a directory',
      (f: string, j: { weightsManifest: { paths: string[] }[] }) => (mkdirSync(join(f, 'sub')), (j.weightsManifest[0]!.paths = ['sub'])),
      /'sub' is not a regular file/,
    ],
    [
      'a missing file',
      (_: string, j: { weightsManifest: { paths: string[] }[] }) => (j.weightsManifest[0]!.paths = ['gone.bin']),
      /'gone\.bin' cannot be read: no such file or directory \(ENOENT\)/,
    ],
    ['a truncated shard', (f: string) => truncateSync(join(f, SHARD), 100), /hold 100 bytes; the manifest's weights need exactly \d+/],
    [
      'a shard with bytes to spare',
      (f: string) => writeFileSync(join(f, SHARD), Buffer.concat([readFileSync(join(f, SHARD)), Buffer.alloc(4)])),
      /the manifest's weights need exactly/,
    ],
    [
      'a shard listed twice',
      (_: string, j: { weightsManifest: { paths: string[] }[] }) => j.weightsManifest[0]!.paths.push(SHARD),
      /the manifest's weights need exactly/,
    ],
  ])('refuses %s', async (_, edit, message) => {
    const err = await loadModelFile(tf, variant(edit)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DiagnosticError);
    expect((err as DiagnosticError).message).toMatch(message);
  });

  it.each([
    ['not JSON', 'model.json', '{"modelTopology":', /not valid JSON/],
    ['no topology', 'model.json', '{"weightsManifest": []}', /not a TensorFlow\.js layers model/],
  ])('refuses a model.json that is %s', async (_, name, text, message) => {
    const folder = join(dir, `bad-${++counter}`);
    mkdirSync(folder);
    writeFileSync(join(folder, name), text);
    await expect(loadModelFile(tf, join(folder, name))).rejects.toThrow(message);
  });

  it('loads the untouched model', async () => {
    expect((await loadModelFile(tf, join(good, 'model.json'))).countParams()).toBeGreaterThan(0);
  });

  it('predict on a model.json naming /etc/passwd: exit 1 with the diagnostic, not garbage', async () => {
    const json = variant((_, j) => (j.weightsManifest[0]!.paths = ['../../../../../../etc/passwd']));
    const data = join(dir, 'x.json');
    writeFileSync(data, JSON.stringify([Array.from({ length: 12 }, () => Array.from({ length: 12 }, () => [0, 0, 0]))]));
    const run = await runCli(['predict', json, '--data', data, '--backend', 'cpu']);
    expect(run.stderr).toMatch(/model\.json: error\[model-json\]: .*outside the model's folder/);
    expect(run.stdout).toBe('');
    expect(run.code).toBe(1);
  });
});

describe('compile refuses a model whose weights would not fit in memory', () => {
  it('9e8 parameters: refused up front with the bytes it would need and the limit', async () => {
    const spec = join(dir, 'huge.yaml');
    writeFileSync(spec, 'name: huge\ninput: [30000]\nlayers:\n  - dense: {units: 30000}\n');
    const started = Date.now();
    const run = await runCli(['compile', spec, '-o', join(dir, 'huge'), '--backend', 'cpu']);
    // 30000 × 30000 + 30000 parameters, 4 bytes each; 3,600,120,000 / 1024³ = 3.35 (Keras's readable_memory_size).
    expect(run.stderr).toMatch(
      /huge\.yaml:4:\d+: error\[model-too-large\]: the model has 900,030,000 parameters; its weights would need 3,600,120,000 bytes \(3\.35 GB\) of memory, more than netspec compiles \(limit 1,073,741,824 bytes or 1\.00 GB, 268,435,456 parameters\)/,
    );
    expect(run.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
