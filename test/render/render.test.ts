import { describe, expect, it } from 'vitest';
import { renderDiagram, svgToPng, type DiagramOptions } from '../../src/render/index.js';
import { buildDiagramModel } from '../../src/render/model.js';
import type { IRGraph } from '../../src/ir/types.js';
import { chain, conv3d, denseBlock, inception, residual, resnet, smallCnn, unet } from './fixtures.js';
import { graphRects, minFontSize, overlaps, parseSvg, textRects, viewBox } from './inspect.js';

const FIXTURES: [string, IRGraph][] = [
  ['small CNN', smallCnn],
  ['residual block', residual],
  ['inception block', inception],
  ['dense block', denseBlock],
  ['U-Net skips', unet],
  ['Conv3D volumes', conv3d],
  ['60-node chain', chain(60)],
  ['ResNet of 4 blocks', resnet([1, 1, 1, 1])],
];

describe('graph view structure', () => {
  it.each(FIXTURES)('%s: a node per IR node, an edge per connection, a group per block', async (_, graph) => {
    const root = parseSvg(await renderDiagram(graph, { view: 'graph' }));
    expect(root.querySelectorAll('g.node').length).toBe(graph.nodes.length);
    const connections = graph.nodes.reduce((a, n) => a + n.inputs.length, 0);
    expect(root.querySelectorAll('path.edge').length).toBe(connections);
    const drawn = [...root.querySelectorAll('g.group')].flatMap((g) => [g.getAttribute('data-id'), ...(g.getAttribute('data-wraps')?.split(' ') ?? [])]);
    expect(drawn.sort()).toEqual(graph.groups.map((g) => g.id).sort());
    const ids = [...root.querySelectorAll('g.node')].map((g) => g.getAttribute('data-id'));
    expect(ids).toEqual(graph.nodes.map((n) => n.name));
  });

  it.each(FIXTURES)('%s: no node box or edge label overlaps another', async (_, graph) => {
    for (const direction of ['TB', 'LR'] as const) {
      const root = parseSvg(await renderDiagram(graph, { view: 'graph', direction }));
      expect(overlaps(graphRects(root))).toEqual([]);
    }
  });

  it('collapses groups beyond the depth into one box each, with the edges between visible items', async () => {
    const graph = resnet([2, 1, 1, 1]);
    const top = parseSvg(await renderDiagram(graph, { view: 'graph', depth: 1 }));
    const topLevel = graph.nodes.filter((n) => n.groupPath.length === 0).length;
    expect(top.querySelectorAll('g.node').length).toBe(topLevel + 5);
    expect(top.querySelectorAll('g.node.collapsed').length).toBe(5);
    expect(top.querySelectorAll('g.group').length).toBe(0);
    expect(top.querySelectorAll('path.edge').length).toBe(topLevel + 5 - 1);
    const collapsed = top.querySelector('g.node.collapsed[data-id="stage1.bottleneck"]')!;
    expect(collapsed.textContent).toContain('56×56×256');
    expect(collapsed.textContent).toContain('params');

    // Depth 2 opens each block, which holds nothing but its collapsed residual: no frame around a
    // single box, the box carries the block's name.
    const two = parseSvg(await renderDiagram(graph, { view: 'graph', depth: 2 }));
    expect(two.querySelectorAll('g.group').length).toBe(0);
    expect(two.querySelectorAll('g.node.collapsed').length).toBe(5);
    expect(two.querySelector('g.node.collapsed[data-id="stage1.bottleneck.residual"]')!.textContent).toContain('bottleneck');

    const three = parseSvg(await renderDiagram(graph, { view: 'graph', depth: 3 }));
    expect(three.querySelectorAll('g.group').length).toBe(5);
    expect(three.querySelectorAll('g.node.collapsed').length).toBe(0);
  });

  it('labels edges with the tensor shape (unknown sizes as ?) only when the boxes do not show it', async () => {
    const edgeLabels = async (show: ('shape' | 'params')[]) =>
      [...parseSvg(await renderDiagram(chain(4), { view: 'graph', show })).querySelectorAll('g.edge-label text')].map((t) => t.textContent);
    expect(await edgeLabels(['params'])).toEqual(['?×?×3', '?×?×16', '?×?×16']);
    expect(await edgeLabels(['shape'])).toEqual([]);
    const boxes = parseSvg(await renderDiagram(chain(4), { view: 'graph' }));
    expect([...boxes.querySelectorAll('g.node text')].map((t) => t.textContent)).toContain('?×?×16');
  });
});

