import type { FootfallClient } from '../../sdk/types';
import { openShop, settle, shopPage, type DeliveryLab, type DeliveryOutcome } from './delivery-lab';

declare const window: Window & { footfall: FootfallClient; fired: string[] };

/**
 * Navigate away in the same task as `track`: the event has not even reached
 * IndexedDB, so only the unload send (keepalive fetch) can deliver it.
 */
export async function runUnload(lab: DeliveryLab): Promise<DeliveryOutcome> {
  const context = await lab.browser.newContext();
  try {
    lab.site.setPage('/elsewhere.html', '<!doctype html><title>Elsewhere</title><h1>Elsewhere</h1>');
    const page = await openShop(context, shopPage(lab, '/unload.html'));
    const fired = await page.evaluate(() => {
      window.footfall.track('Checkout Link Clicked', { to: 'payment-provider' });
      const ids = [...window.fired];
      location.href = '/elsewhere.html';
      return ids;
    });
    await page.waitForURL('**/elsewhere.html');
    return await settle(lab, 'navigate away right after track', fired);
  } finally {
    await context.close();
  }
}
