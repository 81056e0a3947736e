// The playground in a real browser (Debian's chromium through playwright-core): type a spec and
// see the totals, make an error and see it on its line, link diagram and YAML, follow the file on
// disk, export SVG/PNG/model.json, and time edit-to-update on ResNet-50. Expected figures are the
// lecture's (Setting A: 328, Setting B: 320 + 2,312 = 2,632) and Keras's (ResNet50: 25,636,712).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildWeb } from '../../scripts/build-web.js';
import { packageRoot } from '../../src/serve/files.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { launchChromium, type LaunchedBrowser } from './browser.js';
import './page-api.js';

const ROOT = packageRoot();
const SETTING_A = readFileSync(join(ROOT, 'examples/lecture/setting-a.yaml'), 'utf8');
const SETTING_B = readFileSync(join(ROOT, 'examples/lecture/setting-b.yaml'), 'utf8');
const TIMING_FILE = join(ROOT, 'dist', 'e2e', 'serve-edit-timing.json');

let dir: string;
let webDir: string;
let specPath: string;
let server: RunningServer;
let launched: LaunchedBrowser | undefined;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'netspec-e2e-'));
  webDir = join(dir, 'web');
  await buildWeb({ outDir: webDir });
  specPath = join(dir, 'model.yaml');
  writeFileSync(specPath, SETTING_B);
  server = await startServer({ port: 0, webDir, specPath });
  launched = await launchChromium();
  context = await launched.browser.newContext({ acceptDownloads: true, viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(server.url);
  await page.waitForSelector('body[data-version]', { timeout: 60_000 });
}, 240_000);

