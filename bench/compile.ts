// Compile benchmark (`npm run bench`, or `npx tsx bench/compile.ts`):
// - ResNet-50 compiled from a spec vs the same network written by hand with tf.layers, same backend
//   (target: compiled/hand-written inference time ≤ 1.05);
// - wasm vs cpu speed-up; achieved GFLOP/s (2 × MACs / time); build time;
// - the differential test on a larger set of random specs than `npm test` runs.
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { loadTf } from '../src/compile/backend.js';
import { buildModel } from '../src/compile/build-model.js';
import { analyzeText } from '../src/index.js';
import type { IRGraph } from '../src/ir/types.js';
import type { SymbolicTensor, Tf } from '../src/layers/types.js';
import { differential, problemsOf } from '../test/compile/differential-core.js';
import { planArbitrary, planToSpec } from '../test/compile/random-spec.js';
import { formatCompact, formatCount, formatSeconds } from '../src/format/format.js';

type LayersModel = ReturnType<Tf['model']>;
type Tensor = ReturnType<Tf['tensor']>;

/** Keras's ResNet50 (keras.applications, include_top, 1000 classes) as a netspec spec. */
export const RESNET50_SPEC = `
name: resnet50
input: [224, 224, 3]
blocks:
  bottleneck:
    params: {filters: 64, strides: 1, project: false}
    layers:
      - residual:
          body:
            - conv2d: {filters: filters, kernel_size: 1, strides: strides}
            - batch_normalization: {epsilon: 1.001e-5}
            - relu
            - conv2d: {filters: filters, kernel_size: 3, padding: same}
            - batch_normalization: {epsilon: 1.001e-5}
            - relu
            - conv2d: {filters: 4 * filters, kernel_size: 1}
            - batch_normalization: {epsilon: 1.001e-5}
          shortcut:
            - {conv2d: {filters: 4 * filters, kernel_size: 1, strides: strides}, when: project}
            - {batch_normalization: {epsilon: 1.001e-5}, when: project}
          activation: relu
layers:
  - zero_padding2d: {padding: 3}
  - conv2d: {filters: 64, kernel_size: 7, strides: 2}
  - batch_normalization: {epsilon: 1.001e-5}
  - relu
  - zero_padding2d: {padding: 1}
  - max_pooling2d: {pool_size: 3, strides: 2}
  - {bottleneck: {filters: 64, strides: 1, project: "i == 0"}, repeat: 3}
  - {bottleneck: {filters: 128, strides: "2 if i == 0 else 1", project: "i == 0"}, repeat: 4}
  - {bottleneck: {filters: 256, strides: "2 if i == 0 else 1", project: "i == 0"}, repeat: 6}
  - {bottleneck: {filters: 512, strides: "2 if i == 0 else 1", project: "i == 0"}, repeat: 3}
  - global_average_pooling2d
  - dense: {units: 1000, activation: softmax}
`;

