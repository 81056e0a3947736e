// `netspec predict`: runs a spec (random initial weights; filter2d has its fixed kernel) or a saved
// model.json on an image, JSON or CSV input, and prints the result or writes it with -o.
import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { LayersModel } from '@tensorflow/tfjs';
import { backendOption, buildWithProgress, printDiagnosticError, startTf } from '../../compile/cli-support.js';
import { fitToInput, readInputFile, type InputArray } from '../../compile/input-data.js';
import { loadModelFile } from '../../compile/model-files.js';
import { encodeOutputs, formatOutput, type OutputArray } from '../../compile/output-data.js';
import { DiagnosticError } from '../../diagnostics/diagnostic.js';
import type { Shape } from '../../layers/types.js';
import { writeFileAtomic } from '../write-file.js';
import { EXIT_INVALID, EXIT_OK, UsageError, type CliIO, type Command, type OptionValues } from '../command.js';
import { loadGraph, specOptions } from '../load.js';

export const command: Command = {
  name: 'predict',
  summary: 'Run the model on an input (PNG/JPEG image, JSON or CSV array) and print or write the result.',
  usage: 'netspec predict <spec.yaml | model.json | "Filter2D(\'mean\')"> --input <file> [--shape 10,10,1] [--set name=value]... [-o result.json|csv|png] [--force] [--backend wasm|cpu]',
  options: {
    set: specOptions.set!,
    input: { type: 'string', short: 'i' },
    shape: { type: 'string' },
    output: { type: 'string', short: 'o' },
    force: { type: 'boolean' },
    ...backendOption,
  },
  async run(values, [spec], io) {
    if (spec === undefined) throw new UsageError('missing the spec or model.json argument');
    if (typeof values.input !== 'string') throw new UsageError('missing --input <file> (an image, a .json or a .csv array)');
    const dataFile = values.input;
    if (!existsSync(resolve(io.cwd, dataFile))) throw new UsageError(`--input ${dataFile}: no such file`);
    if (typeof values.output === 'string' && !values.force && existsSync(resolve(io.cwd, values.output))) {
      throw new UsageError(`${values.output} already exists (use --force to overwrite)`);
    }
    try {
      const model = await loadModel(spec, values, dataFile, io);
      if (typeof model === 'number') return model;
      const outputs = await run(model, dataFile, io);
      if (typeof values.output === 'string') {
        await writeFileAtomic(resolve(io.cwd, values.output), encodeOutputs(values.output, outputs), { force: values.force === true });
        io.stdout(`wrote ${values.output}\n`);
      } else {
        for (const output of outputs) io.stdout(formatOutput(output));
      }
      return EXIT_OK;
    } catch (err) {
      if (!(err instanceof DiagnosticError)) throw err;
      printDiagnosticError(err, io);
      return EXIT_INVALID;
    }
  },
};

let runtime: Awaited<ReturnType<typeof startTf>> | undefined;

async function loadModel(spec: string, values: OptionValues, dataFile: string, io: CliIO): Promise<LayersModel | number> {
  const path = resolve(io.cwd, spec);
  runtime = await startTf(values, io);
  if (extname(spec).toLowerCase() === '.json' && existsSync(path)) return loadModelFile(runtime.tf, path);
  const shape = typeof values.shape === 'string' ? values.shape : isCallString(spec, path) ? await shapeOfData(dataFile, io) : undefined;
  const graph = await loadGraph(spec, { set: values.set, input: shape }, io);
  if (typeof graph === 'number') return graph;
  return buildWithProgress(runtime, graph, io)?.model ?? EXIT_INVALID;
}

/** What `loadGraph` treats as a Keras call string: not `-`, not a file, not a .yaml name. */
function isCallString(spec: string, path: string): boolean {
  return spec !== '-' && !existsSync(path) && !/\.ya?ml$/i.test(spec);
}

/** A call string has no input shape: take the data's (a matrix becomes H×W×1, an image H×W×3). */
async function shapeOfData(dataFile: string, io: CliIO): Promise<string> {
  const data = await readInputFile(resolve(io.cwd, dataFile), [null, null, 3]);
  const shape = data.shape.length === 2 ? [...data.shape, 1] : data.shape;
  return shape.join(',');
}

async function run(model: LayersModel, dataFile: string, io: CliIO): Promise<OutputArray[]> {
  const { tf } = runtime!;
  if (model.inputs.length !== 1) throw new UsageError(`the model has ${model.inputs.length} inputs; predict feeds one`);
  const expected = model.inputs[0]!.shape.slice(1) as Shape;
  const file = resolve(io.cwd, dataFile);
  const data: InputArray = fitToInput(dataFile, await readInputFile(file, expected), expected);
  const x = tf.tensor(data.values, data.shape);
  const predicted = model.predict(x);
  const tensors = Array.isArray(predicted) ? predicted : [predicted];
  const outputs = await Promise.all(
    tensors.map(async (t, i) => ({ name: model.outputNames[i] ?? `output_${i}`, shape: t.shape, values: (await t.data()) as Float32Array })),
  );
  tf.dispose([x, ...tensors]);
  return outputs;
}
