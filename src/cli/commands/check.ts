import { EXIT_OK, type Command } from '../command.js';
import { loadGraph, SPEC_USAGE, specOptions } from '../load.js';
import { formatCount } from '../../format/format.js';

export const command: Command = {
  name: 'check',
  summary: 'Validate one or more specs (schema, names, shapes, expect:); one line each on success.',
  usage: `netspec check ${SPEC_USAGE} [more specs...]`,
  options: { ...specOptions },
  async run(values, specs, io) {
    let worst = EXIT_OK;
    for (const spec of specs.length > 0 ? specs : [undefined]) {
      const graph = await loadGraph(spec, values, io);
      if (typeof graph === 'number') {
        worst = Math.max(worst, graph);
        continue;
      }
      const out = graph.outputs.map((o) => `(${['None', ...o.shape.map((d) => d ?? 'None')].join(', ')})`).join(', ');
      io.stdout(`ok ${spec}: ${graph.nodes.length} layers, ${formatCount(graph.totals.params)} params, output ${out}\n`);
    }
    return worst;
  },
};
