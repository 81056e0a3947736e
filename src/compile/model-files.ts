// The TensorFlow.js layers format on disk: model.json plus weight shards, written atomically
// (each file to a temporary name, then renamed; shards before model.json, so a model.json on disk
// always has its weights), and read back through an IOHandler for `tf.loadLayersModel`.
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { LayersModel, io } from '@tensorflow/tfjs';
import { UsageError } from '../cli/command.js';
import { writeFileAtomic } from '../cli/write-file.js';
import type { Tf } from '../layers/types.js';
import { registerCustomLayers } from './custom-layers.js';

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

export interface WriteOptions {
  force?: boolean;
  /** Called after each file is written: bytes so far and in all. */
  onProgress?(written: number, total: number): void;
  generatedBy?: string;
}

/** Writes `dir/model.json` and `dir/group1-shardNofM.bin`; refuses an existing model.json without force. */
export async function writeModelFiles(tf: Tf, dir: string, artifacts: io.ModelArtifacts, options: WriteOptions = {}): Promise<string[]> {
  const jsonPath = join(dir, MODEL_JSON);
  if (!options.force && existsSync(jsonPath)) throw new UsageError(`${jsonPath} already exists (use --force to overwrite)`);
  const previousShards = await shardPaths(jsonPath);
  const data = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? new ArrayBuffer(0)));
  const count = Math.max(1, Math.ceil(data.byteLength / SHARD_BYTES));
  const paths = Array.from({ length: count }, (_, i) => `group1-shard${i + 1}of${count}.bin`);
  let written = 0;
  for (const [i, path] of paths.entries()) {
    const shard = data.subarray(i * SHARD_BYTES, Math.min(data.byteLength, (i + 1) * SHARD_BYTES));
    await writeFileAtomic(join(dir, path), shard, { force: true });
    written += shard.byteLength;
    options.onProgress?.(written, data.byteLength);
  }
  const modelJson: io.ModelJSON = {
    format: 'layers-model',
    generatedBy: artifacts.generatedBy ?? 'TensorFlow.js',
    convertedBy: options.generatedBy ?? 'netspec',
    modelTopology: artifacts.modelTopology as object,
    weightsManifest: [{ paths, weights: artifacts.weightSpecs ?? [] }],
    ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
  };
  await writeFileAtomic(jsonPath, JSON.stringify(modelJson), { force: true });
  // Shards of an overwritten model that the new one does not use.
  for (const stale of previousShards.filter((p) => !paths.includes(p))) await rm(join(dir, stale), { force: true });
  return [...paths.map((p) => join(dir, p)), jsonPath];
}

async function shardPaths(jsonPath: string): Promise<string[]> {
  if (!existsSync(jsonPath)) return [];
  try {
    const json = JSON.parse(await readFile(jsonPath, 'utf8')) as io.ModelJSON;
    return json.weightsManifest.flatMap((group) => group.paths).filter((p) => !p.includes('/') && !p.includes('\\'));
  } catch {
    return [];
  }
}

/** An IOHandler reading model.json and its shards from the file system (tfjs-node is not available). */
export function fileLoadHandler(tf: Tf, jsonPath: string): io.IOHandler {
  return {
    async load() {
      const json = JSON.parse(await readFile(jsonPath, 'utf8')) as io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const specs = manifest.flatMap((group) => group.weights);
        const buffers = await Promise.all(
          manifest.flatMap((group) => group.paths).map(async (p) => {
            const bytes = await readFile(join(dirname(jsonPath), p));
            return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
          }),
        );
        return [specs, tf.io.CompositeArrayBuffer.join(buffers)];
      });
    },
  };
}

/** Loads a saved model (netspec's custom layers registered first). */
export async function loadModelFile(tf: Tf, jsonPath: string): Promise<LayersModel> {
  registerCustomLayers(tf);
  return tf.loadLayersModel(fileLoadHandler(tf, jsonPath));
}
