// model.json export, loaded on demand in its own chunk: TensorFlow.js (cpu backend) builds the
// model with the compiler's IR → tf.LayersModel builder, and the page gets model.json plus one
// weights file, the layout `netspec compile` writes and `tf.loadLayersModel` reads.
import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../../compile/build-model.js';
import type { IRGraph } from '../../ir/types.js';

export interface ModelFiles {
  modelJson: string;
  weights: ArrayBuffer;
  weightsName: string;
}

export async function exportModel(graph: IRGraph): Promise<ModelFiles> {
  await tf.setBackend('cpu');
  await tf.ready();
  const { model } = buildModel(tf, graph);
  try {
    let artifacts: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (captured) => {
        artifacts = captured;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const weightsName = 'group1-shard1of1.bin';
    const modelJson: tf.io.ModelJSON = {
      format: 'layers-model',
      generatedBy: artifacts!.generatedBy ?? 'TensorFlow.js',
      convertedBy: 'netspec serve',
      modelTopology: artifacts!.modelTopology as object,
      weightsManifest: [{ paths: [weightsName], weights: artifacts!.weightSpecs ?? [] }],
    };
    const weights = tf.io.CompositeArrayBuffer.join(artifacts!.weightData ?? new ArrayBuffer(0));
    return { modelJson: JSON.stringify(modelJson), weights, weightsName };
  } finally {
    model.dispose();
  }
}
