// The PNG rasteriser (resvg) must draw every golden SVG as Chromium does: same boxes, arrowheads,
// text placement. Both bitmaps are shrunk to 4×4-px cells of grey, where two font rasterisers agree;
// a cell differing by more than 48 of 255 grey levels is a real difference.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { svgToPng } from '../../src/render/index.js';
import { launchChromium, type LaunchedBrowser } from '../e2e/browser.js';
import { differingShare, greyGrid } from './bitmap.js';
import { compactSvg } from './pretty-svg.js';

const GOLDEN = join(import.meta.dirname, 'golden');
const CELL = 4;
const THRESHOLD = 48;
/** Share of cells allowed to differ; the old unrotated arrowheads differed in 0.2 % of cells. */
const TOLERANCE = 0.0005;

let launched: LaunchedBrowser;
beforeAll(async () => {
  launched = await launchChromium();
});
afterAll(async () => {
  await launched?.close();
});

async function inChromium(svg: string): Promise<Uint8Array> {
  const width = Math.ceil(Number(/<svg[^>]*? width="([\d.]+)"/.exec(svg)![1]));
  const height = Math.ceil(Number(/<svg[^>]*? height="([\d.]+)"/.exec(svg)![1]));
  const page = await launched.browser.newPage({ deviceScaleFactor: 1, viewport: { width, height } });
  try {
    await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
    return await page.screenshot({ clip: { x: 0, y: 0, width, height } });
  } finally {
    await page.close();
  }
}

const share = async (svg: string) => differingShare(greyGrid(svgToPng(svg, { scale: 1 }), CELL), greyGrid(await inChromium(svg), CELL), THRESHOLD);

describe('PNG equal to the browser', () => {
  const files = readdirSync(GOLDEN).filter((f) => f.endsWith('.svg'));

  it.each(files)('%s', async (file) => {
    const svg = compactSvg(readFileSync(join(GOLDEN, file), 'utf8')); // as the renderer wrote it
    expect(await share(svg)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('tells apart a drawing resvg gets wrong (a marker with orient="auto-start-reverse")', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120" viewBox="0 0 120 120"><rect width="120" height="120" fill="#fff"/>' +
      '<defs><marker id="m" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker></defs>' +
      '<path d="M60,10 L60,100" stroke="#333" stroke-width="1.4" marker-end="url(#m)"/></svg>';
    expect(await share(svg)).toBeGreaterThan(TOLERANCE);
  });
});
