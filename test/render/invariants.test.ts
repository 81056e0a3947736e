// Every library spec's default graph diagram (fitted to 16:9, as `netspec diagram` draws it) is a
// sound figure: no overlapping boxes, no edge through a box, text inside boxes and canvas, the
// frame's aspect, text readable at slide size. Also the natural size (`--fit none`) of small specs.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/index.js';
import { drawDiagram } from '../../src/render/index.js';
import type { IRGraph } from '../../src/ir/types.js';
import { parseSvg } from './inspect.js';
import { figureProblems, graphFigure } from './invariants.js';

const SPECS = join(process.cwd(), 'specs');
const names = readdirSync(SPECS).filter((f) => f.endsWith('.yaml'));

async function load(name: string): Promise<IRGraph> {
  const path = resolve(SPECS, name);
  const result = await analyzeFile(path, { file: path });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.graph!;
}

describe('graph view invariants, every library spec at default options', () => {
  it.each(names)('%s', async (name) => {
    const drawn = await drawDiagram(await load(name), { view: 'graph', fit: '16:9' });
    expect(drawn.fits).toBe(true);
    expect(figureProblems(graphFigure(parseSvg(drawn.svg)), 16 / 9)).toEqual([]);
  });

  it.each(['lenet5.yaml', 'vgg16.yaml', 'resnet50.yaml'])('%s at 4:3', async (name) => {
    const drawn = await drawDiagram(await load(name), { view: 'graph', fit: '4:3' });
    expect(figureProblems(graphFigure(parseSvg(drawn.svg)), 4 / 3)).toEqual([]);
  });

  it.each(['lenet5.yaml', 'detector.yaml', 'unet.yaml'])('%s at its natural size (--fit none)', async (name) => {
    const drawn = await drawDiagram(await load(name), { view: 'graph', fit: 'none' });
    expect(figureProblems(graphFigure(parseSvg(drawn.svg)), null, false)).toEqual([]);
  });
});
