// PNG size budget: resvg aborts the process past its pixmap limits, so the zoom is capped.
import { describe, expect, it } from 'vitest';
import { pngZoom } from '../../src/render/node.js';

const svgOf = (w: number, h: number) => `<svg width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" xmlns="http://www.w3.org/2000/svg"></svg>`;

describe('pngZoom', () => {
  it.each([
    // [svg width, svg height, options, expected zoom, shrunk]
    [800, 600, { scale: 2 }, 2, false],
    [800, 600, { width: 1600 }, 2, false],
    [473.5, 56518, { scale: 2 }, 2, false],
    [473.5, 56518, { scale: 4 }, Math.sqrt(120e6 / (473.5 * 56518)), true],
    [20_000, 20_000, { scale: 2 }, Math.sqrt(120e6 / 4e8), true],
  ])('%s×%s with %j', (w, h, options, zoom, shrunk) => {
    const result = pngZoom(svgOf(w, h), options);
    expect(result.zoom).toBeCloseTo(zoom, 6);
    expect(result.shrunk).toBe(shrunk);
  });
});
