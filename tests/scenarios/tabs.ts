import type { FootfallClient } from '../../sdk/types';
import { firedIds, openShop, settle, shopPage, type DeliveryLab, type DeliveryOutcome } from './delivery-lab';

declare const window: Window & { footfall: FootfallClient };

/** Options of the tabs scenario. */
export interface TabsOptions {
  tabs: number;
  /** Events each tab tracks. */
  events: number;
  /** Take Web Locks away, so the IndexedDB lease must keep the tabs apart. */
  withoutWebLocks?: boolean;
  /** Every tab navigates away right after its last event, instead of flushing. */
  leave?: boolean;
}

/**
 * Several tabs of one shop track at once, each flushing on its own timers and
 * thresholds, through one shared IndexedDB queue: none lost, none doubled, and
 * no event sent by two requests.
 */
export async function runTabs(lab: DeliveryLab, options: TabsOptions): Promise<DeliveryOutcome> {
  const context = await lab.browser.newContext();
  try {
    const head = options.withoutWebLocks ? '<script>Object.defineProperty(Navigator.prototype, "locks", { get: () => undefined });</script>' : '';
    const url = shopPage(lab, `/tabs-${options.tabs}${options.withoutWebLocks ? '-lease' : ''}.html`, { head });
    const pages = await Promise.all(Array.from({ length: options.tabs }, () => openShop(context, url)));
    await Promise.all(
      pages.map((page, tab) =>
        page.evaluate(
          async ({ tab, events }) => {
            for (let n = 1; n <= events; n++) {
              window.footfall.track('Tab Event', { tab, n });
              // A few events per task, with pauses: tabs interleave as real visitors' do.
              if (n % 3 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
              if (n % 25 === 0) void window.footfall.flush();
            }
          },
          { tab, events: options.events },
        ),
      ),
    );
    const fired = (await Promise.all(pages.map(firedIds))).flat();
    if (options.leave) {
      lab.site.setPage('/elsewhere.html', '<!doctype html><title>Elsewhere</title>');
      await Promise.all(pages.map((page) => page.evaluate(() => void (location.href = '/elsewhere.html'))));
      await Promise.all(pages.map((page) => page.waitForURL('**/elsewhere.html')));
    } else {
      await Promise.all(pages.map((page) => page.evaluate(() => window.footfall.flush())));
    }
    const how = [options.withoutWebLocks && 'no Web Locks: IndexedDB lease', options.leave && 'then all navigate away'].filter(Boolean).join(', ');
    const label = `${options.tabs} tabs at once${how ? ` (${how})` : ''}`;
    return await settle(lab, label, fired);
  } finally {
    await context.close();
  }
}