afterAll(async () => {
  await launched?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const totalParams = (): Promise<string | null> => page.textContent('[data-total="params"] .v');

async function waitForTotal(text: string, timeout = 30_000): Promise<void> {
  try {
    await page.waitForFunction(
      (want) => document.querySelector('[data-total="params"] .v')?.textContent === want && !document.querySelector('#totals.stale'),
      text,
      { timeout },
    );
  } catch (err) {
    const shot = join(tmpdir(), `netspec-e2e-failure-${Date.now()}.png`);
    await page.screenshot({ path: shot });
    throw new Error(`total params did not become ${text} (shows ${await totalParams()}); screenshot: ${shot}`, { cause: err });
  }
}

/** Replaces the editor's text the way a user pasting does. */
async function typeSpec(text: string): Promise<void> {
  await page.click('.cm-content');
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText(text);
}

describe('the page bundle', () => {
  test('imports no node: module, and TensorFlow.js only from a lazily loaded chunk', () => {
    const files = readdirSync(webDir).filter((f) => f.endsWith('.js'));
    for (const file of files) expect(readFileSync(join(webDir, file), 'utf8')).not.toMatch(/(\bfrom|\bimport\(?)\s*["']node:/);
    const main = readFileSync(join(webDir, 'main.js'), 'utf8');
    expect(main).not.toContain('registerBackend');
    expect(files.filter((f) => f !== 'main.js' && readFileSync(join(webDir, f), 'utf8').includes('registerBackend'))).toHaveLength(1);
  });
});

describe('the playground page', () => {
  test('opens on the followed file; typing a spec changes the totals and the table', async () => {
    await waitForTotal('2,632');
    await typeSpec(SETTING_A);
    await waitForTotal('328');
    const row = page.locator('#summary tbody tr[data-name="conv2d"]');
    await expect.poll(() => row.textContent()).toContain('(None, 120, 60, 4)');
    expect(await page.locator('.diagram .node').count()).toBeGreaterThanOrEqual(2);
  });

  test('an error shows on its own line, in the editor and in the problem list', async () => {
    const broken = [
      'name: broken',
      'input: [64, 64, 1]',
      'layers:',
      '  - conv2d: {filters: 8, kernel_size: 3}',
      '  - flatten',
      '  - dense: {unitz: 10}',
      '',
    ].join('\n');
    await typeSpec(broken);
    const problem = page.locator('.problem.error').first();
    await problem.waitFor({ timeout: 30_000 });
    expect(await problem.getAttribute('data-line')).toBe('6');
    expect(await problem.textContent()).toContain('unitz');
    const markedLine = await page.evaluate(() => [...document.querySelectorAll('.cm-line')].findIndex((line) => line.querySelector('.cm-lintRange-error')) + 1);
    expect(markedLine).toBe(6);
    expect(await page.locator('#totals.stale').count()).toBe(1);
  });

  test('clicking a box highlights its YAML line, clicking a line marks its box; hovering explains', async () => {
    await typeSpec(SETTING_B);
    await waitForTotal('2,632');
    await page.click('.diagram .node[data-id="conv2d_1"]');
    await expect.poll(() => page.locator('.cm-ns-selected').first().textContent()).toContain('filters: 8');
    expect(await page.getAttribute('#summary tr.selected', 'data-name')).toBe('conv2d_1');

    await page.locator('.cm-line', { hasText: 'filters: 32' }).click();
    await expect.poll(() => page.getAttribute('.diagram .node.selected', 'data-id')).toBe('conv2d');
    expect(await page.getAttribute('#summary tr.selected', 'data-name')).toBe('conv2d');

    await page.hover('.diagram .node[data-id="conv2d_1"]');
    await page.waitForSelector('#tooltip:not([hidden])');
    const card = await page.textContent('#tooltip');
    expect(card).toContain('(None, 60, 15, 8)');
    expect(card).toContain('params = (3·3·32 + 1)·8 = 2312');
  });

  test('saving the file on disk updates the page', async () => {
    writeFileSync(specPath, SETTING_A);
    await waitForTotal('328');
    expect(await page.textContent('.cm-content')).toContain('setting A');
  });

  test('export buttons give an SVG, a PNG, and model.json with its weights', async () => {
    await waitForTotal('328');
    const [svg] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
    expect(svg.suggestedFilename()).toBe('setting-a.svg');
    expect(readFileSync((await svg.path())!, 'utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);

    const [png] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    expect(png.suggestedFilename()).toBe('setting-a.png');
    expect(readFileSync((await png.path())!).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

    const downloads = new Map<string, string>();
    const both = new Promise<void>((resolve) => {
      page.on('download', async (d) => {
        downloads.set(d.suggestedFilename(), (await d.path())!);
        if (downloads.size === 2) resolve();
      });
    });
    await page.click('#export-model');
    await both;
    const modelJson = JSON.parse(readFileSync(downloads.get('model.json')!, 'utf8'));
    expect(modelJson.format).toBe('layers-model');
    expect(modelJson.weightsManifest[0].paths).toEqual(['group1-shard1of1.bin']);
    // Setting A: 9·9·1·4 + 4 = 328 float32 parameters.
    expect(readFileSync(downloads.get('group1-shard1of1.bin')!).byteLength).toBe(328 * 4);
    expect(await page.textContent('#status')).toBe('exported model.json');
  }, 120_000);

  test('ResNet-50 from the gallery: edit-to-update time', async () => {
    await page.selectOption('#gallery', { label: 'resnet50.yaml' });
    await waitForTotal('25,636,712', 60_000);
    // The input size: every shape and MAC count changes, the parameter count (and so the spec's
    // expect:) does not, and the whole page redraws.
    const edits = ['192', '224', '192', '224', '192', '224'];
    const runs: { analysed: number; table: number; total: number; wall: number }[] = [];
    for (const size of edits) {
      await page.waitForFunction(() => window.netspec.idle());
      const before = await page.evaluate(() => window.netspec.timings.length);
      await page
        .locator('.cm-line', { hasText: /^\s*size: \d+\s*$/ })
        .first()
        .click();
      await page.keyboard.press('End');
      await page.keyboard.press('Shift+Control+ArrowLeft');
      const started = Date.now();
      await page.keyboard.insertText(size);
      await page.waitForFunction(
        ({ shape, n }) => document.querySelector('#summary tr[data-name="input_layer"]')?.textContent?.includes(shape) && window.netspec.timings.length > n,
        { shape: `(None, ${size}, ${size}, 3)`, n: before },
        { timeout: 30_000 },
      );
      const wall = Date.now() - started;
      const timing = await page.evaluate(() => window.netspec.timings[window.netspec.timings.length - 1]!);
      runs.push({ analysed: timing.analysed, table: timing.table, total: timing.total, wall });
    }
    await waitForTotal('25,636,712');
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const report = {
      spec: 'specs/resnet50.yaml',
      edits: runs.length,
      median_ms: {
        analysis: Math.round(median(runs.map((r) => r.analysed))),
        editor_totals_table: Math.round(median(runs.map((r) => r.table))),
        with_diagram: Math.round(median(runs.map((r) => r.total))),
        wall_from_test: Math.round(median(runs.map((r) => r.wall))),
      },
      target_ms: 200,
      runs,
    };
    mkdirSync(join(ROOT, 'dist', 'e2e'), { recursive: true });
    writeFileSync(TIMING_FILE, JSON.stringify(report, null, 2) + '\n');
    console.log(`ResNet-50 edit-to-update (median of ${runs.length}): ${JSON.stringify(report.median_ms)} → ${TIMING_FILE}`);
    // The 200 ms target is reported, not asserted: the machine is shared. This bound catches a regression.
    expect(report.median_ms.editor_totals_table).toBeLessThan(2000);
  }, 180_000);

  test('a collapsed block can be drawn alone (as --block), and the whole network again', async () => {
    // ResNet-50, its blocks collapsed by the automatic depth.
    await page.selectOption('#gallery', { label: 'resnet50.yaml' });
    await waitForTotal('25,636,712', 60_000);
    await page.waitForSelector('#diagram g.node.collapsed', { state: 'attached' });
    const box = page.locator('#diagram g.node.collapsed').first();
    const id = await box.getAttribute('data-id');
    // The box may lie outside the zoomed panel: the click is dispatched on it, as the page listens for it.
    await box.dispatchEvent('click');
    await page.waitForSelector('#draw-alone:not([hidden])');
    expect(await page.textContent('#draw-alone')).toBe(`Draw ${id} alone`);
    await page.click('#draw-alone');
    await page.waitForFunction((title) => document.querySelector('#diagram text.title')?.textContent?.startsWith(title), `resnet50 · ${id}`);
    expect(await page.locator('#diagram g.node.collapsed').count()).toBe(0);
    expect(await page.textContent('#draw-alone')).toBe('Whole network');
    await page.click('#draw-alone');
    await page.waitForFunction(
      () =>
        document.querySelector('#diagram text.title')?.textContent?.startsWith('resnet50 ') && document.querySelector('#draw-alone')?.hasAttribute('hidden'),
    );
  }, 60_000);

  test('a gallery spec that extends another (VGG19 on VGG16) analyses in the page', async () => {
    await page.selectOption('#gallery', { label: 'vgg19.yaml' });
    // keras.applications.VGG19().count_params()
    await waitForTotal('143,667,240', 60_000);
  });

  test('no script errors on the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
