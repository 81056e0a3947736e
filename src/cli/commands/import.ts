// `netspec import`: a saved Keras model (model.to_json(), a .keras archive, a TensorFlow.js
// model.json) written as a readable spec, checked by analysing it before anything is written.
import { resolve } from 'node:path';
import { DiagnosticBag, DiagnosticError } from '../../diagnostics/diagnostic.js';
import { analyzeText } from '../../ir/analyze.js';
import { importModelFile, noticeAt, SAVED_MODEL_FILE } from '../../keras/import-file.js';
import { EXIT_INVALID, EXIT_OK, UsageError, type Command } from '../command.js';
import { printDiagnostics } from '../load.js';
import { writeFileAtomic } from '../../io/write-file.js';
import { importPython, PYTHON_FILE } from './import-python.js';
import { formatCount } from '../../format/format.js';

export const command: Command = {
  name: 'import',
  summary: 'Write a saved Keras model (model.to_json(), .keras, TensorFlow.js model.json) or Python Keras code as a netspec spec.',
  usage:
    'netspec import <model.json | model.keras | model.py> [-o spec.yaml] [--force]\n' +
    '  without -o the spec is printed; notes on what to check by hand go to stderr',
  options: { output: { type: 'string', short: 'o' }, force: { type: 'boolean', short: 'f' } },
  async run(values, positionals, io) {
    const [file, extra] = positionals;
    if (file === undefined) throw new UsageError('missing the model file');
    if (extra !== undefined) throw new UsageError(`one model file at a time (got '${extra}' too)`);
    if (PYTHON_FILE.test(file)) return importPython(file, values, io);
    if (!SAVED_MODEL_FILE.test(file)) throw new UsageError(`${file}: import reads .json (model.to_json() or a TensorFlow.js model.json), .keras and .py files`);
    const bag = new DiagnosticBag();
    let imported;
    try {
      imported = importModelFile(resolve(io.cwd, file), file);
    } catch (err) {
      if (!(err instanceof DiagnosticError)) throw err;
      bag.fromError(err, { file });
      printDiagnostics({ diagnostics: bag.items, sources: bag }, io);
      return EXIT_INVALID;
    }
    // The spec is analysed before it is written: a file netspec cannot read back is not written.
    const output = typeof values.output === 'string' ? values.output : undefined;
    const specFile = output ?? `${file} (as imported)`;
    const checked = analyzeText(imported.text, { file: specFile });
    for (const notice of imported.notices) checked.sources.warning('keras-notice', notice.message, noticeAt(notice, imported.text, specFile));
    printDiagnostics(checked, io);
    if (checked.diagnostics.some((d) => d.severity === 'error')) return EXIT_INVALID;
    if (output === undefined) io.stdout(imported.text);
    else {
      await writeFileAtomic(resolve(io.cwd, output), imported.text, { force: values.force === true, label: output });
      const totals = checked.graph?.totals;
      io.stderr(`wrote ${output}${totals ? ` (${checked.graph!.nodes.length} layers, ${formatCount(totals.params)} parameters)` : ''}\n`);
    }
    return EXIT_OK;
  },
};
