import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCount, formatNumber, formatRatio } from '../../collector/dashboard/ui/format';
import { launchBrowser, SHOPPER_USER_AGENT } from '../helpers/browser';
import { startCollector, type TestCollector } from '../helpers/collector-server';
import { saveScreenshot } from '../helpers/screenshots';
import { generateEvents, shuffled } from '../collector/queries/seeded-events';

// The dashboard against a real collector on a libSQL file holding seeded shop
// traffic: every number it shows must be the query API's answer for the same
// question, and every view is saved as a screenshot that must show that data.

const RANGE = 'from=2026-11-01&to=2026-11-30';
const FROM = '2026-11-01T00:00:00.000Z';
const TO = '2026-12-01T00:00:00.000Z';

let collector: TestCollector;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/** The query API's answer, as an analyst's script would get it. */
async function api<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${collector.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: 'Bearer dev_read_key', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

/** Opens a view and waits until it has drawn its answer. */
async function open(hash: string): Promise<void> {
  await page.evaluate((target) => (location.hash = target), hash);
  await page.waitForSelector('main[aria-busy="false"]');
}

/** The cells of a table, row by row, as the viewer reads them. */
function cells(testid: string): Promise<string[][]> {
  return page.$$eval(`[data-testid="${testid}"] tbody tr`, (rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '')));
}

beforeAll(async () => {
  collector = await startCollector({ examples: true });
  const events = shuffled(generateEvents(11, 80), 12);
  for (let start = 0; start < events.length; start += 200) {
    const response = await fetch(`${collector.url}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from('dev_write_key:').toString('base64')}` },
      body: JSON.stringify({ batch: events.slice(start, start + 200) }),
    });
    expect(response.status).toBe(200);
  }
  browser = await launchBrowser();
  context = await browser.newContext({ timezoneId: 'UTC', locale: 'en-GB', viewport: { width: 1200, height: 900 }, userAgent: SHOPPER_USER_AGENT });
  page = await context.newPage();
  await page.goto(`${collector.url}/dashboard#key=dev_read_key`);
  await page.waitForSelector('main[aria-busy="false"]');
});

afterAll(async () => {
  await browser?.close();
  await collector?.close();
});

