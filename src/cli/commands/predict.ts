// `netspec predict`: runs a spec (random initial weights, repeatable with --seed; filter2d has its
// fixed kernel) or a saved model.json on an image, JSON or CSV file given with --data, and prints
// the result (numpy-like, or --format json|csv) or writes it with -o (.json, .csv, one PNG per channel).
import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { LayersModel } from '@tensorflow/tfjs';
import { backendOption, buildWithProgress, printDiagnosticError, startTf } from '../compile-support.js';
import { fitToInput, readInputFile, type ChannelConversion, type InputArray } from '../../compile/input-data.js';
import { loadModelFile } from '../../compile/model-files.js';
import {
  encodeOutputs,
  formatOutputs,
  NORMALIZATIONS,
  TEXT_FORMATS,
  type Normalization,
  type OutputArray,
  type TextFormat,
} from '../../compile/output-data.js';
import { withSeededRandom } from '../../compile/seeded-random.js';
import { predictNamingFailures } from '../../compile/run-guard.js';
import { DiagnosticError } from '../../diagnostics/diagnostic.js';
import type { Shape } from '../../layers/types.js';
import { writeFileAtomic } from '../../io/write-file.js';
import { EXIT_INVALID, EXIT_OK, UsageError, type CliIO, type Command, type OptionValues } from '../command.js';
import { loadGraph, specOptions } from '../load.js';

interface PredictOptions {
  dataFile: string;
  format: TextFormat;
  normalize: Normalization;
  convert?: ChannelConversion;
  seed?: number;
}

export const command: Command = {
  name: 'predict',
  summary: 'Run the model on data (PNG/JPEG image, JSON or CSV array) and print or write the result.',
  usage:
    'netspec predict <spec.yaml | model.json | "Filter2D(\'mean\')"> --data <file> [--shape 10,10,1] [--set name=value]... [--grayscale | --rgb] [--seed N] [--format text|json|csv | -o result.json|csv|png [--normalize clip|minmax]] [--force] [--backend wasm|cpu]',
  options: {
    set: specOptions.set!,
    data: { type: 'string', short: 'd' },
    // Declared only to say what to use instead: everywhere else --input is a shape.
    input: { type: 'string', short: 'i' },
    shape: { type: 'string' },
    output: { type: 'string', short: 'o' },
    format: { type: 'string', default: 'text' },
    normalize: { type: 'string', default: 'clip' },
    grayscale: { type: 'boolean' },
    rgb: { type: 'boolean' },
    seed: { type: 'string' },
    force: { type: 'boolean' },
    ...backendOption,
  },
  async run(values, [spec], io) {
    if (values.input !== undefined)
      throw new UsageError('predict reads its data with --data <file>: --input is the input shape in the other commands (here, --shape H,W,C)');
    if (spec === undefined) throw new UsageError('missing the spec or model.json argument');
    const options = predictOptions(values);
    if (!existsSync(resolve(io.cwd, options.dataFile))) throw new UsageError(`--data ${options.dataFile}: no such file`);
    if (typeof values.output === 'string' && !values.force && existsSync(resolve(io.cwd, values.output))) {
      throw new UsageError(`${values.output} already exists (use --force to overwrite)`);
    }
    try {
      const model = await loadModel(spec, values, options, io);
      if (typeof model === 'number') return model;
      const outputs = await run(model, options, io, spec);
      if (typeof values.output === 'string') await writeOutputs(values.output, outputs, options.normalize, values.force === true, io);
      else io.stdout(formatOutputs(outputs, options.format));
      return EXIT_OK;
    } catch (err) {
      if (!(err instanceof DiagnosticError)) throw err;
      printDiagnosticError(err, io);
      return EXIT_INVALID;
    }
  },
};

function predictOptions(values: OptionValues): PredictOptions {
  if (typeof values.data !== 'string' || values.data === '') throw new UsageError('missing --data <file> (an image, a .json or a .csv array)');
  const format = values.format as string;
  if (!TEXT_FORMATS.includes(format as TextFormat)) throw new UsageError(`--format must be one of ${TEXT_FORMATS.join(', ')}, got '${format}'`);
  if (format !== 'text' && typeof values.output === 'string')
    throw new UsageError('--format is for printed output; -o takes its format from the file name (.json, .csv, .png)');
  const normalize = values.normalize as string;
  if (!NORMALIZATIONS.includes(normalize as Normalization)) throw new UsageError(`--normalize must be one of ${NORMALIZATIONS.join(', ')}, got '${normalize}'`);
  if (values.grayscale && values.rgb) throw new UsageError('--grayscale and --rgb convert an image in opposite ways: give one');
  const convert = values.grayscale ? 'grayscale' : values.rgb ? 'rgb' : undefined;
  let seed: number | undefined;
  if (values.seed !== undefined) {
    seed = Number(values.seed);
    if (!/^\d+$/.test(String(values.seed)) || seed > 0xffffffff)
      throw new UsageError(`--seed must be a whole number from 0 to 4294967295, got '${String(values.seed)}'`);
  }
  return {
    dataFile: values.data,
    format: format as TextFormat,
    normalize: normalize as Normalization,
    ...(convert ? { convert } : {}),
    ...(seed !== undefined ? { seed } : {}),
  };
}

