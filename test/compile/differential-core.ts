// The differential check shared by the tests and the benchmark: build, compare with the IR, run.
import { buildModel } from '../../src/compile/build-model.js';
import { DiagnosticError } from '../../src/diagnostics/diagnostic.js';
import { compareWithIR } from '../../src/compile/verify.js';
import type { IRGraph } from '../../src/ir/types.js';
import type { Tf } from '../../src/layers/types.js';

/** A spec compile refuses, with its diagnostic (the random differential checks these are known refusals). */
export class Refused {
  constructor(readonly message: string) {}
}

/**
 * The refusals a random spec may meet: masks Keras applies where TensorFlow.js cannot, or does not
 * apply where tfjs would (src/compile/keras-masks.ts), masks into ConvLSTM, which Keras fails to run, and
 * tensors of more axes than tfjs computes.
 */
const KNOWN_REFUSALS = [
  /the mask from '[^']+' has one value per position .* Keras fails when it runs this model/,
  /TensorFlow\.js cannot apply the mask from/,
  /Keras applies the mask from '[^']+' here, and netspec's TensorFlow\.js build of \w+ does not/,
  /Keras gives it no mask .* but TensorFlow\.js would still apply that mask here/,
  /a second mask in use/,
  /passes the merge '[^']+', which TensorFlow\.js combines differently from Keras/,
  // Dot on rank-4 inputs makes rank-7 tensors (with the batch).
  /a tensor of \d+ axes with the batch, and TensorFlow\.js computes at most 6/,
];

/** The problems of a result: a refusal that is not a known one is a problem too. */
export function problemsOf(result: string[] | Refused): string[] {
  if (!(result instanceof Refused)) return result;
  return KNOWN_REFUSALS.some((known) => known.test(result.message)) ? [] : [`refused: ${result.message}`];
}

/** Builds, compares with the IR, and runs a random batch; returns what went wrong, if anything, or the refusal. */
export function differential(tf: Tf, graph: IRGraph, batch: number, embeddingInputDim?: number): string[] | Refused {
  try {
    return run(tf, graph, batch, embeddingInputDim);
  } catch (err) {
    if (err instanceof DiagnosticError) return new Refused(err.message);
    throw err;
  }
}

function run(tf: Tf, graph: IRGraph, batch: number, embeddingInputDim?: number): string[] {
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
