// `netspec import model.py`: Python Keras code written as a spec. The spec is analysed before it is
// written (problems point at the Python lines); a spec netspec cannot read back is not written.
import { resolve } from 'node:path';
import { DiagnosticBag, DiagnosticError } from '../../diagnostics/diagnostic.js';
import { readSpecFile } from '../../spec/load.js';
import { EXIT_INVALID, EXIT_OK, type CliIO, type OptionValues } from '../command.js';
import { printDiagnostics } from '../load.js';
import { readPythonAsSpec } from '../load-python.js';
import { writeFileAtomic } from '../../io/write-file.js';
import { formatCount } from '../../format/format.js';

export const PYTHON_FILE = /\.py$/i;

export async function importPython(file: string, values: OptionValues, io: CliIO): Promise<number> {
  let text: string;
  try {
    text = readSpecFile(resolve(io.cwd, file));
  } catch (err) {
    if (!(err instanceof DiagnosticError)) throw err;
    const bag = new DiagnosticBag();
    bag.error(err.code === 'too-large' ? 'too-large' : 'file', `${file}: ${err.message}`, { file });
    printDiagnostics({ diagnostics: bag.items, sources: bag }, io);
    return EXIT_INVALID;
  }
  const { result, spec } = readPythonAsSpec(text, file, {});
  printDiagnostics(result, io);
  if (spec === undefined || result.diagnostics.some((d) => d.severity === 'error')) return EXIT_INVALID;
  const output = typeof values.output === 'string' ? values.output : undefined;
  if (output === undefined) {
    io.stdout(spec);
    return EXIT_OK;
  }
  await writeFileAtomic(resolve(io.cwd, output), spec, { force: values.force === true, label: output });
  const totals = result.graph?.totals;
  io.stderr(`wrote ${output}${totals && result.graph ? ` (${result.graph.nodes.length} layers, ${formatCount(totals.params)} parameters)` : ''}\n`);
  return EXIT_OK;
}
