// Launching Debian's chromium through playwright-core for the end-to-end tests. No browser is
// downloaded: scripts/ensure-chromium.sh installs the `chromium` package where it is missing.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.NETSPEC_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_MISSING =
  `chromium is not installed at ${CHROMIUM}; the end-to-end tests need it.\n` +
  'Install it with `bash scripts/ensure-chromium.sh` (as root: apt-get update && apt-get install -y chromium),\n' +
  'or point NETSPEC_CHROMIUM at a chromium binary.';

export interface LaunchedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<LaunchedBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(CHROMIUM_MISSING);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 60_000,
  });
  return {
    browser,
    // playwright runs chromium with a fresh temporary profile of its own and removes it on close.
    close: () => browser.close(),
  };
}
