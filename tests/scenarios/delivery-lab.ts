import type { Client } from '@libsql/client';
import type { BrowserContext, Page } from 'playwright-core';
import type { FootfallClient } from '../../sdk/types';
import { startEmbeddedSite, type EmbeddedSite } from '../helpers/embedded-site';

// The stage for the delivery scenarios (tests/browser/delivery-*.test.ts and
// `npm run bench:delivery`): the built script tag on a shop of its own origin,
// Chromium, the real collector on a libSQL file, and a recording proxy that
// can inject faults between them.

declare const window: Window & { footfall: FootfallClient; fired: string[] };

/** What a scenario ends with; the bench prints one row of these per scenario. */
export interface DeliveryOutcome {
  scenario: string;
  /** Events the page recorded (every call that passed consent and `beforeSend`). */
  fired: number;
  /** Of those, how many the collector stored. */
  stored: number;
  /** Dropped on purpose by the queue's cap, as reported in `context.droppedEvents`. */
  dropped: number;
  /** Stored more than once (must be 0: the collector dedupes by messageId). */
  duplicated: number;
  /** Sent in more than one request (the collector answered "duplicate" to the later ones). */
  resent: number;
  /** Neither stored nor reported as dropped. */
  lost: number;
}

/** Options of a shop page. */
export interface ShopPageOptions {
  consent?: 'granted' | 'pending' | 'denied';
  /** Extra HTML before the script tag, e.g. a script changing the browser. */
  head?: string;
  /** Served with `max-age`, so it loads from cache while offline. */
  cacheable?: boolean;
}

export type DeliveryLab = EmbeddedSite;

/** Starts the collector, the proxy, the shop's server and Chromium. */
export const startDeliveryLab = (): Promise<DeliveryLab> => startEmbeddedSite();

/**
 * Put a shop page on the site and return its URL. Every event that passes the
 * SDK's `beforeSend` is noted in `window.fired`, so a scenario knows exactly
 * what should arrive.
 */
export function shopPage(lab: DeliveryLab, path: string, options: ShopPageOptions = {}): string {
  lab.site.setPage(
    path,
    `<!doctype html><title>Shop</title>
    <script>window.fired = []; window.noteFired = (event) => (window.fired.push(event.messageId), event);</script>
    ${options.head ?? ''}
    <script defer src="${lab.proxy.url}/footfall.js" data-write-key="dev_write_key"
      data-consent="${options.consent ?? 'granted'}" data-before-send="noteFired"></script>
    <h1>Shop</h1><a href="/elsewhere.html">elsewhere</a>`,
    { cacheable: options.cacheable === true },
  );
  return `${lab.site.url}${path}`;
}

/** Open `url` in `context` and wait until the SDK is ready. */
export async function openShop(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await waitForSdk(page);
  return page;
}

/** Wait until `window.footfall` is the loaded client (not the stub). */
export async function waitForSdk(page: Page): Promise<void> {
  await page.waitForFunction(() => typeof window.footfall?.track === 'function');
}

/** The messageIds the page recorded so far. */
export const firedIds = (page: Page): Promise<string[]> => page.evaluate(() => [...window.fired]);

/** How often each messageId is stored. */
export async function storedCounts(db: Client, ids: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const wanted = new Set(ids);
  const result = await db.execute('select message_id, count(*) as n from events group by message_id');
  for (const row of result.rows) if (wanted.has(String(row['message_id']))) counts.set(String(row['message_id']), Number(row['n']));
  return counts;
}

/** Messages in the proxy's log per messageId, counting every request that carried it. */
export function requestCounts(lab: DeliveryLab, ids: readonly string[]): Map<string, number> {
  const wanted = new Set(ids);
  const counts = new Map<string, number>();
  for (const request of lab.proxy.requests) {
    const batch = (request.body as { batch?: { messageId?: string }[] } | undefined)?.batch ?? [];
    for (const event of batch) if (event.messageId && wanted.has(event.messageId)) counts.set(event.messageId, (counts.get(event.messageId) ?? 0) + 1);
  }
  return counts;
}

/** The sum of `context.droppedEvents` over the requests the proxy saw since `from`. */
export function reportedDrops(lab: DeliveryLab, from = 0): number {
  return lab.proxy.requests
    .slice(from)
    .reduce((sum, request) => sum + ((request.body as { context?: { droppedEvents?: number } } | undefined)?.context?.droppedEvents ?? 0), 0);
}

/**
 * Wait until every fired event is stored (or `timeoutMs` passes), a little
 * longer for stray duplicates, then count.
 */
export async function settle(lab: DeliveryLab, scenario: string, fired: readonly string[], options: { dropped?: number; timeoutMs?: number } = {}): Promise<DeliveryOutcome> {
  const dropped = options.dropped ?? 0;
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  let counts = await storedCounts(lab.collector.db, fired);
  while (counts.size < fired.length - dropped && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    counts = await storedCounts(lab.collector.db, fired);
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  counts = await storedCounts(lab.collector.db, fired);
  const sent = requestCounts(lab, fired);
  return {
    scenario,
    fired: fired.length,
    stored: counts.size,
    dropped,
    duplicated: [...counts.values()].filter((n) => n > 1).length,
    resent: [...sent.values()].filter((n) => n > 1).length,
    lost: fired.length - counts.size - dropped,
  };
}
