// Goldens a person can review. The SVGs: exact output for a few specs, hand-built and real YAML,
// stored pretty-printed (pretty-svg.ts: one element per line, attributes in name order), so a change
// to the drawing reads as a line diff. The PNGs: the lecture's networks (examples/lecture/*.yaml) as
// `netspec diagram <spec> -o <file>.png` draws them (resvg, DejaVu Sans 2.37, default options),
// compared pixel by pixel with a small tolerance (png-snapshot.ts); a mismatch writes
// golden/<name>.actual.png beside the snapshot. After a deliberate change, look at the images, then
// update both kinds: npx vitest run test/render/golden -u
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/index.js';
import { renderDiagram, type DiagramOptions } from '../../src/render/index.js';
import type { IRGraph } from '../../src/ir/types.js';
import { runCli } from '../cli/run-cli.js';
import { conv3d, inception, residual, smallCnn } from './fixtures.js';
import { checkPngSnapshot } from './png-snapshot.js';
import { prettySvg } from './pretty-svg.js';

const GOLDEN = join(import.meta.dirname, 'golden');

async function fromYaml(path: string): Promise<IRGraph> {
  const result = await analyzeFile(resolve(path), { file: path });
  expect(result.diagnostics).toEqual([]);
  return result.graph!;
}

/** vitest -u: its snapshot state says so (not a public field, hence the narrow read). */
function updating(): boolean {
  const state = expect.getState().snapshotState as unknown as { _updateSnapshot?: string };
  return state._updateSnapshot === 'all';
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
    await expect(prettySvg(await renderDiagram(await graph(), options))).toMatchFileSnapshot(`golden/${name}.svg`); // relative to this file
  });

  it('every stored golden is in the pretty form, so both sides of the comparison are normalised alike', () => {
    const stored = readdirSync(GOLDEN).filter((f) => f.endsWith('.svg'));
    expect(stored.sort()).toEqual(CASES.map(([name]) => `${name}.svg`).sort());
    for (const file of stored) {
      const text = readFileSync(join(GOLDEN, file), 'utf8');
      expect(prettySvg(text), file).toBe(text);
    }
  });
});

const LECTURE = readdirSync('examples/lecture').filter((f) => f.endsWith('.yaml'));

describe('PNG snapshots of the lecture', () => {
  const out = mkdtempSync(join(tmpdir(), 'netspec-golden-png-'));

  it('covers every network in examples/lecture', () => {
    expect(LECTURE.length).toBeGreaterThanOrEqual(8);
    const stored = readdirSync(GOLDEN).filter((f) => /^lecture-.*(?<!\.actual)\.png$/.test(f));
    expect(stored.sort()).toEqual(LECTURE.map((f) => `lecture-${f.replace(/\.yaml$/, '')}.png`).sort());
  });

  it.each(LECTURE)('%s', async (file) => {
    const png = join(out, file.replace(/\.yaml$/, '.png'));
    const run = await runCli(['diagram', join('examples/lecture', file), '-o', png]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const problem = checkPngSnapshot(readFileSync(png), join(GOLDEN, `lecture-${file.replace(/\.yaml$/, '')}.png`), updating());
    expect(problem).toBeUndefined();
  });
});
