import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/compile/build-model.js';
import { registerCustomLayers } from '../../src/compile/custom-layers.js';
import { fileLoadHandler, loadModelFile, modelArtifacts, writeModelFiles } from '../../src/compile/model-files.js';
import type { Tf } from '../../src/layers/types.js';
import { graphOf, SMALL_CNN } from './helpers.js';
import { maxAbsDiff, testTf } from './tf-setup.js';

let tf: Tf;
const dir = mkdtempSync(join(tmpdir(), 'netspec-model-files-'));
beforeAll(async () => {
  tf = await testTf();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Tensor = ReturnType<Tf['tensor']>;
const predict = (model: { predict(x: Tensor): unknown }, x: Tensor) => tf.tidy(() => (model.predict(x) as Tensor).arraySync());

describe('model files', () => {
  it('round-trips through model.json and weight shards with tf.loadLayersModel', async () => {
    const { model } = buildModel(tf, graphOf(SMALL_CNN));
    const out = join(dir, 'small');
    const written = await writeModelFiles(tf, out, await modelArtifacts(tf, model));
    expect(written[written.length - 1]).toBe(join(out, 'model.json'));
    expect(readdirSync(out).sort()).toEqual(['.netspec-output', 'group1-shard1of1.bin', 'model.json']);
    const json = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
    expect(json.format).toBe('layers-model');
    const loaded = await tf.loadLayersModel(fileLoadHandler(tf, join(out, 'model.json')));
    expect(loaded.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
    const x = tf.randomNormal([2, 12, 12, 3]);
    expect(maxAbsDiff(predict(loaded, x), predict(model, x))).toBe(0);
  });

  it('refuses a non-empty folder without force, replaces its own with force, and leaves no temporary files', async () => {
    const { model } = buildModel(tf, graphOf(SMALL_CNN));
    const out = join(dir, 'twice');
    await writeModelFiles(tf, out, await modelArtifacts(tf, model));
    await expect(writeModelFiles(tf, out, await modelArtifacts(tf, model))).rejects.toThrow(/not empty/);
    await writeModelFiles(tf, out, await modelArtifacts(tf, model), { force: true });
    expect(readdirSync(out).sort()).toEqual(['.netspec-output', 'group1-shard1of1.bin', 'model.json']);
    expect(readdirSync(dir).filter((f) => f.includes('netspec-'))).toEqual([]);
  });

  it('removes shards an overwritten model no longer uses', async () => {
    const out = join(dir, 'stale');
    const input = tf.input({ shape: [1100] });
    const big = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 1000 }).apply(input) as never });
    await writeModelFiles(tf, out, await modelArtifacts(tf, big));
    expect(existsSync(join(out, 'group1-shard2of2.bin'))).toBe(true);
    const { model } = buildModel(tf, graphOf(SMALL_CNN));
    await writeModelFiles(tf, out, await modelArtifacts(tf, model), { force: true });
    expect(readdirSync(out).sort()).toEqual(['.netspec-output', 'group1-shard1of1.bin', 'model.json']);
  });

  it('splits large weights into 4 MiB shards, written before model.json', async () => {
    const input = tf.input({ shape: [1100] });
    const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 1000 }).apply(input) as never });
    const progress: number[] = [];
    // What is on disk each time a file is done: the write order itself, not the order of a list.
    const onDisk: string[][] = [];
    const inTemporaryFolder = (): string[] =>
      readdirSync(dir)
        .filter((name) => name.startsWith('.big'))
        .flatMap((temp) => readdirSync(join(dir, temp)).filter((f) => !f.startsWith('.')))
        .sort();
    const onProgress = (bytes: number) => (progress.push(bytes), onDisk.push(inTemporaryFolder()));
    const written = await writeModelFiles(tf, join(dir, 'big'), await modelArtifacts(tf, model), { onProgress });
    expect(onDisk).toEqual([
      ['group1-shard1of2.bin'],
      ['group1-shard1of2.bin', 'group1-shard2of2.bin'],
      ['group1-shard1of2.bin', 'group1-shard2of2.bin', 'model.json'],
    ]);
    expect(written.map((p) => p.split('/').pop())).toEqual(['group1-shard1of2.bin', 'group1-shard2of2.bin', 'model.json']);
    // Bytes after each file: the two shards, then model.json.
    expect(progress.slice(0, 2)).toEqual([4 * 1024 * 1024, (1100 * 1000 + 1000) * 4]);
    expect(progress).toHaveLength(3);
    const loaded = await loadModelFile(tf, join(dir, 'big', 'model.json'));
    expect(loaded.countParams()).toBe(1100 * 1000 + 1000);
  });

  it('round-trips custom layers once netspec has registered them', async () => {
    const custom = registerCustomLayers(tf);
    const input = tf.input({ shape: [7, 7, 3] });
    const conv = new custom.NetspecConv({
      rank: 2,
      filters: 6,
      kernelSize: [3, 3],
      strides: [1, 1],
      padding: 'valid',
      dilationRate: [1, 1],
      groups: 3,
      activation: 'netspecHardSwish',
      useBias: true,
      name: 'grouped',
    });
    const up = new custom.NetspecConvTranspose({
      rank: 2,
      filters: 2,
      kernelSize: [3, 3],
      strides: [2, 2],
      padding: 'same',
      dilationRate: [1, 1],
      outputPadding: [1, 1],
      activation: null,
      useBias: true,
      name: 'up',
    });
    const model = tf.model({ inputs: input, outputs: up.apply(conv.apply(input)) as never });
    expect(model.countParams()).toBe(60 + (9 * 2 * 6 + 2));
    await writeModelFiles(tf, join(dir, 'custom'), await modelArtifacts(tf, model));
    const loaded = await loadModelFile(tf, join(dir, 'custom', 'model.json'));
    const x = tf.randomNormal([2, 7, 7, 3]);
    expect(maxAbsDiff(predict(loaded, x), predict(model, x))).toBe(0);
    expect(loaded.getLayer('grouped').getConfig().activation).toBe('netspecHardSwish');
  });
});