let runtime: Awaited<ReturnType<typeof startTf>> | undefined;

async function loadModel(spec: string, values: OptionValues, options: PredictOptions, io: CliIO): Promise<LayersModel | number> {
  const path = resolve(io.cwd, spec);
  runtime = await startTf(values, io);
  if (extname(spec).toLowerCase() === '.json' && existsSync(path)) return loadModelFile(runtime.tf, path);
  const shape = typeof values.shape === 'string' ? values.shape : isCallString(spec, path) ? await shapeOfData(options, io) : undefined;
  const graph = await loadGraph(spec, { set: values.set, input: shape }, io);
  if (typeof graph === 'number') return graph;
  return withSeededRandom(options.seed, () => buildWithProgress(runtime!, graph, io))?.model ?? EXIT_INVALID;
}

/** What `loadGraph` treats as a Keras call string: not `-`, not a file, not a .yaml name. */
function isCallString(spec: string, path: string): boolean {
  return spec !== '-' && !existsSync(path) && !/\.ya?ml$/i.test(spec);
}

/** A call string has no input shape: take the data's (a matrix becomes H×W×1, an image keeps its channels). */
async function shapeOfData(options: PredictOptions, io: CliIO): Promise<string> {
  const data = await readInputFile(resolve(io.cwd, options.dataFile), [null, null, null], {
    label: options.dataFile,
    ...(options.convert ? { convert: options.convert } : {}),
  });
  const shape = data.shape.length === 2 ? [...data.shape, 1] : data.shape;
  return shape.join(',');
}

/** The output's layer name, with `[k]` where the layer gives several outputs (an LSTM's states), so names stay unique. */
function outputName(model: LayersModel, i: number): string {
  const name = model.outputNames[i] ?? `output_${i}`;
  const layer = model.outputLayers[i];
  const node = layer?.inboundNodes[model.outputLayersNodeIndices[i] ?? 0];
  return node && node.outputTensors.length > 1 ? `${name}[${model.outputLayersTensorIndices[i] ?? 0}]` : name;
}

async function run(model: LayersModel, options: PredictOptions, io: CliIO, spec: string): Promise<OutputArray[]> {
  const { tf } = runtime!;
  if (model.inputs.length !== 1) throw new UsageError(`the model has ${model.inputs.length} inputs; predict feeds one`);
  const expected = model.inputs[0]!.shape.slice(1) as Shape;
  const file = resolve(io.cwd, options.dataFile);
  const read = await readInputFile(file, expected, { label: options.dataFile, ...(options.convert ? { convert: options.convert } : {}) });
  const data: InputArray = fitToInput(options.dataFile, read, expected);
  const x = tf.tensor(data.values, data.shape);
  const predicted = predictNamingFailures(tf, model, x, spec);
  const tensors = Array.isArray(predicted) ? predicted : [predicted];
  const outputs = await Promise.all(tensors.map(async (t, i) => ({ name: outputName(model, i), shape: t.shape, values: (await t.data()) as Float32Array })));
  tf.dispose([x, ...tensors]);
  return outputs;
}

/** Every file checked before any is written, so a refusal never leaves half the channels. */
async function writeOutputs(output: string, outputs: OutputArray[], normalize: Normalization, force: boolean, io: CliIO): Promise<void> {
  const files = encodeOutputs(output, outputs, normalize);
  const existing = files.filter((f) => existsSync(resolve(io.cwd, f.path)));
  if (!force && existing.length > 0)
    throw new UsageError(`${existing.map((f) => f.path).join(', ')} already exist${existing.length === 1 ? 's' : ''} (use --force to overwrite)`);
  for (const file of files) await writeFileAtomic(resolve(io.cwd, file.path), file.data, { force, label: file.path });
  const shown = files.length === 1 ? files[0]!.path : `${files[0]!.path} … ${files[files.length - 1]!.path} (one PNG per channel, ${files.length} channels)`;
  io.stdout(`wrote ${shown}\n`);
}
