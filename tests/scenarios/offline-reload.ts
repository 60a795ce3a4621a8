import type { FootfallClient } from '../../sdk/types';
import { firedIds, openShop, settle, shopPage, waitForSdk, type DeliveryLab, type DeliveryOutcome } from './delivery-lab';

declare const window: Window & { footfall: FootfallClient };

/**
 * Track, go offline, track more, load the page again while offline (from the
 * browser's cache, as an offline reload of a cached page does), track more,
 * come back online: every event must be stored exactly once.
 */
export async function runOfflineReload(lab: DeliveryLab): Promise<DeliveryOutcome> {
  const context = await lab.browser.newContext();
  try {
    const url = shopPage(lab, '/offline.html', { cacheable: true });
    const page = await openShop(context, url);
    const track = (label: string) => page.evaluate((l) => [1, 2, 3].forEach((n) => window.footfall.track(`${l} ${n}`)), label);
    await track('Online');
    await page.evaluate(() => window.footfall.flush());
    const fired = await firedIds(page);

    await context.setOffline(true);
    await track('Offline');
    await page.evaluate(() => window.footfall.flush()); // fails: no network
    fired.push(...(await firedIds(page)).filter((id) => !fired.includes(id)));
    // Reload while offline: page.reload() revalidates and fails offline; a navigation to the same URL uses the cache.
    await page.goto(url);
    await waitForSdk(page);
    await track('After reload');
    fired.push(...(await firedIds(page)));

    await context.setOffline(false); // fires `online`: the SDK flushes
    return await settle(lab, 'offline, reload offline, online', fired);
  } finally {
    await context.close();
  }
}
