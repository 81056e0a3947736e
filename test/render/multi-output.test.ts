// A step with several outputs draws as one box; an edge that reads some of them says which
// (`state_h + state_c`, or by index when the names run long).
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile, analyzeText } from '../../src/index.js';
import type { IRGraph } from '../../src/ir/types.js';
import { renderDiagram } from '../../src/render/index.js';
import { buildDiagramModel } from '../../src/render/model.js';
import { graphRects, overlaps, parseSvg } from './inspect.js';

const SEQ2SEQ = `inputs: {enc_in: [10, 3], dec_in: [7, 4]}
layers:
  - {lstm: {units: 8, return_state: true}, name: enc, inputs: [enc_in]}
  - lstm: {units: 8, return_sequences: true}
    inputs: [dec_in, 'enc[1]', 'enc[2]']
    name: dec
  - {concatenate: {}, inputs: [enc], name: all}
outputs: [dec, all]
`;

function graphOf(text: string): IRGraph {
  const result = analyzeText(text);
  expect(result.diagnostics).toEqual([]);
  return result.graph!;
}

describe('several outputs in a diagram', () => {
  it('draws one box per step and names the outputs an edge carries', () => {
    const model = buildDiagramModel(graphOf(SEQ2SEQ));
    expect(model.items.map((i) => i.title)).toEqual(['Input (10, 3)', 'Input (7, 4)', 'LSTM 8 · states', 'LSTM 8 · seq', 'Concat']);
    const edge = (source: string, target: string) => model.edges.find((e) => e.source === source && e.target === target)!;
    expect(edge('enc', 'dec')).toMatchObject({ shape: [8], outputs: 'state_h + state_c' });
    // Every output flows into the concatenation: nothing to single out.
    expect(edge('enc', 'all').outputs).toBeUndefined();
  });

  it('shortens long output names (Bidirectional states) to fit the edge label', () => {
    const result = analyzeFile(resolve('examples/sequence/vitals-seq2seq.yaml'));
    const model = buildDiagramModel(result.graph!);
    expect(model.edges.filter((e) => e.source === 'encoder').map((e) => [e.target, e.outputs])).toEqual([
      ['state_h', 'fwd h + bwd h'],
      ['state_c', 'fwd c + bwd c'],
    ]);
  });

  it('draws the edge labels without overlaps', async () => {
    const svg = await renderDiagram(graphOf(SEQ2SEQ), { view: 'graph' });
    const root = parseSvg(svg);
    expect(overlaps(graphRects(root))).toEqual([]);
    expect(svg).toContain('state_h + state_c');
  });
});
