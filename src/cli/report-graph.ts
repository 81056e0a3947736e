// For the commands that show a network (summary, explain, diagram): when the only errors are failed
// expect: figures, the output is still shown — with the mismatch marked — and the diagnostics
// follow it; the command still exits 1. Any other error prints its diagnostics and stops.
import type { IRGraph } from '../ir/types.js';
import { EXIT_INVALID, EXIT_OK, UsageError, type CliIO, type OptionValues } from './command.js';
import { analyzeSpecArg, printDiagnostics } from './load.js';

export interface ReportGraph {
  graph: IRGraph;
  /** Prints the diagnostics held back until after the output; returns the exit code. */
  finish(): number;
}

export async function loadReportGraph(specArg: string | undefined, values: OptionValues, io: CliIO): Promise<ReportGraph | number> {
  if (specArg === undefined) throw new UsageError('missing the spec argument');
  const result = await analyzeSpecArg(specArg, values, io);
  const failed = result.diagnostics.some((d) => d.severity === 'error');
  if (!result.graph) {
    printDiagnostics(result, io);
    return EXIT_INVALID;
  }
  if (!failed) printDiagnostics(result, io); // warnings, before the output as always
  return {
    graph: result.graph,
    finish() {
      if (!failed) return EXIT_OK;
      printDiagnostics(result, io);
      return EXIT_INVALID;
    },
  };
}
