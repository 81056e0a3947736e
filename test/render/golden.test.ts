// Golden SVGs: exact output for a few specs, hand-built and real YAML. A deliberate change to the
// drawing is reviewed by looking at the PNGs and updating with `npx vitest run test/render -u`.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/index.js';
import { renderDiagram, type DiagramOptions } from '../../src/render/index.js';
import type { IRGraph } from '../../src/ir/types.js';
import { conv3d, inception, residual, smallCnn } from './fixtures.js';

async function fromYaml(path: string): Promise<IRGraph> {
  const result = await analyzeFile(resolve(path), { file: path });
  expect(result.diagnostics).toEqual([]);
  return result.graph!;
}

const CASES: [string, () => Promise<IRGraph> | IRGraph, DiagramOptions][] = [
  ['small-cnn.graph', () => smallCnn, { view: 'graph' }],
  ['small-cnn.stack', () => smallCnn, { view: 'stack' }],
  ['residual.graph-lr-dark', () => residual, { view: 'graph', direction: 'LR', theme: 'dark' }],
  ['inception.graph', () => inception, { view: 'graph' }],
  ['conv3d.stack', () => conv3d, { view: 'stack' }],
  ['resnet-mini.graph', () => fromYaml('test/render/specs/resnet-mini.yaml'), { view: 'graph' }],
  ['small-cnn.graph-fit', () => smallCnn, { view: 'graph', fit: '16:9' }],
  ['resnet-mini.graph-fit', () => fromYaml('test/render/specs/resnet-mini.yaml'), { view: 'graph', fit: '16:9' }],
  ['resnet-mini.graph-depth1', () => fromYaml('test/render/specs/resnet-mini.yaml'), { view: 'graph', depth: 1 }],
  ['resnet-mini.stack', () => fromYaml('test/render/specs/resnet-mini.yaml'), { view: 'stack' }],
  ['unet-mini.stack', () => fromYaml('test/render/specs/unet-mini.yaml'), { view: 'stack' }],
  ['setting-b.stack', () => fromYaml('examples/lecture/setting-b.yaml'), { view: 'stack' }],
];

describe('golden SVGs', () => {
  it.each(CASES)('%s', async (name, graph, options) => {
    await expect(await renderDiagram(await graph(), options)).toMatchFileSnapshot(`golden/${name}.svg`);
  });
});
