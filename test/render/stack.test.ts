// The stack view's reading of a network (splits, branches, merges, the U), its box sizes, --block and
// --show, and the layout invariants of every library spec's default (16:9) stack diagram.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/index.js';
import type { IRGraph } from '../../src/ir/types.js';
import { selectBlock, UnknownBlockError } from '../../src/render/block.js';
import { frameFor } from '../../src/render/frame.js';
import { renderDiagram } from '../../src/render/index.js';
import { formatDims } from '../../src/format/format.js';
import { buildDiagramModel, itemLabel, type VisibleItem } from '../../src/render/model.js';
import { solidFor } from '../../src/render/stack-columns.js';
import { stackCanvas } from '../../src/render/stack-draw.js';
import { fitStack } from '../../src/render/stack-fit.js';
import { stackLevels, stackScene } from '../../src/render/stack-layout.js';
import { buildStructure, type Segment } from '../../src/render/stack-structure.js';
import { layoutGraphU } from '../../src/render/u-graph.js';
import { uLevels } from '../../src/render/u-layout.js';
import { denseBlock, inception, residual, smallCnn, unet } from './fixtures.js';
import { parseSvg } from './inspect.js';
import { figureProblems } from './invariants.js';
import { boxRect, labelRects, linksThroughBoxes, outsideCanvas, overlapping, stackFigure } from './stack-geometry.js';

const graphs = new Map<string, IRGraph>();
async function spec(path: string): Promise<IRGraph> {
  const known = graphs.get(path);
  if (known) return known;
  const result = await analyzeFile(resolve(path), { file: path });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  graphs.set(path, result.graph!);
  return result.graph!;
}

/** A compact picture of a structure: `c3` a column, `[…|…]` stacked branches, `(…/…)` an arc. */
function sketch(segments: Segment[]): string {
  return segments
    .map((s) => (s.kind === 'column' ? `c${s.column}` : s.style === 'arc' ? `(${s.branches.map(sketch).join('/')})` : `[${s.branches.map(sketch).join('|')}]`))
    .join(' ');
}

