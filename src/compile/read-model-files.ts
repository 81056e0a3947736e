// Reading a model.json and its weight files without trusting them: the JSON is size-capped, and every
// weight path must name a regular file inside the model's folder (links resolved), with exactly the
// bytes the manifest's weights imply. Anything else is a diagnostic, never bytes read as weights.
import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { io } from '@tensorflow/tfjs';
import { DiagnosticError } from '../diagnostics/diagnostic.js';
import { systemReason } from '../diagnostics/io-error.js';

/** Far above any real topology (NASNetLarge's is a few MB). */
const MAX_MODEL_JSON_BYTES = 256 * 1024 * 1024;

const BYTES_PER_VALUE: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8, uint8: 1, uint16: 2, float16: 2 };

const fail = (jsonPath: string, message: string, help?: string): never => {
  throw new DiagnosticError('model-json', `${jsonPath}: ${message}`, { file: jsonPath }, help);
};

export async function readModelJson(jsonPath: string): Promise<io.ModelJSON> {
  const stats = await stat(jsonPath).catch((err: unknown) => fail(jsonPath, `cannot read the file: ${systemReason(err)}`));
  if (!stats.isFile()) fail(jsonPath, 'not a regular file');
  if (stats.size > MAX_MODEL_JSON_BYTES) fail(jsonPath, `${stats.size} bytes, more than a model.json can sensibly be (limit ${MAX_MODEL_JSON_BYTES})`);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(jsonPath, 'utf8'));
  } catch (err) {
    fail(jsonPath, `not valid JSON (${systemReason(err)})`);
  }
  const model = json as Partial<io.ModelJSON> | null;
  if (typeof model !== 'object' || model === null || typeof model.modelTopology !== 'object' || model.modelTopology === null) {
    fail(jsonPath, 'not a TensorFlow.js layers model (no modelTopology)', 'give the model.json that netspec compile wrote');
  }
  if (model!.weightsManifest !== undefined && !Array.isArray(model!.weightsManifest)) fail(jsonPath, 'weightsManifest must be a list of groups');
  return model as io.ModelJSON;
}

/** The bytes a manifest group's weights occupy. */
function groupBytes(jsonPath: string, group: io.WeightsManifestConfig[number]): number {
  if (!Array.isArray(group.weights)) fail(jsonPath, 'a weightsManifest group has no weights list');
  return group.weights.reduce((sum, w) => {
    const dtype = w.quantization?.dtype ?? w.dtype;
    const size = BYTES_PER_VALUE[dtype];
    if (size === undefined) fail(jsonPath, `weight '${String(w.name)}' has dtype '${String(dtype)}', which netspec cannot size`);
    if (!Array.isArray(w.shape) || !w.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) fail(jsonPath, `weight '${String(w.name)}' has no valid shape`);
    return sum + w.shape.reduce((p, d) => p * d, 1) * size!;
  }, 0);
}

/** Every group's files, checked, in manifest order. */
export async function readWeightFiles(jsonPath: string, manifest: io.WeightsManifestConfig): Promise<ArrayBuffer[]> {
  const folder = await realpath(dirname(resolve(jsonPath)));
  const buffers: ArrayBuffer[] = [];
  for (const group of manifest) {
    if (!Array.isArray(group.paths) || !group.paths.every((p) => typeof p === 'string')) fail(jsonPath, 'a weightsManifest group has no list of paths');
    const expected = groupBytes(jsonPath, group);
    const files = await Promise.all(group.paths.map((p) => confinedFile(jsonPath, folder, p)));
    const actual = files.reduce((sum, f) => sum + f.size, 0);
    if (actual !== expected) {
      fail(
        jsonPath,
        `the weight files ${group.paths.join(', ')} hold ${actual} bytes; the manifest's weights need exactly ${expected}`,
        'the folder mixes files of different models or a file is truncated: compile the model again',
      );
    }
    for (const file of files) {
      const bytes = await readFile(file.path);
      if (bytes.byteLength !== file.size) fail(jsonPath, `weight file '${file.name}' changed while it was read`);
      buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    }
  }
  return buffers;
}

/** A weight path that resolves (links included) to a regular file inside the model's folder. */
async function confinedFile(jsonPath: string, folder: string, name: string): Promise<{ name: string; path: string; size: number }> {
  const outside = (): never =>
    fail(jsonPath, `weight path '${name}' is outside the model's folder`, 'weight paths in model.json must name files beside it, like group1-shard1of1.bin');
  if (name === '' || isAbsolute(name) || name.includes('\0') || /^[a-z][a-z0-9+.-]*:/i.test(name)) outside();
  const lexical = resolve(folder, name);
  if (!inside(folder, lexical)) outside();
  const real = await realpath(lexical).catch((err: unknown) => fail(jsonPath, `weight file '${name}' cannot be read: ${systemReason(err)}`));
  if (!inside(folder, real)) outside();
  const stats = await stat(real);
  if (!stats.isFile()) fail(jsonPath, `weight path '${name}' is not a regular file`);
  return { name, path: real, size: stats.size };
}

const inside = (folder: string, path: string): boolean => {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel);
};
