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
 * A desktop Chrome's user agent, for pages whose events must count: the collector
 * flags HeadlessChrome as a bot, and the live feed and reports leave bots out, as
 * they would a crawler's visit.
 */
export const SHOPPER_USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

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
