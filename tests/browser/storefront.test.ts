import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import type { FootfallClient } from '../../sdk/types';
import { VERSION } from '../../sdk/version';
import type { TestCollector } from '../helpers/collector-server';
import { expectRequestsInAction } from '../helpers/expect-requests';
import { startProxiedCollector, type ProxiedCollector } from '../helpers/proxied-collector';
import type { RecordingProxy } from '../helpers/request-capture';
import { footfallStorage } from '../helpers/footfall-storage';
import { waitForRows } from '../helpers/wait-for-rows';

// The example storefront (examples/storefront) with the built bundle, served by
// the real collector: a shopper's whole journey, checked row by row in libSQL.

declare const window: Window & { footfall: FootfallClient };

let collector: TestCollector;
/** The shop is opened through it, so it sees every request, keepalive ones at unload included. */
let proxy: RecordingProxy;
let shop: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;

let started: ProxiedCollector | undefined;

beforeAll(async () => {
  ({ collector, proxy, browser } = started = await startProxiedCollector());
  shop = `${proxy.url}/shop`;
});
afterAll(async () => {
  await started?.close();
});
beforeEach(async () => {
  context = await browser.newContext();
  page = await context.newPage();
});
afterEach(async () => {
  await context.close();
});

interface EventRowView {
  message_id: string;
  type: string;
  event: string | null;
  name: string | null;
  page_path: string | null;
  anonymous_id: string | null;
  user_id: string | null;
  write_key: string;
  timestamp: number;
  properties: Record<string, unknown>;
  context: { library: { name: string; version: string }; page: { path: string } };
}

