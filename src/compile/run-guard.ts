// A model that builds can still fail when it runs, inside a TensorFlow.js kernel ("batchNormalization
// is not implemented for array of rank 6 yet"). The compiler refuses every case it knows of at the
// step; anything left is turned here into a diagnostic naming the layer, found by running the
// model's prefix up to each layer in turn (only after a failure, so it costs nothing otherwise).
import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import { DiagnosticError } from '../diagnostics/diagnostic.js';
import type { Tf } from '../layers/types.js';

/** Beyond this many layers the search would run the model hundreds of times: the failure is reported without the layer. */
const MAX_LAYERS_SEARCHED = 300;

/** `model.predict(x)`; a failure inside tfjs is a `compile` diagnostic (about `file`) naming the first layer that fails. */
export function predictNamingFailures(tf: Tf, model: LayersModel, x: Tensor | Tensor[], file?: string): Tensor | Tensor[] {
  try {
    return model.predict(x);
  } catch (err) {
    if (!(err instanceof Error) || err instanceof DiagnosticError) throw err;
    const layer = model.layers.length <= MAX_LAYERS_SEARCHED ? firstFailingLayer(tf, model, x) : undefined;
    const where = layer ? `layer '${layer.name}' (${layer.getClassName()})` : 'the model';
    throw new DiagnosticError(
      'compile',
      `TensorFlow.js cannot run ${where}: ${err.message.split('\n')[0]}`,
      file === undefined ? undefined : { file },
      'netspec refuses the cases it knows of when it compiles; please report this one with the spec',
    );
  }
}

type Layer = LayersModel['layers'][number];

function firstFailingLayer(tf: Tf, model: LayersModel, x: Tensor | Tensor[]): Layer | undefined {
  for (const layer of model.layers) {
    if (layer.getClassName() === 'InputLayer') continue;
    let prefix: LayersModel;
    try {
      // A layer called more than once (shared) has no single output: its first call stands for it.
      prefix = tf.model({ inputs: model.inputs, outputs: layer.getOutputAt(0) as ReturnType<Tf['input']> });
    } catch {
      continue;
    }
    try {
      tf.dispose(prefix.predict(x));
    } catch {
      return layer;
    }
  }
  return undefined;
}
