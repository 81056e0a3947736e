// Names full of markup characters: the SVG stays well-formed XML (resvg's parser is strict) and the
// text reads back exactly; the PNG renders.
import { Resvg } from '@resvg/resvg-js';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { renderDiagram, svgToPng, type DiagramOptions } from '../../src/render/index.js';
import { makeGraph } from './fixtures.js';

const NASTY = `conv&bn <"q'> &amp; ]]>\u0007`;
const graph = makeGraph(
  `net ${NASTY}`,
  [
    { name: 'input', kind: 'InputLayer', family: 'input', label: 'Input', shape: [8, 8, 1] },
    { name: `${NASTY}.conv`, kind: 'Conv2D', family: `fam&"<>'`, label: `Conv2D ${NASTY}`, shape: [8, 8, 4], params: 40, groupPath: [NASTY] },
    { name: 'dense', kind: 'Dense', family: 'dense', label: 'Dense 2', shape: [2], params: 514 },
  ],
  [{ id: NASTY, kind: 'block', blockName: NASTY }],
);

describe('SVG escaping', () => {
  it.each<DiagramOptions>([{ view: 'graph' }, { view: 'graph', depth: 1 }, { view: 'stack' }, { view: 'stack', depth: 1 }])(
    '%o: well-formed XML whose text reads back, and a PNG',
    async (options) => {
      const svg = await renderDiagram(graph, options);
      expect(() => new Resvg(svg)).not.toThrow();
      const { document } = parseHTML('<!doctype html><html><body></body></html>');
      const parsed = new document.defaultView!.DOMParser().parseFromString(svg, 'image/svg+xml');
      const text = parsed.documentElement.textContent ?? '';
      expect(text).toContain('conv&bn <"q\'> &amp; ]]>');
      expect(text).not.toContain('\u0007');
      expect(svgToPng(svg, { scale: 1 }).length).toBeGreaterThan(100);
    },
  );
});