describe('dashboard', () => {
  it('is served with a strict Content-Security-Policy and asks for a key without one', async () => {
    const response = await fetch(`${collector.url}/dashboard`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const stranger = await context.browser()!.newContext();
    const fresh = await stranger.newPage();
    await fresh.goto(`${collector.url}/dashboard`);
    await fresh.fill('input[name=key]', 'dev_write_key');
    await fresh.click('button[type=submit]');
    await fresh.waitForSelector('.sign-in .error');
    expect(await fresh.textContent('.sign-in .error')).toContain('refused this key');
    await stranger.close();
  });

  it('overview: the totals, days and top pages of the query API', async () => {
    await open(`#overview?${RANGE}`);
    const expected = await api<{ totals: Record<string, number>; days: Array<{ day: string; visitors: number }>; topPages: Array<{ path: string; views: number }> }>(
      `/v1/query/overview?from=${FROM}&to=${TO}&utcOffset=0&top=10`,
    );
    const cards = await page.$$eval('[data-metric]', (links) => links.map((link) => [link.getAttribute('data-metric'), link.querySelector('.card-value')?.textContent]));
    expect(Object.fromEntries(cards)).toEqual({
      visitors: formatCount(expected.totals['visitors']!),
      events: formatCount(expected.totals['events']!),
      orders: formatCount(expected.totals['orders']!),
      revenue: formatNumber(expected.totals['revenue']!),
    });
    expect(expected.totals['orders']).toBeGreaterThan(0);
    const columns = await page.$$eval('.day-chart rect.bar', (bars) => bars.map((bar) => [bar.getAttribute('data-day'), Number(bar.getAttribute('data-value'))]));
    expect(columns).toHaveLength(30);
    expect(columns.filter(([, value]) => value !== 0)).toEqual(expected.days.map((day) => [day.day, day.visitors]));
    expect(await cells('top-pages')).toEqual(expected.topPages.map((p) => [p.path, formatCount(p.views)]));
    await saveScreenshot(page, 'dashboard-overview');
  });

  it('funnel: the counts and conversions of the query API, with a breakdown', async () => {
    await open(`#funnel?${RANGE}`);
    const steps = [{ event: 'Product Viewed' }, { event: 'Product Added' }, { event: 'Checkout Started' }, { event: 'Order Completed' }];
    type Steps = Array<{ label: string; count: number; conversionFromStart: number; conversionFromPrevious: number }>;
    const expected = await api<{ steps: Steps }>('/v1/query/funnel', { steps, window: '7d', order: 'ordered', from: FROM, to: TO });
    const shown = (await cells('funnel-table')).map((row) => row.slice(0, 4));
    expect(shown).toEqual(
      expected.steps.map((step, index) => [`${index + 1}. ${step.label}`, formatCount(step.count), formatRatio(step.conversionFromStart), index === 0 ? '–' : formatRatio(step.conversionFromPrevious)]),
    );
    expect(expected.steps[0]!.count).toBeGreaterThan(expected.steps[3]!.count);
    const bars = await page.$$eval('.funnel-chart rect.bar', (rects) => rects.map((rect) => Number(rect.getAttribute('data-count'))));
    expect(bars).toEqual(expected.steps.map((step) => step.count));

    await page.selectOption('select[name=breakdown]', 'context.campaign.source');
    await page.click('[data-testid=funnel-form] button[type=submit]');
    await page.waitForSelector('[data-testid=funnel-breakdown]');
    const broken = await api<{ breakdown: Array<{ value: string; steps: Steps }> }>('/v1/query/funnel', { steps, window: '7d', order: 'ordered', from: FROM, to: TO, breakdown: 'context.campaign.source' });
    const groups = await page.$$eval('[data-testid=funnel-breakdown] .group', (nodes) =>
      nodes.map((node) => [node.querySelector('h3')?.textContent, [...node.querySelectorAll('tbody tr')].map((row) => row.querySelectorAll('td')[1]?.textContent)]),
    );
    expect(groups).toEqual(broken.breakdown.map((group) => [group.value, group.steps.map((step) => formatCount(step.count))]));
    expect(groups.length).toBeGreaterThan(2);
    await saveScreenshot(page, 'dashboard-funnel');
  });

  it('attribution: the rows of the query API for each model', async () => {
    await open(`#attribution?${RANGE}`);
    for (const model of ['linear', 'first_touch', 'time_decay']) {
      await page.selectOption('select[name=model]', model);
      await page.click('form button[type=submit]');
      const expected = await api<{ rows: Array<{ key: string; conversions: number; revenue: number }> }>('/v1/query/attribution', {
        conversion: 'Order Completed',
        model,
        lookback: '30d',
        by: 'source',
        from: FROM,
        to: TO,
      });
      const want = expected.rows.map((row) => [row.key, formatNumber(row.conversions), formatNumber(row.revenue)]);
      await expect.poll(async () => (await cells('attribution-table')).map((row) => row.slice(0, 3))).toEqual(want);
      expect(want.length).toBeGreaterThan(2);
    }
    await saveScreenshot(page, 'dashboard-attribution');
  });

  it('the screenshot check refuses a view without data', async () => {
    await open(`#attribution?${RANGE}&conversion=Nothing%20Such`);
    await page.waitForSelector('[data-testid=attribution-result] .empty');
    await expect(saveScreenshot(page, 'dashboard-empty')).rejects.toThrow(/nearly blank/);
  });

  it('journey: found by email in any case, every session and event of the query API', async () => {
    await open('#journey');
    const [person] = (await api<{ people: Array<{ userIds: string[]; email: string }> }>('/v1/people?search=user-4%40example.com')).people;
    expect(person?.userIds).toEqual(['user-4']);
    await page.fill('input[name=search]', 'USER-4@example.com');
    await page.click('form button[type=submit]');
    await page.waitForSelector('[data-testid=timeline] .session');
    const journey = await api<{ sessions: Array<{ channel: string | null; events: Array<{ messageId: string }> }> }>('/v1/people/user-4/journey');
    const shown = await page.$$eval('[data-testid=timeline] > .session', (sessions) =>
      sessions.map((session) => [session.getAttribute('data-channel'), [...session.querySelectorAll('.event')].map((event) => event.getAttribute('data-message-id'))]),
    );
    expect(shown).toEqual(journey.sessions.map((session) => [session.channel ?? 'web', session.events.map((event) => event.messageId)]));
    expect(await page.textContent('[data-testid=person] h2')).toBe('user-4@example.com');
    await saveScreenshot(page, 'dashboard-journey');
  });

  it('abandoned carts: the list of the query API', async () => {
    await open(`#carts?${RANGE}&idle=24h`);
    const { carts } = await api<{ carts: Array<{ userIds: string[]; anonymousIds: string[]; value: number }> }>(`/v1/query/abandoned-carts?idle=24h&from=${FROM}&to=${TO}`);
    expect(carts.length).toBeGreaterThan(3);
    const rows = await cells('carts-table');
    expect(rows.map((row) => [row[1], row[3]])).toEqual(carts.map((cart) => [cart.userIds[0] ?? cart.anonymousIds[0], formatNumber(cart.value)]));
    expect(await page.textContent('[data-testid=carts-summary]')).toBe(`${formatCount(carts.length)} carts left, worth ${formatNumber(carts.reduce((sum, cart) => sum + cart.value, 0))}`);
    await saveScreenshot(page, 'dashboard-carts');
  });

  it('live: an event tracked in a shop tab shows in the dashboard tab within 2 s', async () => {
    await open('#live');
    await page.waitForSelector('[data-testid=live-status][data-state=open]');
    const shop = await context.newPage();
    await shop.goto(`${collector.url}/shop/`);
    await shop.waitForFunction(() => 'footfall' in window && typeof (window as unknown as { footfall: { flush?: unknown } }).footfall.flush === 'function');
    await shop.evaluate(() => (window as unknown as { footfall: { consent: { grant(): void } } }).footfall.consent.grant());
    const name = `Live Check ${Date.now()}`;
    const started = Date.now();
    await shop.evaluate((event) => {
      const footfall = (window as unknown as { footfall: { track(name: string, properties: object): void; flush(): Promise<void> } }).footfall;
      footfall.track(event, { plan: 'pro' });
      void footfall.flush();
    }, name);
    await page.waitForSelector(`[data-testid=live-events] tbody tr:has-text("${name}")`, { timeout: 5_000 });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(2_000);
    const row = await page.$$eval(`[data-testid=live-events] tbody tr`, (trs, event) => trs.filter((tr) => tr.textContent?.includes(event)).map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)), name);
    expect(row).toHaveLength(1);
    expect(row[0]!.slice(1, 3)).toEqual(['track', name]);
    await saveScreenshot(page, 'dashboard-live');
    await shop.close();

    // The shop and the dashboard share this browser's origin: "This browser" opens the visitor's own journey.
    await open('#journey');
    await page.click('[data-testid=own-journey]');
    await page.waitForSelector('[data-testid=timeline] .event');
    const events = await page.$$eval('[data-testid=timeline] .event .name', (names) => names.map((node) => node.textContent));
    expect(events).toEqual(['Viewed /shop/', name]);
  });
});
