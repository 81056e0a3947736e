// The differential check shared by the tests and the benchmark: build, compare with the IR, run.
import { buildModel } from '../../src/compile/build-model.js';
import { compareWithIR } from '../../src/compile/verify.js';
import type { IRGraph } from '../../src/ir/types.js';
import type { Tf } from '../../src/layers/types.js';

/** Builds, compares with the IR, and runs a random batch; returns what went wrong, if anything. */
export function differential(tf: Tf, graph: IRGraph, batch: number, embeddingInputDim?: number): string[] {
  return tf.tidy(() => {
    const compiled = buildModel(tf, graph);
    const problems = compareWithIR(graph, compiled).map((m) => `${m.node}: ${m.what} IR ${m.ir} ≠ tfjs ${m.tfjs}`);
    if (compiled.model.countParams() !== graph.totals.params) problems.push(`total params IR ${graph.totals.params} ≠ tfjs ${compiled.model.countParams()}`);
    const inputs = graph.inputs.map((ref) => {
      const shape = [batch, ...(ref.shape as number[])];
      return embeddingInputDim ? tf.randomUniformInt(shape, 0, embeddingInputDim) : tf.randomNormal(shape);
    });
    const outputs = compiled.model.predict(inputs.length === 1 ? inputs[0]! : inputs);
    for (const [i, out] of (Array.isArray(outputs) ? outputs : [outputs]).entries()) {
      const expected = JSON.stringify([batch, ...graph.outputs[i]!.shape]);
      if (JSON.stringify(out.shape) !== expected) problems.push(`output ${i}: shape ${JSON.stringify(out.shape)} ≠ ${expected}`);
      if (!(out.dataSync() as Float32Array).every(Number.isFinite)) problems.push(`output ${i}: non-finite values`);
    }
    compiled.model.dispose();
    return problems;
  });
}
