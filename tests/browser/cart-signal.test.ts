import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../collector/config/load-config';
import { startCollector, type RunningCollector } from '../../collector/node/start-collector';
import { launchBrowser } from '../helpers/browser';
import { startReceiver, type WebhookReceiver } from '../collector/webhook-receiver';

// A shopper in real Chromium fills a cart in the example shop and goes quiet: the
// collector (idle time 2 s here) signals the cart once on its SSE channel, which the
// dashboard shows, and POSTs one signed webhook that a receiver verifies with
// node:crypto. More cart activity after the signal is the same cart: no second one.

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const IDLE_MS = 2_000;
const SHOPPER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

declare const window: Window & { footfall: { flush(): Promise<void> } };

let folder: string;
let receiver: WebhookReceiver;
let collector: RunningCollector;
let browser: Browser;
let context: BrowserContext;
let shop: Page;
let dashboard: Page;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'footfall-cart-signal-'));
  receiver = await startReceiver(SECRET);
  const config = loadConfig({});
  collector = await startCollector({
    port: 0,
    databaseUrl: `file:${join(folder, 'footfall.db')}`,
    keys: config.keys,
    examples: true,
    signals: { cartIdleMs: IDLE_MS, intervalMs: 250, webhook: { url: receiver.url, secret: SECRET } },
    log: () => undefined,
  });
  browser = await launchBrowser();
  context = await browser.newContext({ userAgent: SHOPPER_AGENT });
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
  await rm(folder, { recursive: true, force: true });
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
    const signals = await collector.database.client.execute('select count(*) as n from cart_signals');
    expect(Number(signals.rows[0]!['n'])).toBe(1);
    expect(await dashboard.$$eval('[data-testid=cart-signals] li', (items) => items.length)).toBe(1);
  });
});