function resnetGraph(): IRGraph {
  const text = existsSync('specs/resnet50.yaml') ? readFileSync('specs/resnet50.yaml', 'utf8') : RESNET50_SPEC;
  const result = analyzeText(text, { file: 'resnet50.yaml' });
  if (!result.graph) throw new Error(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n'));
  return result.graph;
}

/** The same network written directly with tf.layers, as a tfjs user would. */
export function handWrittenResNet50(tf: Tf): LayersModel {
  const bn = (x: SymbolicTensor) => tf.layers.batchNormalization({ epsilon: 1.001e-5 }).apply(x) as SymbolicTensor;
  const relu = (x: SymbolicTensor) => tf.layers.activation({ activation: 'relu' }).apply(x) as SymbolicTensor;
  const conv = (x: SymbolicTensor, filters: number, kernelSize: number, strides = 1, padding: 'valid' | 'same' = 'valid') =>
    tf.layers.conv2d({ filters, kernelSize, strides, padding, kernelInitializer: 'glorotUniform' }).apply(x) as SymbolicTensor;
  const block = (x: SymbolicTensor, filters: number, strides: number, project: boolean) => {
    const shortcut = project ? bn(conv(x, 4 * filters, 1, strides)) : x;
    let y = relu(bn(conv(x, filters, 1, strides)));
    y = relu(bn(conv(y, filters, 3, 1, 'same')));
    y = bn(conv(y, 4 * filters, 1));
    return relu(tf.layers.add().apply([shortcut, y]) as SymbolicTensor);
  };
  const input = tf.input({ shape: [224, 224, 3] });
  let x = tf.layers.zeroPadding2d({ padding: 3 }).apply(input) as SymbolicTensor;
  x = relu(bn(conv(x, 64, 7, 2)));
  x = tf.layers.zeroPadding2d({ padding: 1 }).apply(x) as SymbolicTensor;
  x = tf.layers.maxPooling2d({ poolSize: 3, strides: 2 }).apply(x) as SymbolicTensor;
  for (const [filters, blocks, stride] of [
    [64, 3, 1],
    [128, 4, 2],
    [256, 6, 2],
    [512, 3, 2],
  ] as const) {
    for (let i = 0; i < blocks; i++) x = block(x, filters, i === 0 ? stride : 1, i === 0);
  }
  x = tf.layers.globalAveragePooling2d({}).apply(x) as SymbolicTensor;
  x = tf.layers.dense({ units: 1000, activation: 'softmax' }).apply(x) as SymbolicTensor;
  return tf.model({ inputs: input, outputs: x });
}

/** Median seconds per batch-1 inference after warm-up. */
async function timeInference(tf: Tf, model: LayersModel, runs: number): Promise<number> {
  const x = tf.randomNormal([1, 224, 224, 3]);
  const once = async () => {
    const start = performance.now();
    const y = model.predict(x) as Tensor;
    await y.data();
    y.dispose();
    return (performance.now() - start) / 1000;
  };
  await once();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await once());
  x.dispose();
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

export async function benchCompile(options: { runs?: number; randomSpecs?: number; cpu?: boolean } = {}): Promise<void> {
  const runs = options.runs ?? 7;
  const { tf, backend } = await loadTf({ notice: (line) => console.error(line) });
  const graph = resnetGraph();
  console.log(`ResNet-50 from spec: ${formatCount(graph.totals.params)} parameters (Keras: 25,636,712), ${formatCompact(graph.totals.macs)} MACs`);

  let start = performance.now();
  const compiled = buildModel(tf, graph).model;
  const buildSeconds = (performance.now() - start) / 1000;
  start = performance.now();
  const hand = handWrittenResNet50(tf);
  const handBuildSeconds = (performance.now() - start) / 1000;
  console.log(`build: compiled ${formatSeconds(buildSeconds * 1000)}, hand-written ${formatSeconds(handBuildSeconds * 1000)}`);

  // Interleave the two so that machine load affects both alike.
  const compiledTimes: number[] = [];
  const handTimes: number[] = [];
  for (let round = 0; round < 3; round++) {
    compiledTimes.push(await timeInference(tf, compiled, runs));
    handTimes.push(await timeInference(tf, hand, runs));
  }
  const tCompiled = Math.min(...compiledTimes);
  const tHand = Math.min(...handTimes);
  const gflops = (seconds: number) => ((2 * graph.totals.macs) / seconds / 1e9).toFixed(1);
  console.log(
    `${backend}: compiled ${(tCompiled * 1000).toFixed(0)} ms, hand-written ${(tHand * 1000).toFixed(0)} ms, ratio ${(tCompiled / tHand).toFixed(3)} (target ≤ 1.05)`,
  );
  console.log(`${backend}: ${gflops(tCompiled)} GFLOP/s achieved (2 × MACs / time)`);

  if (options.cpu !== false && backend === 'wasm') {
    const weights = compiled.getWeights().map((w) => w.dataSync().slice());
    const shapes = compiled.getWeights().map((w) => w.shape);
    await tf.setBackend('cpu');
    const onCpu = buildModel(tf, graph).model;
    onCpu.setWeights(weights.map((w, i) => tf.tensor(w, shapes[i])));
    const tCpu = await timeInference(tf, onCpu, 1);
    console.log(`cpu: ${(tCpu * 1000).toFixed(0)} ms, ${gflops(tCpu)} GFLOP/s; wasm speed-up ×${(tCpu / tCompiled).toFixed(1)}`);
    onCpu.dispose();
    await tf.setBackend('wasm');
  }
  compiled.dispose();
  hand.dispose();

  const count = options.randomSpecs ?? 2000;
  start = performance.now();
  let failures = 0;
  for (const plan of fc.sample(planArbitrary, { numRuns: count, seed: Date.now() })) {
    const spec = planToSpec(plan);
    let problems: string[];
    try {
      problems = problemsOf(differential(tf, spec.graph, 2, spec.embeddingInputDim));
    } catch (err) {
      problems = [(err as Error).message.split('\n')[0]!];
    }
    if (problems.length > 0 && failures++ < 5) console.log(`differential failure:\n${problems.join('\n')}\n${spec.text}`);
  }
  console.log(`differential: ${count} random specs, ${failures} failing, ${formatSeconds(performance.now() - start)}`);
  if (failures > 0) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 2000);
  await benchCompile({ randomSpecs: count });
}