describe('stack structure: splits, branches and merges', () => {
  // Links between columns by index (columns are in topological order).
  it.each([
    [
      'a chain',
      4,
      [
        [0, 1],
        [1, 2],
        [2, 3],
      ],
      [],
      'c0 c1 c2 c3',
    ],
    [
      'an identity shortcut (residual, dense)',
      4,
      [
        [0, 1],
        [1, 2],
        [2, 3],
        [0, 3],
      ],
      [],
      'c0 (c1 c2/) c3',
    ],
    [
      'a projection shortcut drawn on its arc',
      5,
      [
        [0, 1],
        [1, 2],
        [0, 3],
        [2, 4],
        [3, 4],
      ],
      [4],
      'c0 (c1 c2/c3) c4',
    ],
    [
      'Inception: four branches stacked',
      7,
      [
        [0, 1],
        [0, 2],
        [2, 3],
        [0, 4],
        [4, 5],
        [1, 6],
        [3, 6],
        [5, 6],
      ],
      [],
      'c0 [c1|c2 c3|c4 c5] c6',
    ],
    [
      'two heads with no merge',
      5,
      [
        [0, 1],
        [1, 2],
        [0, 3],
        [3, 4],
      ],
      [],
      'c0 [c1 c2|c3 c4]',
    ],
    [
      'Inception-ResNet: branches concatenated, then added to the identity',
      7,
      [
        [0, 1],
        [0, 2],
        [2, 3],
        [1, 4],
        [3, 4],
        [4, 5],
        [5, 6],
        [0, 6],
      ],
      [6],
      'c0 ([c1|c2 c3] c4 c5/) c6',
    ],
    [
      'nested skips (a U)',
      7,
      [
        [0, 1],
        [1, 2],
        [2, 3],
        [3, 4],
        [4, 5],
        [5, 6],
        [0, 6],
        [1, 5],
      ],
      [],
      'c0 (c1 (c2 c3 c4/) c5/) c6',
    ],
  ] as const)('%s', (_, count, links, residualMerges, expected) => {
    const structure = buildStructure(
      count,
      links.map(([source, target]) => ({ source, target })),
      (c) => (residualMerges as readonly number[]).includes(c),
    );
    expect(sketch(structure.segments)).toBe(expected);
    expect(structure.extra).toEqual([]);
  });

  it('falls back to a plain sequence, the extra links as arcs, when branches cross (NASNet cells)', () => {
    // 0 splits to 1 and 2; 1 feeds both 3 and 2's successor 4: not split-and-merge.
    const links = [
      [0, 1],
      [0, 2],
      [1, 3],
      [2, 4],
      [1, 4],
      [3, 5],
      [4, 5],
    ].map(([source, target]) => ({ source: source!, target: target! }));
    const structure = buildStructure(6, links, () => false);
    expect(sketch(structure.segments)).toBe('c0 c1 c2 c3 c4 c5');
    expect(structure.extra.length).toBeGreaterThan(0);
  });

  it.each([
    ['residual block: the shortcut arcs over the body', residual, (s: string) => expect(s).toMatch(/\(.+\/\)/)],
    ['inception module: four branches stacked', inception, (s: string) => expect(s).toMatch(/\[[^|]+\|[^|]+\|[^|]+\|[^|]+\]/)],
    ['dense block: each concatenation an arc', denseBlock, (s: string) => expect(s.match(/\(/g)!.length).toBe(2)],
  ] as const)('%s', (_, graph, check) => {
    check(sketch(stackScene(buildDiagramModel(graph)).structure.segments));
  });
});

describe('box sizes read', () => {
  const height = (n: number) => solidFor([n, n, 64]).height;
  const thickness = (c: number) => solidFor([28, 28, c]).thickness;
  it('224 against 28 pixels: more than twice as tall; halving always shows', () => {
    expect(height(224) / height(28)).toBeGreaterThan(2);
    for (const n of [224, 112, 56, 28, 14]) expect(height(n) / height(n / 2)).toBeGreaterThan(1.3);
  });
  it('512 against 64 channels: more than twice as thick; doubling always shows', () => {
    expect(thickness(512) / thickness(64)).toBeGreaterThan(2);
    for (const c of [64, 128, 256, 512]) expect(thickness(c * 2) / thickness(c)).toBeGreaterThan(1.3);
  });
  it('clamped: a 1×1 map and 4,096 channels stay on the page', () => {
    expect(solidFor([1, 1, 1]).height).toBeGreaterThanOrEqual(14);
    expect(solidFor([7, 7, 4096]).thickness).toBeLessThanOrEqual(64);
    expect(solidFor([25088]).height).toBeLessThanOrEqual(170);
  });
  it('the drawing says what the sizes mean', async () => {
    const svg = await renderDiagram(smallCnn, { view: 'stack' });
    expect(parseSvg(svg).querySelector('text.size-note')!.textContent).toMatch(/√channels/);
  });
});

describe('the U', () => {
  it('resolution levels of U-Net (128 → 64 → 32 → 64 → 128)', () => {
    const scene = stackScene(buildDiagramModel(unet));
    expect(stackLevels(scene)).toEqual(scene.columns.map((c) => Math.log2(128 / c.spatial!)));
  });
  it('no U without a long skip between equal resolutions', () => {
    const spatial = [224, 112, 56, 28, 14, 7];
    expect(
      uLevels(
        spatial,
        spatial.slice(1).map((_, i) => ({ source: i, target: i + 1 })),
      ),
    ).toBeNull();
    // A residual skip at one resolution is not a U either.
    expect(
      uLevels(
        [56, 56, 56, 56],
        [
          { source: 0, target: 1 },
          { source: 1, target: 2 },
          { source: 2, target: 3 },
          { source: 0, target: 3 },
        ],
      ),
    ).toBeNull();
  });
  it.each(['specs/unet.yaml', 'specs/unet_3d.yaml'])('%s: deeper levels lower, read left to right, skips drawn across over the top', async (path) => {
    const fit = fitStack(await spec(path), frameFor('16:9'), {});
    const scene = stackScene(fit.model);
    const levels = stackLevels(scene)!;
    expect(levels).not.toBeNull();
    const cols = fit.layout.columns;
    for (let i = 1; i < cols.length; i++) {
      expect(cols[i]!.left).toBeGreaterThan(cols[i - 1]!.left);
      if (levels[i]! > levels[i - 1]!) expect(cols[i]!.cy).toBeGreaterThan(cols[i - 1]!.cy);
      if (levels[i]! < levels[i - 1]!) expect(cols[i]!.cy).toBeLessThan(cols[i - 1]!.cy);
    }
    const skips = fit.layout.links.filter((l) => l.kind === 'skip');
    // U-Net has four skips and 3D U-Net three, each between boxes of the same level, horizontal across.
    expect(skips.length).toBe(path.includes('3d') ? 3 : 4);
    for (const s of skips) {
      expect(levels[s.source]).toBe(levels[s.target]);
      const across = s.points[1]!;
      expect(s.points[2]!.y).toBe(across.y);
      expect(across.y).toBeLessThan(cols[s.source]!.solid.y);
    }
  });
  it('the graph view draws the U too, as the paper does: the contracting arm down the left, the expanding arm up the right, skips across', async () => {
    const model = buildDiagramModel(unet);
    const layout = layoutGraphU(model)!;
    expect(layout).not.toBeNull();
    const at = (id: string) => layout.items.find((p) => p.item.id === id)!;
    // Rows by level: deeper is lower; the encoder's and the decoder's boxes of a level share a row.
    expect(at('bottleneck').y).toBeGreaterThan(at('enc2').y);
    expect(at('enc2').y).toBeGreaterThan(at('enc1').y);
    expect(at('enc2').y + at('enc2').height / 2).toBe(at('cat2').y + at('cat2').height / 2);
    // Left arm left of the right arm; each arm reads left to right, the U widening as it climbs.
    expect(at('enc2').x + at('enc2').width).toBeLessThan(at('up2').x);
    expect(at('pool1').x).toBeLessThan(at('enc2').x);
    expect(at('head').x + at('head').width).toBeGreaterThan(at('dec2').x + at('dec2').width);
    expect(at('input').x).toBeLessThan(at('pool1').x);
    expect(at('pool1').x).toBeLessThan(at('pool2').x);
    // Each skip runs straight across between the arms (over the row's boxes in between).
    for (const [source, target] of [
      ['enc1', 'cat1'],
      ['enc2', 'cat2'],
    ]) {
      const skip = layout.edges.find((e) => e.edge.source === source && e.edge.target === target)!;
      expect(skip.points[1]!.y).toBe(skip.points[2]!.y);
      expect(skip.points[1]!.y).toBeLessThan(at(source).y);
    }
    // No two boxes overlap.
    const boxes = layout.items;
    for (const a of boxes)
      for (const b of boxes) if (a !== b) expect(a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y).toBe(true);
    expect(layoutGraphU(buildDiagramModel(smallCnn))).toBeNull();
    const svg = await renderDiagram(unet, { view: 'graph', layout: 'u' });
    expect(parseSvg(svg).querySelectorAll('g.node').length).toBe(unet.nodes.length);
  });

  it('an autoencoder without skips is an hourglass, drawn as a U too (its dense code at the bottom)', async () => {
    const scene = stackScene(buildDiagramModel(await spec('test/render/specs/autoencoder.yaml')));
    // 64 → 32 → 16 → 8, the code (flatten, dense, dense) below, then 8 → 16 → 32 → 64.
    expect(stackLevels(scene)).toEqual([0, 1, 2, 3, 4, 4, 4, 3, 2, 1, 0]);
    expect(stackLevels(stackScene(buildDiagramModel(await spec('specs/vgg16.yaml'))))).toBeNull();
    expect(layoutGraphU(buildDiagramModel(await spec('specs/vgg16.yaml')))).toBeNull();
  });

  it('--layout line draws U-Net on one line', async () => {
    const fit = fitStack(await spec('specs/unet.yaml'), frameFor('none'), { layout: 'line' });
    expect(new Set(fit.layout.columns.map((c) => c.cy)).size).toBe(1);
  });
});

describe('--block', () => {
  it("Inception-v3's mixed0: its four branches on the 35×35×192 input, concatenated to 35×35×256", async () => {
    const block = selectBlock(await spec('specs/inception_v3.yaml'), 'mixed0');
    expect(block.inputs.map((i) => i.shape)).toEqual([[35, 35, 192]]);
    expect(block.outputs.map((o) => o.shape)).toEqual([[35, 35, 256]]);
    const fit = fitStack(block, frameFor('16:9'), {});
    expect(sketch(stackScene(fit.model).structure.segments)).toMatch(/^c0 \[[^|]+\|[^|]+\|[^|]+\|[^|]+\] c\d+ c\d+$/);
    expect(fit.readable).toBe(true);
  });
  it("ResNet-50's conv2.block1: 56×56×64 in, 56×56×256 out, 76,928 parameters, the projection on its arc", async () => {
    const block = selectBlock(await spec('specs/resnet50.yaml'), 'conv2.block1');
    expect(block.inputs.map((i) => i.shape)).toEqual([[56, 56, 64]]);
    expect(block.outputs.map((o) => o.shape)).toEqual([[56, 56, 256]]);
    expect(block.totals.params).toBe(76928);
    const fit = fitStack(block, frameFor('16:9'), {});
    expect(sketch(stackScene(fit.model).structure.segments)).toMatch(/^c0 \(c\d+ c\d+ c\d+\/c\d+\) c\d+ c\d+$/);
  });
  // Shapes as Keras gives them (test/fixtures/keras/apps: mixed0 → 35×35×256, conv2_block1_out → 56×56×256).
  it.each([
    ['specs/inception_v3.yaml', 'mixed0', '35×35×192', '35×35×256'],
    ['specs/resnet50.yaml', 'conv2.block1', '56×56×64', '56×56×256'],
  ])('%s --block %s: Input %s at the left border, Output %s at the right, in both views', async (file, name, input, output) => {
    const graph = await spec(file);
    const texts = (svg: string, title: string) =>
      [...parseSvg(svg).querySelectorAll('g.node')]
        .map((n) => [...n.querySelectorAll('text')].map((t) => t.textContent).join(' '))
        .filter((t) => t.includes(title));
    const graphSvg = await renderDiagram(graph, { view: 'graph', block: name });
    expect(texts(graphSvg, 'Input')).toEqual([expect.stringContaining(input)]);
    expect(texts(graphSvg, 'Output')).toEqual([expect.stringContaining(output)]);
    const columns = fitStack(selectBlock(graph, name), frameFor('16:9'), {}).model.items;
    expect([columns[0]!.title, formatDims(columns[0]!.shape)]).toEqual(['Input', input]);
    expect([columns.at(-1)!.title, formatDims(columns.at(-1)!.shape)]).toEqual(['Output', output]);
  });
  it('an unknown name: did you mean, and the names there are', async () => {
    const graph = await spec('specs/inception_v3.yaml');
    const error = (() => {
      try {
        selectBlock(graph, 'mixed_0');
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(UnknownBlockError);
    expect((error as Error).message).toContain("did you mean 'mixed0'?");
    expect((error as Error).message).toMatch(/blocks: .*mixed1.*mixed10/);
  });
  it('draws in the graph view too', async () => {
    const svg = await renderDiagram(await spec('specs/inception_v3.yaml'), { view: 'graph', block: 'mixed0' });
    expect(parseSvg(svg).querySelectorAll('g.node').length).toBe(selectBlock(await spec('specs/inception_v3.yaml'), 'mixed0').nodes.length);
  });
});

describe('--show', () => {
  const conv: VisibleItem = {
    id: 'c',
    type: 'layer',
    family: 'conv',
    title: 'Conv2D 64 3×3',
    shape: [224, 224, 64],
    drawnShape: [224, 224, 64],
    params: 1792,
    macs: 86_704_128,
    activation: 'relu',
    parent: null,
    order: 1,
    nodes: [],
  };
  it.each([
    ['default: shape and the fused activation', undefined, { title: 'Conv2D 64 3×3 · relu', shape: '224×224×64', details: [] }],
    ['shape only', ['shape'], { title: 'Conv2D 64 3×3', shape: '224×224×64', details: [] }],
    ['params and MACs', ['params', 'macs'], { title: 'Conv2D 64 3×3', details: ['1,792 params', '86.7M MACs'] }],
  ] as const)('%s', (_, show, expected) => {
    expect(itemLabel(conv, show)).toEqual(expected);
  });
  it('an activation layer folded into its box reads as fused (ResNet: Conv2D 64 7×7 /2 · relu)', async () => {
    const svg = await renderDiagram(await spec('specs/resnet50.yaml'), { view: 'stack', depth: 1 });
    expect(svg).toContain('7×7 /2 · relu');
  });
});

describe('every library spec, default stack diagram (16:9)', () => {
  const specs = readdirSync('specs').filter((f) => f.endsWith('.yaml'));
  it.each(specs)('%s: readable on the slide; no overlaps, no link through a box, all on the canvas', async (file) => {
    const graph = await spec(`specs/${file}`);
    const frame = frameFor('16:9');
    const fit = fitStack(graph, frame, {});
    expect(fit.readable).toBe(true);
    const canvas = stackCanvas(fit.model, fit.layout);
    // Text of 11 units, shown in a 16:9 frame 1,920 px wide: at least 12 px.
    expect((11 * 1920) / Math.max(canvas.width, (canvas.height * 16) / 9)).toBeGreaterThanOrEqual(12);
    const rects = fit.layout.columns.flatMap((c) => [boxRect(c), ...labelRects(c)]);
    expect(overlapping(rects)).toEqual([]);
    expect(linksThroughBoxes(fit.layout)).toEqual([]);
    expect(outsideCanvas(fit.layout)).toEqual([]);
    // The shared figure invariants, as the graph view's are checked: overlaps, edges through boxes,
    // text on the canvas, the frame's aspect, text of 12 px or more on a 1,920-px slide.
    expect(figureProblems(stackFigure(fit.model, fit.layout, frame), 16 / 9)).toEqual([]);
  });
});

describe("the lecture's blocks drawn alone (--block), and the autoencoder: sound figures", () => {
  it.each([
    ['specs/inception_v3.yaml', 'mixed0'],
    ['specs/resnet50.yaml', 'conv3.block1'],
    ['specs/densenet121.yaml', 'conv2.dense_block'],
    ['specs/inception_resnet_v2.yaml', 'block35_1'],
    ['test/render/specs/autoencoder.yaml', undefined],
  ])('%s %s', async (path, block) => {
    const whole = await spec(path);
    const frame = frameFor('16:9');
    const fit = fitStack(block ? selectBlock(whole, block) : whole, frame, {});
    expect(fit.readable).toBe(true);
    expect(figureProblems(stackFigure(fit.model, fit.layout, frame), 16 / 9)).toEqual([]);
    expect(linksThroughBoxes(fit.layout)).toEqual([]);
  });
});