describe('storefront journey', () => {
  it('sends nothing before consent, then records the whole purchase exactly once', async () => {
    const firstRequest = proxy.requests.length;

    // Pending: the banner shows, and even an explicit flush sends nothing.
    await expectRequestsInAction(
      proxy,
      async () => {
        await page.goto(`${shop}/`);
        await page.locator('#consent-banner').waitFor({ state: 'visible' });
        await page.evaluate(() => window.footfall.flush());
      },
      { refuted: 'any' },
    );
    expect(await footfallStorage(page)).toEqual({});
    const acceptedAt = await page.evaluate(() => Date.now());

    // Accept, then leave at once: the page view held since load goes out, by the flush
    // that grant starts or, if the page goes first, by the unload send.
    let anonymousId: string | undefined;
    const made = await expectRequestsInAction(
      proxy,
      async () => {
        await page.click('#consent-accept');
        anonymousId = (await footfallStorage(page))['footfall:anonymousId'];
        await page.click('a[href="product.html?id=sneaker-1"]');
      },
      { expected: [{ writeKey: 'dev_write_key', batch: [{ type: 'page', properties: { path: '/shop/' } }] }] },
    );
    expect(anonymousId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const shopView = made.flatMap((r) => (r.body as { batch: { type: string; anonymousId: string; properties: { path?: string } }[] }).batch);
    expect(shopView.filter((e) => e.type === 'page' && e.properties.path === '/shop/').map((e) => e.anonymousId)).toEqual([anonymousId]);

    await page.click('#add-to-cart');
    await page.click('a#go-to-cart');
    await page.click('a#go-to-checkout');
    await page.fill('#name', 'Ada Lovelace');
    await page.fill('#email', 'ada@example.com');
    await page.click('#place-order');
    await page.waitForURL('**/shop/confirmation.html');
    const orderId = await page.locator('#order-id').textContent();
    await page.evaluate(() => window.footfall.flush());

    const rows = (await waitForRows(collector.db, 10)) as unknown as EventRowView[];
    expect(rows.map((r) => [r.type, r.event ?? r.name, r.page_path])).toEqual([
      ['page', null, '/shop/'],
      ['page', null, '/shop/product.html'],
      ['track', 'Product Viewed', '/shop/product.html'],
      ['track', 'Product Added', '/shop/product.html'],
      ['page', null, '/shop/cart.html'],
      ['track', 'Cart Viewed', '/shop/cart.html'],
      ['page', null, '/shop/checkout.html'],
      ['track', 'Checkout Started', '/shop/checkout.html'],
      ['track', 'Order Completed', '/shop/checkout.html'],
      ['page', null, '/shop/confirmation.html'],
    ]);

    // One row per event, every one from the same visitor, in UUIDv7 = time order.
    expect(new Set(rows.map((r) => r.message_id)).size).toBe(10);
    expect(rows.map((r) => r.message_id)).toEqual(rows.map((r) => r.message_id).sort());
    expect(new Set(rows.map((r) => r.anonymous_id))).toEqual(new Set([anonymousId]));
    expect(rows.every((r) => r.user_id === null && r.write_key === 'dev_write_key')).toBe(true);
    expect(rows.every((r) => r.context.library.name === 'footfall' && r.context.library.version === VERSION)).toBe(true);
    // The home page view keeps the time of the call, not the time consent came.
    expect(rows[0]!.timestamp).toBeLessThanOrEqual(acceptedAt);

    const byEvent = (name: string) => rows.find((r) => r.event === name)!.properties;
    const sneaker = { product_id: 'sneaker-1', sku: 'FFS-SNK-001', name: 'Trail Runner', price: 89, currency: 'EUR', category: 'Sneakers' };
    expect(byEvent('Product Viewed')).toEqual(sneaker);
    expect(byEvent('Product Added')).toEqual({ ...sneaker, quantity: 1 });
    expect(byEvent('Cart Viewed')).toEqual({ products: [{ ...sneaker, quantity: 1 }] });
    expect(byEvent('Checkout Started')).toEqual({ value: 89, revenue: 89, currency: 'EUR', products: [{ ...sneaker, quantity: 1 }] });
    expect(byEvent('Order Completed')).toEqual({
      order_id: orderId,
      revenue: 89,
      total: 89,
      currency: 'EUR',
      products: [{ product_id: 'sneaker-1', sku: 'FFS-SNK-001', name: 'Trail Runner', price: 89, quantity: 1 }],
    });
    expect(orderId).toMatch(/^ord-/);
    const home = rows[0]!;
    expect(home.properties).toMatchObject({ path: '/shop/', url: `${shop}/`, search: '', title: 'Footfall Shoes' });
    expect(home.context.page).toEqual(home.properties);

    // Cheap requests: JSON as text/plain (a string body: fetch adds the charset) to the batch endpoint, nothing else.
    const requests = proxy.requests.slice(firstRequest);
    expect(requests.length).toBeGreaterThanOrEqual(4);
    for (const request of requests) {
      expect([request.method, request.path, request.headers['content-type'], request.status]).toEqual(['POST', '/v1/batch', 'text/plain;charset=UTF-8', 200]);
    }
  });

  it('records nothing and stores nothing when the shopper declines', async () => {
    await expectRequestsInAction(
      proxy,
      async () => {
        await page.goto(`${shop}/product.html?id=boot-1`);
        await page.click('#consent-decline');
        await page.click('#add-to-cart');
        await page.click('a#go-to-cart');
        await page.locator('h1').waitFor();
        await page.evaluate(() => window.footfall.flush());
      },
      { refuted: 'any' },
    );
    expect(await footfallStorage(page)).toEqual({});
    expect(await page.evaluate(() => window.footfall.consent.state)).toBe('denied');
  });

  it('treats a Global Privacy Control signal as a refusal, whatever the banner says', async () => {
    await context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });
    });
    await expectRequestsInAction(
      proxy,
      async () => {
        await page.goto(`${shop}/`);
        await page.click('#consent-accept');
        await page.evaluate(() => window.footfall.flush());
        await page.click('a[href="product.html?id=sneaker-2"]');
        await page.locator('#add-to-cart').waitFor();
        await page.evaluate(() => window.footfall.flush());
      },
      { refuted: 'any' },
    );
    expect(await footfallStorage(page)).toEqual({});
  });
});
