// The playground keeps every edit (issue 10, item 1), in a real browser (Debian's chromium through
// playwright-core): Ctrl+S and the Save button write the file; a touch, a save of identical bytes
// and a server restart keep unsaved edits; a change on disk under unsaved edits shows the conflict
// bar, whose three choices work; closing a page with unsaved edits asks first. Also: editing the
// extends base updates the page, and gallery file names are text, never HTML.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { buildWeb } from '../../scripts/build-web.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { launchChromium, type LaunchedBrowser } from './browser.js';
import './page-api.js';

// Lecture L11, Setting A: Conv2D(4, 9×9, strides (1, 2)) on 128×128×1 → 328 parameters.
const BASE = ['input: [128, 128, 1]', 'layers:', "  - Conv2D(filters=4, kernel_size=(9, 9), strides=(1, 2), padding='valid')", ''].join('\n');
const SPEC = 'extends: base.yaml\nname: followed\n';
const HOSTILE_NAME = '<img src=x onerror="document.body.dataset.pwned=1">.yaml';

let dir: string;
let webDir: string;
let root: string;
let specPath: string;
let server: RunningServer;
let port: number;
let launched: LaunchedBrowser | undefined;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

const serve = (): Promise<RunningServer> => startServer({ port, root, webDir, specPath });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'netspec-e2e-save-'));
  webDir = join(dir, 'web');
  root = join(dir, 'project');
  mkdirSync(join(root, 'specs'), { recursive: true });
  writeFileSync(join(root, 'specs', HOSTILE_NAME), 'input: [4]\nlayers: [flatten]\n');
  await buildWeb({ outDir: webDir });
  specPath = join(root, 'model.yaml');
  writeFileSync(join(root, 'base.yaml'), BASE);
  writeFileSync(specPath, SPEC);
  port = 0;
  server = await serve();
  port = server.port;
  launched = await launchChromium();
  context = await launched.browser.newContext({ viewport: { width: 1280, height: 800 } });
}, 240_000);

