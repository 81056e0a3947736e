// Pieces the compile and predict commands share: flags, backend start-up, compile diagnostics.
import { resolve } from 'node:path';
import { UsageError, type CliIO, type OptionValues } from './command.js';
import { DiagnosticBag, DiagnosticError } from '../diagnostics/diagnostic.js';
import { formatDiagnostic } from '../diagnostics/format.js';
import { readTextFile } from '../io/read-file.js';
import { MAX_SOURCE_BYTES } from '../spec/yaml-tree.js';
import type { IRGraph } from '../ir/types.js';
import { loadTf, type BackendName, type TfRuntime } from '../compile/backend.js';
import { buildModel, type CompiledModel } from '../compile/build-model.js';
import { progress } from './progress.js';
import { compareWithIR } from '../compile/verify.js';
import { checkWeightMemory } from '../compile/weight-limit.js';

export const backendOption = { backend: { type: 'string', default: 'wasm' } } as const;

function parseBackend(values: OptionValues): BackendName {
  const backend = values.backend ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu') throw new UsageError(`--backend must be wasm or cpu, got '${String(backend)}'`);
  return backend;
}

export function startTf(values: OptionValues, io: CliIO): Promise<TfRuntime> {
  return loadTf({ backend: parseBackend(values), notice: (line) => io.stderr(line + '\n') });
}

/** Builds the model with progress on a terminal; a node tfjs cannot build faithfully is reported like any diagnostic. */
export function buildWithProgress(runtime: TfRuntime, graph: IRGraph, io: CliIO): CompiledModel | undefined {
  const bar = progress(io, 'building layers');
  try {
    checkWeightMemory(graph);
    const compiled = buildModel(runtime.tf, graph, { onProgress: bar.update });
    // A last guard against a model that differs from the IR: never hand it out silently.
    const mismatches = compareWithIR(graph, compiled);
    if (mismatches.length === 0) return compiled;
    bar.finish();
    for (const m of mismatches) {
      const node = graph.nodes.find((n) => n.name === m.node);
      printDiagnosticError(
        new DiagnosticError(
          'compile-mismatch',
          `${m.node}: the TensorFlow.js model's ${m.what} is ${m.tfjs}, the spec's is ${m.ir} (a netspec bug; please report it)`,
          node?.source,
        ),
        io,
      );
    }
    return undefined;
  } catch (err) {
    if (!(err instanceof DiagnosticError)) throw err;
    bar.finish();
    printDiagnosticError(err, io);
    return undefined;
  } finally {
    bar.finish();
  }
}

export function printDiagnosticError(err: DiagnosticError, io: CliIO): void {
  const bag = new DiagnosticBag();
  const at = err.at;
  // The source line under a caret, only where the diagnostic points into a spec: never read the file
  // a diagnostic is about otherwise (a data file may be 3 GB, a FIFO, a device).
  if (at?.file && at.start !== undefined) {
    try {
      bag.addSource(at.file, readTextFile(resolve(io.cwd, at.file), MAX_SOURCE_BYTES));
    } catch {
      // no excerpt then; the diagnostic itself still names the file
    }
  }
  const d = bag.fromError(err);
  io.stderr(formatDiagnostic(d, bag.sourceText(d.file)) + '\n');
}
