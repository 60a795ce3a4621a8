import type { Page } from 'playwright-core';
import type { FootfallClient } from '../../sdk/types';
import { footfallStorage } from '../helpers/footfall-storage';
import { openShop, shopPage, type DeliveryLab } from './delivery-lab';

declare const window: Window & { footfall: FootfallClient; fired: string[] };

/** What a page left behind and sent, for the consent scenarios. */
export interface Trace {
  /** Footfall's keys in localStorage, sessionStorage, cookies and IndexedDB. */
  storage: Record<string, string>;
  /** Requests that reached the collector's /v1/ API from this scenario. */
  requests: number;
}

/** Track a few events, as a shopper browsing would, and return the times of the calls. */
export async function browse(page: Page, label: string, count = 3): Promise<number[]> {
  return page.evaluate(
    async ({ label, count }) => {
      const times: number[] = [];
      for (let n = 1; n <= count; n++) {
        times.push(Date.now());
        window.footfall.track(label, { n });
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return times;
    },
    { label, count },
  );
}

/**
 * Open a shop page with the given consent and head, let `act` do what the
 * scenario does, wait past every flush trigger (a flush() call, the 5 s
 * timer), and report the trace.
 */
export async function traceOf(
  lab: DeliveryLab,
  path: string,
  options: { consent: 'pending' | 'granted' | 'denied'; head?: string },
  act: (page: Page) => Promise<void>,
): Promise<Trace> {
  const context = await lab.browser.newContext();
  const from = lab.proxy.requests.length;
  try {
    const page = await openShop(context, shopPage(lab, path, options));
    await act(page);
    await page.evaluate(() => window.footfall.flush());
    await page.waitForTimeout(5_500);
    return { storage: await footfallStorage(page), requests: lab.proxy.requests.slice(from).filter((r) => r.path.startsWith('/v1/')).length };
  } finally {
    await context.close();
  }
}

/** A Global Privacy Control signal, as the browser sets it. */
export const GPC_ON = '<script>Object.defineProperty(Navigator.prototype, "globalPrivacyControl", { get: () => true });</script>';
