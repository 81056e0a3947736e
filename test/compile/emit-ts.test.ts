import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/compile/build-model.js';
import { registerCustomLayers } from '../../src/compile/custom-layers.js';
import { emitTypeScript } from '../../src/compile/emit-ts.js';
import type { Tf } from '../../src/layers/types.js';
import { analyzeFile } from '../../src/index.js';
import { graphOf, SMALL_CNN } from './helpers.js';
import { maxAbsDiff, testTf } from './tf-setup.js';

let tf: Tf;
// Inside the repository, so the emitted module resolves @tensorflow/tfjs as the test does.
const dir = mkdtempSync(join(import.meta.dirname, '.emit-'));
const customImport = new URL('../../src/compile/custom-layers.ts', import.meta.url).pathname;
beforeAll(async () => {
  tf = await testTf();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Tensor = ReturnType<Tf['tensor']>;
type LayersModel = ReturnType<Tf['model']>;

async function runEmitted(source: string, file: string): Promise<LayersModel> {
  const path = join(dir, file);
  writeFileSync(path, source);
  const module = (await import(path)) as { buildModel(): LayersModel };
  return module.buildModel();
}

describe('emitTypeScript', () => {
  it('writes tf.layers calls that rebuild the same model', async () => {
    const { model } = buildModel(tf, graphOf(SMALL_CNN));
    const source = emitTypeScript(tf, model, registerCustomLayers(tf), { source: 'small-cnn.yaml' });
    // Keras's glorot_uniform kernel, spelled out: tfjs's Conv2D and Dense default to glorotNormal.
    expect(source).toContain(
      "const stem = tf.layers.conv2d({ name: 'stem', filters: 8, kernelInitializer: tf.initializers.varianceScaling({ scale: 1, mode: 'fanAvg', distribution: 'uniform' }), kernelSize: [3, 3] }).apply(input_layer)",
    );
    expect(source).not.toContain('kernelRegularizer');
    const rebuilt = await runEmitted(source, 'small.ts');
    expect(rebuilt.layers.map((l) => [l.name, l.getClassName(), l.outputShape])).toEqual(model.layers.map((l) => [l.name, l.getClassName(), l.outputShape]));
    expect(rebuilt.layers.map((l) => l.getConfig())).toEqual(model.layers.map((l) => l.getConfig()));
    rebuilt.setWeights(model.getWeights());
    const x = tf.randomNormal([2, 12, 12, 3]);
    const predict = (m: LayersModel) => tf.tidy(() => (m.predict(x) as Tensor).arraySync());
    expect(maxAbsDiff(predict(rebuilt), predict(model))).toBe(0);
  });

  it('makes a shared layer once and calls it on each input (use:)', async () => {
    const graph = analyzeFile(join(import.meta.dirname, '../fixtures/shared/two-views.yaml')).graph!;
    const { model } = buildModel(tf, graph);
    const source = emitTypeScript(tf, model, registerCustomLayers(tf));
    expect(source).toContain(
      "const big_head = tf.layers.dense({ name: 'big_head', units: 4, kernelInitializer: tf.initializers.varianceScaling({ scale: 1, mode: 'fanAvg', distribution: 'uniform' }) });",
    );
    expect(source).toContain('const big_head_call1 = big_head.apply(big_features_global_average_pooling2d_call1) as tf.SymbolicTensor;');
    const rebuilt = await runEmitted(source, 'shared.ts');
    expect(rebuilt.countParams()).toBe(1484);
    expect(rebuilt.getLayer('big_head').inboundNodes.length).toBe(2);
    rebuilt.setWeights(model.getWeights());
    const xs = [tf.randomNormal([1, 32, 32, 3]), tf.randomNormal([1, 16, 16, 3])];
    const predict = (m: LayersModel) => tf.tidy(() => (m.predict(xs) as Tensor).arraySync());
    expect(maxAbsDiff(predict(rebuilt), predict(model))).toBe(0);
  });

  it('constructs netspec custom layers through registerCustomLayers', async () => {
    const custom = registerCustomLayers(tf);
    const input = tf.input({ shape: [7, 7, 3], name: 'image' });
    const conv = new custom.NetspecConv({
      rank: 2,
      filters: 6,
      kernelSize: [3, 3],
      strides: [1, 1],
      padding: 'valid',
      dilationRate: [1, 1],
      groups: 3,
      activation: null,
      useBias: true,
      name: 'grouped.conv',
    });
    const model = tf.model({ name: 'custom', inputs: input, outputs: conv.apply(input) as never });
    const source = emitTypeScript(tf, model, custom, { customImport });
    expect(source).toContain('new custom.NetspecConv({');
    const rebuilt = await runEmitted(source, 'custom.ts');
    expect(rebuilt.countParams()).toBe(60);
    rebuilt.setWeights(model.getWeights());
    const x = tf.randomNormal([1, 7, 7, 3]);
    expect(
      maxAbsDiff(
        tf.tidy(() => (rebuilt.predict(x) as Tensor).arraySync()),
        tf.tidy(() => (model.predict(x) as Tensor).arraySync()),
      ),
    ).toBe(0);
  });

  it.each([
    ['examples/sequence/ecg-bilstm.yaml', [1, 187, 1], "tf.layers.bidirectional({ name: 'bilstm1', layer: tf.layers.lstm({"],
    ['examples/sequence/echo-video-cnn-lstm.yaml', [1, 16, 64, 64, 1], "tf.layers.timeDistributed({ name: 'time_distributed', layer: tf.layers.conv2d({"],
  ] as const)('writes a wrapper with its wrapped layer inline (%s)', async (file, shape, expected) => {
    const { model } = buildModel(tf, analyzeFile(join(import.meta.dirname, '../..', file)).graph!);
    const source = emitTypeScript(tf, model, registerCustomLayers(tf), { customImport });
    expect(source).toContain(expected);
    const rebuilt = await runEmitted(source, `${file.replace(/\W/g, '_')}.ts`);
    expect(rebuilt.countParams()).toBe(model.countParams());
    rebuilt.setWeights(model.getWeights());
    const x = tf.randomNormal([...shape]);
    expect(
      maxAbsDiff(
        tf.tidy(() => (rebuilt.predict(x) as Tensor).arraySync()),
        tf.tidy(() => (model.predict(x) as Tensor).arraySync()),
      ),
    ).toBeLessThan(1e-6);
  });

  it('destructures the outputs of a layer with several and passes initial states as inputs', async () => {
    const { model } = buildModel(
      tf,
      graphOf(
        "inputs: {x: [6, 3], y: [5, 2]}\nlayers:\n  - {lstm: {units: 4, return_state: true}, name: enc, inputs: [x]}\n  - {lstm: {units: 4, return_sequences: true}, name: dec, inputs: [y, 'enc[1]', 'enc[2]']}\n  - {bidirectional: {layer: 'GRU(3, return_state=True)', merge_mode: null}, name: bi}\noutputs: [bi, 'enc[2]']\n",
      ),
    );
    const source = emitTypeScript(tf, model, registerCustomLayers(tf), { customImport });
    expect(source).toContain('  const [enc, enc_1, enc_2] = tf.layers.lstm({');
    expect(source).toContain('.apply([y, enc_1, enc_2]) as tf.SymbolicTensor;');
    expect(source).toContain('outputs: [bi, bi_1, bi_2, bi_3, enc_2] });');
    const rebuilt = await runEmitted(source, 'states.ts');
    rebuilt.setWeights(model.getWeights());
    const inputs = [tf.randomNormal([2, 6, 3]), tf.randomNormal([2, 5, 2])];
    const predict = (m: typeof model) => tf.tidy(() => [m.predict(inputs) as Tensor[]].flat().map((t) => t.arraySync()));
    expect(maxAbsDiff(predict(rebuilt), predict(model))).toBeLessThan(1e-6);
  });

  it('writes the GRU netspec builds for reset_after=True inside Bidirectional', async () => {
    const { model } = buildModel(tf, graphOf('input: [6, 3]\nlayers:\n  - Bidirectional(GRU(4), merge_mode="sum")\n'));
    const source = emitTypeScript(tf, model, registerCustomLayers(tf), { customImport });
    expect(source).toContain('layer: new custom.NetspecGRU({');
    const rebuilt = await runEmitted(source, 'bigru.ts');
    rebuilt.setWeights(model.getWeights());
    const x = tf.randomNormal([2, 6, 3]);
    expect(
      maxAbsDiff(
        tf.tidy(() => (rebuilt.predict(x) as Tensor).arraySync()),
        tf.tidy(() => (model.predict(x) as Tensor).arraySync()),
      ),
    ).toBeLessThan(1e-6);
  });
});