describe('stack view structure', () => {
  it('folds shape-preserving norm/activation/dropout layers into the box before them', async () => {
    const root = parseSvg(await renderDiagram(smallCnn, { view: 'stack' }));
    const ids = [...root.querySelectorAll('g.node')].map((g) => g.getAttribute('data-id'));
    expect(ids).toEqual(['input', 'conv2d', 'max_pooling2d', 'conv2d_1', 'max_pooling2d_1', 'flatten', 'dense', 'dense_1']);
    expect(root.querySelector('g.node[data-id="dense"]')!.getAttribute('data-folded')).toBe('dropout');
  });

  it.each([
    [
      'U-Net skips',
      unet,
      [
        ['enc1', 'cat1'],
        ['enc2', 'cat2'],
      ],
    ],
    ['residual identity shortcut', residual, [['stem', 'res.add']]],
    [
      'dense block concatenations',
      denseBlock,
      [
        ['input', 'db.concatenate'],
        ['db.concatenate', 'db.concatenate_1'],
      ],
    ],
  ] as const)('%s arc over the main path', async (_, graph, skips) => {
    const root = parseSvg(await renderDiagram(graph, { view: 'stack' }));
    const arcs = [...root.querySelectorAll('path.skip')].map((p) => [p.getAttribute('data-source'), p.getAttribute('data-target')]);
    expect(arcs.sort()).toEqual([...skips].map((s) => [...s]).sort());
  });

  it('draws Conv3D outputs as sliced volumes', async () => {
    const root = parseSvg(await renderDiagram(conv3d, { view: 'stack' }));
    expect(root.querySelector('g.node[data-id="conv3d"]')!.textContent).toContain('30×62×62×16');
    expect(root.querySelectorAll('g.node[data-id="conv3d"] path').length).toBeGreaterThan(3);
  });

  it.each(FIXTURES)('%s: labels and boxes do not overlap', async (_, graph) => {
    const root = parseSvg(await renderDiagram(graph, { view: 'stack' }));
    const labels = textRects(root, 'g.node text');
    expect(overlaps(labels)).toEqual([]);
  });

  it('fits a long network to a 16:9 slide with text of 12 px or more at 1,920 px wide', async () => {
    const root = parseSvg(await renderDiagram(resnet([3, 4, 6, 3]), { view: 'stack', fit: '16:9' }));
    const { width, height } = viewBox(root);
    expect(width / height).toBeCloseTo(16 / 9, 2);
    expect(minFontSize(root) * (1920 / width)).toBeGreaterThanOrEqual(12);
  });
});

describe('slide readability', () => {
  it.each(FIXTURES)('%s: text at least 10 px when drawn 1280 px wide (graph, TB)', async (_, graph) => {
    const root = parseSvg(await renderDiagram(graph, { view: 'graph', direction: 'TB', layout: 'line' }));
    expect(minFontSize(root) * (1280 / viewBox(root).width)).toBeGreaterThanOrEqual(10);
  });

  it('keeps the aspect ratio when a width is asked for', async () => {
    const root = parseSvg(await renderDiagram(smallCnn, { view: 'stack', width: 1280 }));
    const { width, height } = viewBox(root);
    expect(root.getAttribute('width')).toBe('1280');
    expect(Number(root.getAttribute('height'))).toBeCloseTo((1280 * height) / width, 0);
  });
});

describe('self-contained, deterministic output', () => {
  it.each([
    ['graph', 'light'],
    ['stack', 'dark'],
  ] as const)('%s view (%s) is byte-identical across runs and has no scripts, HTML text or CSS classes for style', async (view, theme) => {
    const options: DiagramOptions = { view, theme };
    const first = await renderDiagram(unet, options);
    expect(await renderDiagram(unet, options)).toBe(first);
    expect(first).not.toMatch(/<script|<foreignObject|<style|NaN|undefined/);
    expect(first.startsWith('<svg ')).toBe(true);
    expect(first).toContain('xmlns="http://www.w3.org/2000/svg"');
  });

  it('escapes names as text', async () => {
    const svg = await renderDiagram({ ...smallCnn, name: 'a<b> & "c"' }, { view: 'graph' });
    expect(svg).toContain('a&lt;b&gt; &amp; "c"');
    expect(svg).not.toContain('a<b>');
  });

  it('builds the same model whatever the group order in the IR', () => {
    const graph = resnet([2, 1, 1, 1]);
    const shuffled = { ...graph, groups: [...graph.groups].reverse() };
    expect(buildDiagramModel(shuffled, 2)).toEqual(buildDiagramModel(graph, 2));
  });
});

describe('PNG', () => {
  const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const pngWidth = (png: Uint8Array) => new DataView(png.buffer, png.byteOffset).getUint32(16);

  it('renders a non-empty PNG at the requested width, with text drawn', async () => {
    const svg = await renderDiagram(smallCnn, { view: 'stack' });
    const png = svgToPng(svg, { width: 1280 });
    expect([...png.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(pngWidth(png)).toBe(1280);
    // Text makes a difference: the same drawing without its text compresses smaller.
    const textless = svgToPng(svg.replace(/<text[\s\S]*?<\/text>/g, ''), { width: 1280 });
    expect(png.length).toBeGreaterThan(textless.length * 1.2);
  });

  it('scales by --scale', async () => {
    const svg = await renderDiagram(residual, { view: 'graph' });
    expect(pngWidth(svgToPng(svg, { scale: 2 }))).toBe(2 * viewBox(parseSvg(svg)).width);
  });
});
