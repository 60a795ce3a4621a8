import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, SHOPPER_USER_AGENT } from '../helpers/browser';
import { startCollector, type TestCollector } from '../helpers/collector-server';
import { startReceiver, type WebhookReceiver } from '../collector/webhook-receiver';

// A shopper in real Chromium fills a cart in the example shop and goes quiet: the
// collector (idle time 2 s here) signals the cart once on its SSE channel, which the
// dashboard shows, and POSTs one signed webhook that a receiver verifies with
// node:crypto. More cart activity after the signal is the same cart: no second one.

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const IDLE_MS = 2_000;

declare const window: Window & { footfall: { flush(): Promise<void> } };

let receiver: WebhookReceiver;
let collector: TestCollector;
let browser: Browser;
let context: BrowserContext;
let shop: Page;
let dashboard: Page;

beforeAll(async () => {
  receiver = await startReceiver(SECRET);
  collector = await startCollector({ signals: { cartIdleMs: IDLE_MS, intervalMs: 250, webhook: { url: receiver.url, secret: SECRET } } });
  browser = await launchBrowser();
  context = await browser.newContext({ userAgent: SHOPPER_USER_AGENT });
  dashboard = await context.newPage();
  await dashboard.goto(`${collector.url}/dashboard#key=dev_read_key`);
  await dashboard.evaluate(() => (location.hash = '#carts?idle=24h'));
  await dashboard.waitForFunction(() => document.querySelector('.status')?.textContent === 'open');
  shop = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await collector?.close();
  await receiver?.close();
});

/** Adds a product to the cart on its page and sends the event at once. */
async function addToCart(productId: string): Promise<void> {
  await shop.goto(`${collector.url}/shop/product.html?id=${productId}`);
  await shop.click('#add-to-cart');
  await shop.evaluate(() => window.footfall.flush());
}

describe('real-time abandoned-cart signal', () => {
  it('fires one signed webhook and one live signal per abandoned cart', async () => {
    await shop.goto(`${collector.url}/shop/`);
    await shop.click('#consent-accept');
    await addToCart('boot-1');
    const anonymousId = await shop.evaluate(() => localStorage.getItem('footfall:anonymousId'));
    expect(anonymousId).toMatch(/^[0-9a-f-]{36}$/);

    const [delivery] = await receiver.waitFor(1, 15_000);
    expect(delivery!.verified).toBe(true);
    const body = JSON.parse(delivery!.body);
    expect(body.type).toBe('cart.abandoned');
    expect(delivery!.id).toBe(`msg_${body.data.cartId}`);
    expect(body.data.cart).toMatchObject({ userIds: [], anonymousIds: [anonymousId], products: [{ productId: 'boot-1', name: 'Chelsea Boot', price: 149, quantity: 1 }], value: 149 });

    // The dashboard heard it on /v1/live/abandoned-carts.
    await dashboard.waitForSelector('[data-testid=cart-signals] li');
    const shown = await dashboard.$$eval('[data-testid=cart-signals] li', (items) => items.map((item) => item.textContent));
    expect(shown).toHaveLength(1);
    expect(shown[0]).toContain(anonymousId);
    expect(shown[0]).toContain('Chelsea Boot × 1');

    // The same cart grows and goes quiet again: still the one signal.
    await addToCart('sneaker-1');
    await shop.waitForTimeout(IDLE_MS + 1_500);
    expect(receiver.received).toHaveLength(1);
    const signals = await collector.db.execute('select count(*) as n from cart_signals');
    expect(Number(signals.rows[0]!['n'])).toBe(1);
    expect(await dashboard.$$eval('[data-testid=cart-signals] li', (items) => items.length)).toBe(1);
  });
});
