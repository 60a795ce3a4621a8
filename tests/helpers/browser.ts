import { chromium, type Browser } from 'playwright-core';

/**
 * Flags for Debian's Chromium in a container: no sandbox (no user namespaces),
 * no GPU, and none of the background traffic that would muddy request capture.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Launch Chromium. Playwright cannot download its own browsers here, so it
 * drives the system one.
 * @default executable `FOOTFALL_CHROMIUM`, else `/usr/bin/chromium`
 * @returns the browser; close it in `afterAll`
 * @example
 * const browser = await launchBrowser();
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['FOOTFALL_CHROMIUM'] || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}
