// Consecutive preprocessing layers draw as one "Preprocessing" box (issue 12 item 4).
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/index.js';
import type { IRGraph } from '../../src/ir/types.js';
import { renderDiagram } from '../../src/render/index.js';
import { buildDiagramModel } from '../../src/render/model.js';
import { graphRects, overlaps, parseSvg } from './inspect.js';

function graphOf(path: string): IRGraph {
  const result = analyzeFile(resolve(path), { file: path });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.graph!;
}

describe('preprocessing group', () => {
  const graph = graphOf('examples/preprocessing/augmented-xray.yaml');

  it('folds the run of five preprocessing layers into one box with their output shape', () => {
    const model = buildDiagramModel(graph);
    const boxes = model.items.filter((i) => i.family === 'preprocessing');
    expect(boxes).toHaveLength(1);
    expect(boxes[0]!.title).toBe('Preprocessing');
    expect(boxes[0]!.nodes.map((n) => n.kind)).toEqual(['Resizing', 'Rescaling', 'RandomFlip', 'RandomRotation', 'RandomZoom']);
    expect(boxes[0]!.shape).toEqual([128, 128, 1]);
    expect(model.items).toHaveLength(graph.nodes.length - 4);
    // The edges run input → preprocessing → first convolution.
    expect(model.edges.filter((e) => e.source === boxes[0]!.id || e.target === boxes[0]!.id).map((e) => [e.source, e.target])).toEqual([
      ['input_layer', boxes[0]!.id],
      [boxes[0]!.id, 'conv2d'],
    ]);
  });

  it('leaves a lone preprocessing layer, and one with a second consumer, as layers', () => {
    const branched: IRGraph = structuredClone(graph);
    // A second consumer of `rescaling` (the graph's output) breaks the chain after it.
    branched.outputs.push({ name: 'rescaling', shape: [128, 128, 1] });
    const items = buildDiagramModel(branched).items.filter((i) => i.family === 'preprocessing');
    expect(items.map((i) => [i.type, i.nodes.length])).toEqual([
      ['collapsed', 2],
      ['collapsed', 3],
    ]);
  });

  it.each(['graph', 'stack'] as const)('draws without overlaps in the %s view', async (view) => {
    const svg = await renderDiagram(graph, { view });
    const root = parseSvg(svg);
    expect(root.querySelectorAll('g.node').length).toBe(graph.nodes.length - 4);
    if (view === 'graph') expect(overlaps(graphRects(root))).toEqual([]);
    expect(svg).toContain('Preprocessing');
  });
});
