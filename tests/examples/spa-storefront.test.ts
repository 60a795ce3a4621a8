import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestCollector } from '../helpers/collector-server';
import { expectRequestsInAction } from '../helpers/expect-requests';
import { footfallStorage } from '../helpers/footfall-storage';
import { startProxiedCollector, type ProxiedCollector } from '../helpers/proxied-collector';
import type { RecordingProxy } from '../helpers/request-capture';
import { waitForRows } from '../helpers/wait-for-rows';
import { buildSpaStorefront } from './build-spa-storefront';

// examples/spa-storefront, built by its own rollup config (the npm package imported
// by name) and served by the real collector at /spa/: a shopper's purchase through
// client-side routes, checked row by row in the collector's libSQL file.

let collector: TestCollector;
/** The shop is opened through it, so that every request the page makes is seen. */
let proxy: RecordingProxy;
let browser: Browser;
let context: BrowserContext;
let page: Page;

let started: ProxiedCollector | undefined;

beforeAll(async () => {
  buildSpaStorefront();
  ({ collector, proxy, browser } = started = await startProxiedCollector());
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

interface Row {
  type: string;
  event: string | null;
  page_path: string | null;
  anonymous_id: string;
  user_id: string | null;
  channel: string | null;
  properties: Record<string, unknown>;
  traits: string | null;
}

const sneaker = { product_id: 'sneaker-1', sku: 'FFS-SNK-001', name: 'Trail Runner', category: 'Sneakers', price: 89, currency: 'EUR' };
const socks = { product_id: 'socks-1', sku: 'FFS-ACC-001', name: 'Merino Socks', category: 'Accessories', price: 15, currency: 'EUR' };

describe('SPA storefront (npm package, client-side routing)', () => {
  it('serves the app shell for deep links and keeps missing assets 404', async () => {
    for (const path of ['/spa/', '/spa/products/boot-1', '/spa/orders/ord-1']) {
      const shell = await fetch(`${collector.url}${path}`);
      // no-cache: the shell names the current bundle, so a new build reaches shoppers at once.
      expect([shell.status, shell.headers.get('content-type'), shell.headers.get('cache-control')]).toEqual([200, 'text/html; charset=utf-8', 'no-cache']);
      expect(await shell.text()).toContain('<base href="/spa/">');
    }
    const bundle = await fetch(`${collector.url}/spa/app.js`);
    expect([bundle.status, bundle.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    // Bundled from the package (no bare import left for the browser to fail on).
    expect(await bundle.text()).not.toMatch(/from\s*["']footfall/);
    expect((await fetch(`${collector.url}/spa/missing.js`)).status).toBe(404);
    const bare = await fetch(`${collector.url}/spa`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([302, '/spa/']);
  });

  it('records one page view per new URL and the whole purchase, from one visitor', async () => {
    await page.goto(`${proxy.url}/spa/`);
    await page.click('[data-consent="accept"]');
    await page.click('.filters >> text=Sneakers');
    await page.click('text=Trail Runner');
    await page.click('text=Reviews'); // a fragment: same page, no page view
    await page.goBack(); // back from the fragment: still the same page
    await page.click('#add-to-cart');
    await page.goBack(); // back to the Sneakers list: a new URL again
    await page.locator('h1', { hasText: 'Sneakers' }).waitFor();
    await page.click('header >> text=Shop');
    await page.click('text=Merino Socks');
    await page.click('#add-to-cart');
    await page.click('#nav-cart');
    await page.locator('[data-remove="socks-1"]').waitFor();
    await page.click('#nav-cart'); // the page already shown: no second page view, no second Cart Viewed
    await page.click('[data-remove="socks-1"]');
    await page.click('#go-to-checkout');
    await page.fill('input[name="name"]', 'Ada Lovelace');
    await page.fill('input[name="email"]', 'ada@example.com');
    await page.check('input[value="express"]');
    await page.click('text=Continue to payment');
    await page.click('#place-order');
    await page.waitForURL('**/spa/orders/*');
    const orderId = await page.locator('#order-id').textContent();
    expect(orderId).toMatch(/^ord-[0-9a-z]+$/);

    // The confirmation's page view goes with the next timed flush (≤ 5 s).
    const rows = (await waitForRows(collector.db, 20)) as unknown as Row[];
    const spa = `${proxy.url}/spa`;
    const viewOf = (r: Row) => (r.type === 'page' ? `${r.properties['url']} | ${r.properties['title']}` : r.event ?? r.type);
    expect(rows.map(viewOf)).toEqual([
      `${spa}/ | All shoes · Footfall Shoes`,
      `${spa}/?category=Sneakers | Sneakers · Footfall Shoes`,
      `${spa}/products/sneaker-1 | Trail Runner · Footfall Shoes`,
      'Product Viewed',
      'Product Added',
      `${spa}/?category=Sneakers | Sneakers · Footfall Shoes`,
      `${spa}/ | All shoes · Footfall Shoes`,
      `${spa}/products/socks-1 | Merino Socks · Footfall Shoes`,
      'Product Viewed',
      'Product Added',
      `${spa}/cart | Cart · Footfall Shoes`,
      'Cart Viewed',
      'Product Removed',
      `${spa}/checkout | Checkout · Footfall Shoes`,
      'Checkout Started',
      'Checkout Step Completed',
      'Payment Info Entered',
      'identify',
      'Order Completed',
      `${spa}/orders/${orderId} | Thank you · Footfall Shoes`,
    ]);
    const pages = rows.filter((r) => r.type === 'page');
    expect(pages.map((r) => r.page_path)).toEqual(['/spa/', '/spa/', '/spa/products/sneaker-1', '/spa/', '/spa/', '/spa/products/socks-1', '/spa/cart', '/spa/checkout', `/spa/orders/${orderId}`]);
    pages.slice(1).forEach((r, i) => expect(r.properties['url']).not.toBe(pages[i]!.properties['url']));

    // One visitor throughout; the customer's id from the order on.
    expect(new Set(rows.map((r) => r.anonymous_id)).size).toBe(1);
    expect(rows.map((r) => r.user_id)).toEqual([...Array<null>(17).fill(null), 'cust-bef5cfd2', 'cust-bef5cfd2', 'cust-bef5cfd2']);
    expect(JSON.parse(rows[17]!.traits!)).toEqual({ email: 'ada@example.com' });

    const props = (event: string) => rows.filter((r) => r.event === event).map((r) => r.properties);
    expect(props('Product Viewed')).toEqual([sneaker, socks]);
    expect(props('Product Added')).toEqual([{ ...sneaker, quantity: 1 }, { ...socks, quantity: 1 }]);
    expect(props('Cart Viewed')).toEqual([{ products: [{ ...sneaker, quantity: 1 }, { ...socks, quantity: 1 }] }]);
    expect(props('Product Removed')).toEqual([{ ...socks, quantity: 1 }]);
    const [started] = props('Checkout Started');
    const checkoutId = started!['checkout_id'];
    expect(checkoutId).toMatch(/^co-[0-9a-z]+$/);
    expect(started).toEqual({ checkout_id: checkoutId, value: 89, revenue: 89, currency: 'EUR', products: [{ ...sneaker, quantity: 1 }] });
    expect(props('Checkout Step Completed')).toEqual([{ checkout_id: checkoutId, step: 1, shipping_method: 'express' }]);
    expect(props('Payment Info Entered')).toEqual([{ checkout_id: checkoutId, step: 2, payment_method: 'card' }]);
    expect(props('Order Completed')).toEqual([
      { order_id: orderId, checkout_id: checkoutId, revenue: 89, shipping: 9.9, total: 98.9, currency: 'EUR', products: [{ ...sneaker, quantity: 1 }] },
    ]);
  });

  // footfall/spa follows the Navigation API where the browser has one (Chromium), else
  // history and popstate (Firefox, Safari): both paths, in this Chromium.
  it.each([
    ['the Navigation API', false],
    ['history and popstate', true],
  ])('on back and forward, records the page view before the view\'s own event (%s)', async (_path, hideNavigationApi) => {
    if (hideNavigationApi) await context.addInitScript(() => Object.defineProperty(window, 'navigation', { value: undefined }));
    const before = (await collector.db.execute('select count(*) as n from events')).rows[0]!['n'] as number;
    await page.goto(`${proxy.url}/spa/products/boot-1`);
    await page.click('[data-consent="accept"]');
    await page.click('#go-to-cart');
    await page.locator('h1', { hasText: 'Your cart is empty' }).waitFor();
    await page.goBack();
    await page.locator('h1', { hasText: 'Chelsea Boot' }).waitFor();
    await page.goForward();
    await page.locator('h1', { hasText: 'Your cart is empty' }).waitFor();
    const anonymousId = (await footfallStorage(page))['footfall:anonymousId'];
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50))); // the views' events, a task later
    await context.close(); // leaving sends the rest at once (keepalive)

    const rows = (await waitForRows(collector.db, before + 8)) as unknown as Row[];
    const mine = rows.filter((r) => r.anonymous_id === anonymousId);
    expect(mine.map((r) => (r.type === 'page' ? r.page_path : r.event))).toEqual([
      '/spa/products/boot-1', 'Product Viewed', '/spa/cart', 'Cart Viewed',
      '/spa/products/boot-1', 'Product Viewed', '/spa/cart', 'Cart Viewed',
    ]);
  });

  it('sends nothing and leaves no trace when the shopper declines', async () => {
    const stored = (await collector.db.execute('select count(*) as n from events')).rows[0]!['n'];
    await expectRequestsInAction(
      proxy,
      async () => {
        await page.goto(`${proxy.url}/spa/products/boot-1`);
        await page.click('[data-consent="decline"]');
        await page.click('#add-to-cart');
        await page.click('#go-to-cart');
        await page.locator('h1', { hasText: 'Your cart' }).waitFor();
      },
      { refuted: 'any', settleMs: 1500 },
    );
    expect(await footfallStorage(page)).toEqual({});
    expect((await collector.db.execute('select count(*) as n from events')).rows[0]!['n']).toBe(stored);
  });
});
