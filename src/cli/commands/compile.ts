// `netspec compile`: the spec as a TensorFlow.js model (model.json + weight shards), or as a
// TypeScript module that builds it with tf.layers calls. TensorFlow.js loads only inside run.
// The output folder is replaced as a whole, and only when netspec wrote it (see output-folder.ts).
import { join, resolve } from 'node:path';
import { modelArtifacts, writeModelFiles } from '../../compile/model-files.js';
import { backendOption, buildWithProgress, printDiagnosticError, startTf } from '../compile-support.js';
import { DiagnosticError } from '../../diagnostics/diagnostic.js';
import { emitKeras } from '../../compile/emit-keras.js';
import { emitTypeScript } from '../../compile/emit-ts.js';
import { registerCustomLayers } from '../../compile/custom-layers.js';
import { prepareOutputFolder, writeOutputFolder } from '../../compile/output-folder.js';
import { progress } from '../progress.js';
import { writeFileAtomic } from '../../io/write-file.js';
import { EXIT_INVALID, EXIT_OK, UsageError, type CliIO, type Command } from '../command.js';
import { loadGraph, SPEC_USAGE, specOptions } from '../load.js';
import { formatBytes, formatCount, formatSeconds } from '../../format/format.js';

const EMITS = ['model', 'ts', 'keras'] as const;

export const command: Command = {
  name: 'compile',
  summary: 'Build the TensorFlow.js model: model.json and weight files in a directory, a TypeScript module (--emit ts), or Keras 3 Python code (--emit keras).',
  usage: `netspec compile ${SPEC_USAGE} -o <dir | file.ts | file.py> [--emit model|ts|keras] [--force] [--backend wasm|cpu]`,
  options: { ...specOptions, output: { type: 'string', short: 'o' }, emit: { type: 'string', default: 'model' }, force: { type: 'boolean' }, ...backendOption },
  async run(values, [spec], io) {
    const emit = values.emit as string;
    if (!EMITS.includes(emit as (typeof EMITS)[number])) throw new UsageError(`--emit must be one of ${EMITS.join(', ')}`);
    if (typeof values.output !== 'string' || values.output === '') throw new UsageError('missing -o <dir> (where to write the model)');
    const shown = values.output;
    const output = resolve(io.cwd, shown);
    const force = values.force === true;
    const singleFile = (emit === 'ts' && output.endsWith('.ts')) || (emit === 'keras' && output.endsWith('.py'));
    const folder = { force, label: shown, notice: (line: string) => io.stderr(`netspec compile: ${line}\n`) };
    // Refuse before the (possibly long) build rather than after it (and put back a model an
    // interrupted run set aside, even if this run fails); the write checks again.
    if (!singleFile) await prepareOutputFolder(output, folder);
    const graph = await loadGraph(spec, values, io);
    if (typeof graph === 'number') return graph;
    // Keras code comes from the IR alone: no TensorFlow.js to load.
    if (emit === 'keras') {
      let source: string;
      try {
        source = emitKeras(graph, { source: graph.file });
      } catch (err) {
        if (!(err instanceof DiagnosticError)) throw err;
        printDiagnosticError(err, io);
        return EXIT_INVALID;
      }
      if (singleFile) await writeFileAtomic(output, source, { force, label: shown });
      else await writeOutputFolder(output, [{ name: 'model.py', data: source }], folder);
      const layers = graph.nodes.filter((n) => !n.sharedWith).length;
      io.stdout(
        `wrote ${singleFile ? shown : join(shown, 'model.py')}: Keras 3 code, ${layers} layers, ${formatCount(graph.totals.params)} parameters (run it to print model.summary())\n`,
      );
      return EXIT_OK;
    }

    const runtime = await startTf(values, io);
    const started = Date.now();
    const compiled = buildWithProgress(runtime, graph, io);
    if (!compiled) return EXIT_INVALID;
    const { tf } = runtime;
    if (emit === 'ts') {
      const source = emitTypeScript(tf, compiled.model, registerCustomLayers(tf), { source: graph.file });
      if (singleFile) await writeFileAtomic(output, source, { force, label: shown });
      else await writeOutputFolder(output, [{ name: 'model.ts', data: source }], folder);
      io.stdout(`wrote ${singleFile ? shown : join(shown, 'model.ts')}: ${compiled.model.layers.length} layers\n`);
      return EXIT_OK;
    }
    compiled.model.setUserDefinedMetadata({ netspec: { spec: graph.file, layerMap: compiled.layerMap } });
    const artifacts = await modelArtifacts(tf, compiled.model);
    const files = await writeWithProgress(io, (onProgress) => writeModelFiles(tf, output, artifacts, { ...folder, generatedBy: 'netspec', onProgress }));
    const params = compiled.model.countParams();
    io.stdout(
      `wrote ${join(shown, 'model.json')} and ${files.length - 1} weight file${files.length === 2 ? '' : 's'}: ${formatCount(params)} parameters, ${formatBytes(params * 4)} (${runtime.backend}, ${formatSeconds(Date.now() - started)})\n`,
    );
    return EXIT_OK;
  },
};

async function writeWithProgress<T>(io: CliIO, write: (onProgress: (done: number, total: number) => void) => Promise<T>): Promise<T> {
  const bar = progress(io, 'writing weights', (done, total) => `${formatBytes(done)} / ${formatBytes(total)}`);
  try {
    return await write(bar.update);
  } finally {
    bar.finish();
  }
}
