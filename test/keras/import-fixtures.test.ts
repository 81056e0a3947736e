// import → analyze reproduces Keras: every fixture in test/fixtures/keras/import/ was saved by real
// Keras (scripts/keras/import_fixture.py) with its model.summary() figures beside it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/ir/analyze.js';
import type { IRGraph, IRNode } from '../../src/ir/types.js';
import { importModelFile } from '../../src/keras/import-file.js';
import type { ImportNotice } from '../../src/keras/to-spec.js';

const dir = join(import.meta.dirname, '../fixtures/keras/import');

interface KerasLayer {
  name: string;
  class: string;
  output_shapes: (number | null)[][][];
  trainable: number;
  non_trainable: number;
}
interface KerasExpect {
  total: number;
  trainable: number;
  non_trainable: number;
  layers: KerasLayer[];
}

const names = readdirSync(dir)
  .filter((f) => f.endsWith('.expect.json'))
  .map((f) => f.replace('.expect.json', ''))
  .sort();

/** `use:` (a layer called again, sharing its weights) is the shared engineer's; these wait for it. */
const sharesLayers = (expect: KerasExpect): boolean => expect.layers.some((l) => l.output_shapes.length > 1);
const useSupported = analyzeText("input: [4]\nlayers:\n  - Dense(2, name='d')\n  - {use: d, inputs: [input_layer], name: d2}\n").diagnostics.length === 0;

/** Custom classes: the saved config records no weights, so the spec says params=0 and a notice asks for the real count. */
const customWeights = (expect: KerasExpect): number =>
  expect.layers.filter((l) => l.class === 'ChannelGate').reduce((s, l) => s + l.trainable + l.non_trainable, 0);

function analyzed(file: string): { graph: IRGraph; notices: ImportNotice[]; text: string } {
  const imported = importModelFile(join(dir, file), file);
  const result = analyzeText(imported.text, { file: `${file}.yaml` });
  expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}: ${d.message}`)).toEqual([]);
  return { graph: result.graph!, notices: imported.notices, text: imported.text };
}

/** The IR nodes a Keras layer became: itself, or a nested model's block (its nodes under `name.`). */
function nodesOf(graph: IRGraph, saved: string): IRNode[] {
  // A name a spec cannot hold (`mobilenetv2_1.00_96`) is imported with `_` for each such character.
  const layer = saved.replace(/[^A-Za-z0-9_-]/g, '_');
  const own = graph.nodes.filter((n) => n.name === layer);
  return own.length > 0 ? own : graph.nodes.filter((n) => n.name.startsWith(`${layer}.`));
}

describe.each(names)('import %s', (name) => {
  const expected = JSON.parse(readFileSync(join(dir, `${name}.expect.json`), 'utf8')) as KerasExpect;
  const pending = sharesLayers(expected) && !useSupported;

  it.skipIf(pending)("reproduces Keras's totals and every layer's output shape and parameters", () => {
    const { graph, notices } = analyzed(`${name}.json`);
    const unknown = customWeights(expected);
    expect(graph.totals.params).toBe(expected.total - unknown);
    expect(graph.totals.trainable).toBe(expected.trainable - unknown);
    expect(graph.totals.nonTrainable).toBe(expected.non_trainable);
    if (unknown > 0) expect(notices.map((n) => n.message).join('\n')).toMatch(/params=0 because the saved config does not record weights/);
    for (const layer of expected.layers) {
      const nodes = nodesOf(graph, layer.name);
      expect(nodes.length, `layer ${layer.name}`).toBeGreaterThan(0);
      const last = nodes[nodes.length - 1]!;
      // Every output of a layer with several (return_state, merge_mode=None).
      expect(last.outputShapes ?? [last.outputShape], `output shapes of ${layer.name}`).toEqual(layer.output_shapes[0]);
      if (layer.class === 'ChannelGate') continue;
      const params = nodes.reduce((s, n) => s + n.params.trainable + n.params.nonTrainable, 0);
      expect(params, `params of ${layer.name}`).toBe(layer.trainable + layer.non_trainable);
    }
  });

  const archive = join(dir, `${name}.keras`);
  it.skipIf(pending || !readdirSync(dir).includes(`${name}.keras`))('reads the .keras archive to the same spec as the JSON', () => {
    const fromJson = importModelFile(join(dir, `${name}.json`), 'model').text;
    expect(importModelFile(archive, 'model').text).toBe(fromJson);
  });
});
