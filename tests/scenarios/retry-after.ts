import type { FootfallClient } from '../../sdk/types';
import { firedIds, openShop, settle, shopPage, type DeliveryLab, type DeliveryOutcome } from './delivery-lab';

declare const window: Window & { footfall: FootfallClient };

/** What the 429 scenario saw. */
export interface RetryAfterOutcome extends DeliveryOutcome {
  /** Milliseconds between the 429 and the next batch request from any tab. */
  waitedMs: number;
  /** Batch requests made during the pause (by `flush()` in both tabs and by `online`). */
  requestsDuringPause: number;
}

/**
 * A 429 with `Retry-After: 2`: the SDK sends nothing for 2 s, in any tab,
 * whatever `flush()` or an `online` event ask; then it delivers.
 */
export async function runRetryAfter(lab: DeliveryLab): Promise<RetryAfterOutcome> {
  const context = await lab.browser.newContext();
  let refusedAt = 0;
  lab.proxy.setFaults((request) => {
    if (request.path !== '/v1/batch' || refusedAt) return undefined;
    refusedAt = Date.now();
    return { status: 429, headers: { 'Retry-After': '2' } };
  });
  try {
    const url = shopPage(lab, '/retry-after.html');
    const page = await openShop(context, url);
    const other = await openShop(context, url);
    await page.evaluate(() => window.footfall.flush()); // both page views: answered 429
    const paused = lab.proxy.requests.length;
    await page.evaluate(() => [1, 2, 3].forEach((n) => window.footfall.track(`Paused ${n}`)));
    for (const tab of [page, other, page]) {
      await tab.evaluate(() => {
        dispatchEvent(new Event('online'));
        return window.footfall.flush();
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const requestsDuringPause = lab.proxy.requests.length - paused;
    const fired = [...(await firedIds(page)), ...(await firedIds(other))];
    const outcome = await settle(lab, '429 with Retry-After: 2', fired);
    const next = lab.proxy.requests.slice(paused)[0];
    return { ...outcome, requestsDuringPause, waitedMs: next ? next.receivedAt - refusedAt : -1 };
  } finally {
    lab.proxy.setFaults(undefined);
    await context.close();
  }
}
