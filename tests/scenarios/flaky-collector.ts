import type { FootfallClient } from '../../sdk/types';
import { firedIds, openShop, settle, shopPage, type DeliveryLab, type DeliveryOutcome } from './delivery-lab';

declare const window: Window & { footfall: FootfallClient };

/** What the 503 scenario saw: the outcome and the statuses of the batch requests, in order. */
export interface FlakyOutcome extends DeliveryOutcome {
  statuses: number[];
}

/** The collector answers 503 three times, then 200: all stored once, through the SDK's own backoff. */
export async function runFlakyCollector(lab: DeliveryLab): Promise<FlakyOutcome> {
  const context = await lab.browser.newContext();
  const from = lab.proxy.requests.length;
  let failures = 0;
  lab.proxy.setFaults((request) => (request.path === '/v1/batch' && failures++ < 3 ? { status: 503 } : undefined));
  try {
    const page = await openShop(context, shopPage(lab, '/flaky.html'));
    await page.evaluate(() => [1, 2, 3, 4, 5].forEach((n) => window.footfall.track(`Flaky ${n}`)));
    await page.evaluate(() => window.footfall.flush()); // the first 503; the retries come by themselves
    const outcome = await settle(lab, 'collector 503 ×3, then 200', await firedIds(page));
    return { ...outcome, statuses: lab.proxy.requests.slice(from).map((request) => request.status ?? -1) };
  } finally {
    lab.proxy.setFaults(undefined);
    await context.close();
  }
}
