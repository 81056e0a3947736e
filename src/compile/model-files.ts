// The TensorFlow.js layers format on disk: model.json plus weight shards, written as one folder
// that replaces a previous compile's as a whole (see output-folder.ts), and read back through an
// IOHandler for `tf.loadLayersModel` that keeps every weight path inside the model's folder.
import type { LayersModel, io } from '@tensorflow/tfjs';
import { DiagnosticError } from '../diagnostics/diagnostic.js';
import type { Tf } from '../layers/types.js';
import { registerCustomLayers } from './custom-layers.js';
import { writeOutputFolder, type FolderOptions } from './output-folder.js';
import { readModelJson, readWeightFiles } from './read-model-files.js';

/** tfjs's converter writes 4 MiB shards; browsers cache them well. */
const SHARD_BYTES = 4 * 1024 * 1024;

export const MODEL_JSON = 'model.json';

/** Topology and weights of a model, as its save handler receives them. */
export async function modelArtifacts(tf: Tf, model: LayersModel): Promise<io.ModelArtifacts> {
  let captured: io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return captured!;
}

export interface WriteOptions extends FolderOptions {
  generatedBy?: string;
}

/**
 * Writes `dir/model.json` and `dir/group1-shardNofM.bin` as the folder's whole content: refuses a
 * non-empty folder without force, and with force one that holds anything netspec did not write.
 */
export async function writeModelFiles(tf: Tf, dir: string, artifacts: io.ModelArtifacts, options: WriteOptions = {}): Promise<string[]> {
  const data = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? new ArrayBuffer(0)));
  const count = Math.max(1, Math.ceil(data.byteLength / SHARD_BYTES));
  const paths = Array.from({ length: count }, (_, i) => `group1-shard${i + 1}of${count}.bin`);
  const shards = paths.map((name, i) => ({ name, data: data.subarray(i * SHARD_BYTES, Math.min(data.byteLength, (i + 1) * SHARD_BYTES)) }));
  const modelJson: io.ModelJSON = {
    format: 'layers-model',
    generatedBy: artifacts.generatedBy ?? 'TensorFlow.js',
    convertedBy: options.generatedBy ?? 'netspec',
    modelTopology: artifacts.modelTopology as object,
    weightsManifest: [{ paths, weights: artifacts.weightSpecs ?? [] }],
    ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
  };
  // Shards before model.json, so even inside the temporary folder a model.json has its weights.
  return writeOutputFolder(dir, [...shards, { name: MODEL_JSON, data: JSON.stringify(modelJson) }], options);
}

/** An IOHandler reading model.json and its shards from the file system (tfjs-node is not available). */
export function fileLoadHandler(tf: Tf, jsonPath: string): io.IOHandler {
  return {
    async load() {
      const json = await readModelJson(jsonPath);
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const specs = manifest.flatMap((group) => group.weights);
        const buffers = await readWeightFiles(jsonPath, manifest);
        return [specs, tf.io.CompositeArrayBuffer.join(buffers)];
      });
    },
  };
}

/** Loads a saved model (netspec's custom layers registered first). */
export async function loadModelFile(tf: Tf, jsonPath: string): Promise<LayersModel> {
  registerCustomLayers(tf);
  try {
    return await tf.loadLayersModel(fileLoadHandler(tf, jsonPath));
  } catch (err) {
    if (err instanceof DiagnosticError) throw err;
    throw new DiagnosticError(
      'model-json',
      `${jsonPath}: TensorFlow.js cannot load this model (${(err as Error).message})`,
      { file: jsonPath },
      'give a model.json that netspec compile (or the TensorFlow.js converter) wrote',
    );
  }
}