afterAll(async () => {
  await launched?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh page on the followed file as it is on disk now. */
beforeEach(async () => {
  await page?.close();
  writeFileSync(specPath, SPEC);
  writeFileSync(join(root, 'base.yaml'), BASE);
  page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(server.url);
  await page.waitForFunction((text) => window.netspec?.text() === text && document.body.dataset.dirty === 'false', SPEC, { timeout: 60_000 });
  await waitForTotal('328');
}, 90_000);

const editorText = (): Promise<string> => page.evaluate(() => window.netspec.text());
const dirty = (): Promise<string | undefined> => page.evaluate(() => document.body.dataset.dirty);

async function waitForTotal(text: string): Promise<void> {
  await page.waitForFunction(
    (want) => document.querySelector('[data-total="params"] .v')?.textContent === want && !document.querySelector('#totals.stale'),
    text,
    { timeout: 30_000 },
  );
}

/** Types a comment at the end of the editor: an unsaved edit. */
async function editAtEnd(line: string): Promise<string> {
  await page.click('.cm-content');
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText(`${line}\n`);
  await page.waitForFunction(() => document.body.dataset.dirty === 'true');
  return editorText();
}

const onDisk = (): string => readFileSync(specPath, 'utf8');

async function until(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('saving', () => {
  test('Ctrl+S writes the editor text to the file', async () => {
    const mine = await editAtEnd('# saved with ctrl+s');
    await page.keyboard.press('Control+s');
    await until(() => onDisk() === mine);
    await page.waitForFunction(() => document.body.dataset.dirty === 'false');
    expect(await page.textContent('#status')).toBe('saved model.yaml');
  });

  test('the Save button writes it too; a second save over our own save is no conflict', async () => {
    const first = await editAtEnd('# first');
    await page.click('#save');
    await until(() => onDisk() === first);
    const second = await editAtEnd('# second');
    await page.click('#save');
    await until(() => onDisk() === second);
    await page.waitForFunction(() => document.body.dataset.dirty === 'false');
    expect(await page.isHidden('#conflict')).toBe(true);
  });

  test('two saves in quick succession: the second goes out over the first, no conflict', async () => {
    await editAtEnd('# one');
    await page.keyboard.press('Control+s');
    const two = await editAtEnd('# two');
    await page.keyboard.press('Control+s');
    await until(() => onDisk() === two);
    await page.waitForFunction(() => document.body.dataset.dirty === 'false' && document.querySelector('#status')?.textContent === 'saved model.yaml');
    expect(await page.isHidden('#conflict')).toBe(true);
  });
});

describe('unsaved edits are kept', () => {
  test('a metadata-only touch, and a save of identical bytes, keep the edit', async () => {
    const mine = await editAtEnd('# unsaved');
    const later = new Date(Date.now() + 10_000);
    utimesSync(specPath, later, later);
    writeFileSync(specPath, SPEC);
    await page.waitForTimeout(1500);
    expect(await editorText()).toBe(mine);
    expect(await dirty()).toBe('true');
    expect(await page.isHidden('#conflict')).toBe(true);
  });

  test('a server restart (the page reconnects) keeps the edit, and saving works afterwards', async () => {
    const mine = await editAtEnd('# across a restart');
    await server.close();
    await page.waitForFunction(() => document.querySelector('#follow')?.textContent?.includes('reconnecting'), undefined, { timeout: 10_000 });
    server = await serve();
    await page.waitForFunction(() => !document.querySelector('#follow')?.textContent?.includes('reconnecting'), undefined, { timeout: 15_000 });
    await page.waitForTimeout(300);
    expect(await editorText()).toBe(mine);
    expect(await dirty()).toBe('true');
    // The new server has a new token: the page took it from the reconnect.
    await page.keyboard.press('Control+s');
    await until(() => onDisk() === mine);
  }, 60_000);

  test('an external change without unsaved edits simply loads', async () => {
    writeFileSync(specPath, `${SPEC}# from another editor\n`);
    await page.waitForFunction(() => window.netspec.text().includes('# from another editor'));
    expect(await dirty()).toBe('false');
    expect(await page.isHidden('#conflict')).toBe(true);
  });
});

describe('conflict bar', () => {
  const THEIRS = `${SPEC}# theirs\n`;

  async function conflict(): Promise<string> {
    const mine = await editAtEnd('# mine');
    writeFileSync(specPath, THEIRS);
    await page.waitForSelector('#conflict:not([hidden])', { timeout: 10_000 });
    expect(await page.textContent('#conflict .message')).toContain('model.yaml changed on disk');
    expect(await editorText()).toBe(mine);
    return mine;
  }

  test('saving before choosing is refused and writes nothing', async () => {
    await conflict();
    await page.keyboard.press('Control+s');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('keep yours or load theirs first'));
    expect(onDisk()).toBe(THEIRS);
  });

  test('show diff lists the lines of each side', async () => {
    await conflict();
    await page.click('#conflict [data-choice="diff"]');
    await page.waitForSelector('#diff:not([hidden])');
    expect(await page.locator('#diff .diff-removed').allTextContents()).toEqual(['− # theirs']);
    expect(await page.locator('#diff .diff-added').allTextContents()).toEqual(['+ # mine']);
    await page.click('#conflict [data-choice="diff"]');
    expect(await page.isHidden('#diff')).toBe(true);
  });

  test('keep mine: the edit stays, and Save writes it over theirs', async () => {
    const mine = await conflict();
    await page.click('#conflict [data-choice="mine"]');
    expect(await page.isHidden('#conflict')).toBe(true);
    expect(await editorText()).toBe(mine);
    expect(await dirty()).toBe('true');
    expect(onDisk()).toBe(THEIRS);
    await page.keyboard.press('Control+s');
    await until(() => onDisk() === mine);
  });

  test('load theirs: the file on disk replaces the edit', async () => {
    await conflict();
    await page.click('#conflict [data-choice="theirs"]');
    expect(await page.isHidden('#conflict')).toBe(true);
    expect(await editorText()).toBe(THEIRS);
    expect(await dirty()).toBe('false');
  });

  test('a save racing a change on disk gets the conflict bar, not an overwrite', async () => {
    await editAtEnd('# mine');
    // Changed on disk and saved at once: the server sees the page's base is stale.
    writeFileSync(specPath, THEIRS);
    await page.keyboard.press('Control+s');
    await page.waitForSelector('#conflict:not([hidden])', { timeout: 10_000 });
    expect(onDisk()).toBe(THEIRS);
  });
});

describe('leaving the page', () => {
  test('with unsaved edits, beforeunload asks; without, it does not', async () => {
    const cancelled = () => page.evaluate(() => !window.dispatchEvent(new Event('beforeunload', { cancelable: true })));
    expect(await cancelled()).toBe(false);
    await editAtEnd('# unsaved');
    expect(await cancelled()).toBe(true);
    const dialog = page.waitForEvent('dialog');
    await page.close({ runBeforeUnload: true });
    const shown = await dialog;
    expect(shown.type()).toBe('beforeunload');
    await shown.accept();
  });
});

describe('the rest of the page follows the files', () => {
  test('editing the extends base updates the totals (text unchanged, no unsaved mark)', async () => {
    writeFileSync(join(root, 'base.yaml'), BASE.replace('filters=4', 'filters=8'));
    // 9·9·1·8 + 8 = 656
    await waitForTotal('656');
    expect(await editorText()).toBe(SPEC);
    expect(await dirty()).toBe('false');
  });

  test('extends naming a file outside the folder: the reason on the extends line, never the content', async () => {
    writeFileSync(join(dir, 'secret.yaml'), 'name: SECRET-7f3a\n');
    writeFileSync(specPath, 'extends: ../secret.yaml\nname: followed\n');
    const problem = page.locator('.problem.error').first();
    await problem.waitFor({ timeout: 15_000 });
    expect(await problem.getAttribute('data-line')).toBe('1');
    expect(await problem.textContent()).toContain("../secret.yaml: outside the followed spec's folder");
    expect(await page.content()).not.toContain('SECRET-7f3a');
  });

  test('a gallery file name is shown as text, never run as HTML', async () => {
    const names = await page.locator('#gallery option').allTextContents();
    expect(names).toContain(HOSTILE_NAME);
    expect(await page.locator('#gallery img').count()).toBe(0);
    expect(await page.evaluate(() => document.body.dataset.pwned)).toBeUndefined();
  });

  test('a gallery pick and back keeps the unsaved edit of the file', async () => {
    const mine = await editAtEnd('# kept while browsing');
    await page.selectOption('#gallery', { label: HOSTILE_NAME });
    await page.waitForFunction(() => window.netspec.text().startsWith('input: [4]'));
    expect(await page.isDisabled('#save')).toBe(true);
    await page.selectOption('#gallery', { value: 'served' });
    await page.waitForFunction((text) => window.netspec.text() === text, mine);
    expect(await dirty()).toBe('true');
  });
});

test('no script errors on the pages', () => {
  expect(pageErrors).toEqual([]);
});
