// Developer tool: serve the page, load a spec, save a screenshot. Not a test.
// Run: npx tsx test/e2e/screenshot.ts [spec.yaml] [out.png] [--stack]
import { startServer } from '../../src/serve/server.js';
import { launchChromium } from './browser.js';

const [spec, out = 'playground.png'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const server = await startServer({ port: 0, ...(spec ? { specPath: spec } : {}) });
const { browser, close } = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('console', (m) => console.log(`console.${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => console.log(`pageerror: ${e.message}`));
  await page.goto(server.url);
  await page.waitForSelector('body[data-version]', { timeout: 60_000 });
  if (process.argv.includes('--stack')) {
    await page.click('#view-stack');
    await page.waitForTimeout(1000);
  }
  await page.screenshot({ path: out });
  console.log(await page.evaluate(() => JSON.stringify((window as unknown as { netspec: unknown }).netspec)));
} finally {
  await close();
  await server.close();
}
