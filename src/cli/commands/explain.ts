import { formatDiagnostic } from '../../diagnostics/format.js';
import { explainGraph } from '../../report/explain.js';
import { EXIT_INVALID, type Command } from '../command.js';
import { SPEC_USAGE, specOptions } from '../load.js';
import { loadReportGraph } from '../report-graph.js';

export const command: Command = {
  name: 'explain',
  summary: 'Show how every shape and parameter count is computed, formulas filled in.',
  usage: `netspec explain ${SPEC_USAGE} [--layer NAME]`,
  options: { ...specOptions, layer: { type: 'string', short: 'l' } },
  async run(values, [spec], io) {
    const loaded = await loadReportGraph(spec, values, io);
    if (typeof loaded === 'number') return loaded;
    const result = explainGraph(loaded.graph, values.layer as string | undefined);
    if (result.error) {
      io.stderr(
        formatDiagnostic({
          code: 'unknown-kind',
          severity: 'error',
          message: result.error,
          file: '<command line>',
          line: 0,
          column: 0,
          range: [0, 0],
          ...(result.suggestion ? { suggestion: result.suggestion } : {}),
        }) + '\n',
      );
      return EXIT_INVALID;
    }
    io.stdout(result.text);
    return loaded.finish();
  },
};
