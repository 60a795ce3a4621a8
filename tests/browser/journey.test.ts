import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ScriptTagApi } from '../../sdk/script-tag-install';
import { STUB_SNIPPET } from '../../sdk/stub-snippet';
import type { TestCollector } from '../helpers/collector-server';
import { startEmbeddedSite, type EmbeddedSite } from '../helpers/embedded-site';
import { expectRequestsInAction } from '../helpers/expect-requests';
import type { RecordingProxy } from '../helpers/request-capture';
import type { SiteServer } from '../helpers/site-server';
import { waitForRows, type StoredEvent } from '../helpers/wait-for-rows';

// The storefront surface of the built script tag, one feature per test: the
// site on its own origin, the bundle and the collector behind a recording proxy.

declare const window: Window & { footfall: ScriptTagApi; stripPii?: unknown };

let collector: TestCollector;
let proxy: RecordingProxy;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let site: SiteServer;

let embedded: EmbeddedSite | undefined;

beforeAll(async () => {
  embedded = await startEmbeddedSite();
  ({ collector, proxy, browser, site } = embedded);
});
afterAll(async () => {
  await embedded?.close();
});
beforeEach(async () => {
  await collector.db.execute('delete from events');
  context = await browser.newContext();
  page = await context.newPage();
});
afterEach(async () => {
  // Send what is left now: a keepalive send at unload could land in the next test's rows.
  await page.evaluate(() => window.footfall?.flush()).catch(() => undefined);
  await context.close();
});

/** A page of the site carrying the script tag with `attributes` and `head` before it. */
function sitePage(path: string, attributes = 'data-consent="granted"', head = ''): string {
  site.setPage(
    path.replace(/\?.*/, ''),
    `<!doctype html><title>Site</title>${head}<script defer src="${proxy.url}/footfall.js" data-write-key="dev_write_key" ${attributes}></script><h1>Site</h1>`,
  );
  return `${site.url}${path}`;
}

async function open(path: string, attributes?: string, head?: string): Promise<void> {
  await page.goto(sitePage(path, attributes, head));
  await page.waitForFunction(() => typeof window.footfall?.track === 'function');
}

/**
 * Send what is queued and read the stored rows in the page's order (UUIDv7
 * messageIds sort by the page's clock; stored times of two batches may tie).
 */
async function rowsAfterFlush(count: number): Promise<StoredEvent[]> {
  await page.evaluate(() => window.footfall.flush());
  const rows = await waitForRows(collector.db, count);
  return rows.sort((a, b) => String(a['message_id']).localeCompare(String(b['message_id'])));
}

const label = (r: StoredEvent) => String(r['event'] ?? `${r['type']} ${r['page_path']}`);

describe('sessions', () => {
  it('keeps one session id across page loads and starts a new one after 30 minutes idle (controlled clock)', async () => {
    await page.clock.install({ time: new Date('2026-03-02T09:00:00Z') });
    await open('/a.html');
    await page.evaluate(() => window.footfall.track('First'));
    await page.clock.fastForward('20:00');
    await open('/b.html'); // a new page load reads the persisted session
    await page.evaluate(() => window.footfall.track('Twenty Minutes Later'));
    await page.clock.fastForward('31:00');
    await page.evaluate(() => window.footfall.track('After A Pause'));
    const rows = await rowsAfterFlush(5);
    const sessions = rows.map((r) => [label(r), (r.context['sessionId'] as string) ?? null]);
    expect(sessions.map(([l]) => l)).toEqual(['page /a.html', 'First', 'page /b.html', 'Twenty Minutes Later', 'After A Pause']);
    const ids = sessions.map(([, id]) => id);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(ids.slice(0, 4)).size).toBe(1);
    expect(ids[4]).not.toBe(ids[0]);
    expect(rows.map((r) => r['session_id'])).toEqual(ids);
  });

  it('keeps the session in memory only until consent', async () => {
    await open('/pending.html', 'data-consent="pending"');
    await page.evaluate(() => window.footfall.track('Held'));
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
    await page.evaluate(() => window.footfall.consent.grant());
    expect((await page.evaluate(() => Object.keys(localStorage))).sort()).toEqual(['footfall:anonymousId', 'footfall:session']);
  });
});

describe('campaigns', () => {
  const landing = '/landing.html?utm_source=newsletter&utm_medium=email&utm_campaign=spring&utm_term=boots&utm_content=hero&gclid=Cj0KCQ&q=1';

  it('reads UTM parameters into context.campaign, and a different campaign starts a new session', async () => {
    await open('/home.html');
    await open(landing);
    const rows = await rowsAfterFlush(2);
    expect(rows.map(label)).toEqual(['page /home.html', 'page /landing.html']);
    expect(rows[1]!.context['campaign']).toEqual({ source: 'newsletter', medium: 'email', name: 'spring', term: 'boots', content: 'hero', gclid: 'Cj0KCQ' });
    expect([rows[1]!['campaign_source'], rows[1]!['campaign_medium'], rows[1]!['campaign_name']]).toEqual(['newsletter', 'email', 'spring']);
    expect(rows[1]!.context['sessionId']).not.toBe(rows[0]!.context['sessionId']);
    // Page URLs never carry the click id; the referrer is the previous page.
    expect(rows[1]!.properties).toMatchObject({ search: '?utm_source=newsletter&utm_medium=email&utm_campaign=spring&utm_term=boots&utm_content=hero&q=1', referrer: '' });
    expect(String(rows[1]!.properties['url'])).not.toContain('gclid');
  });

  it('sends ad click ids only with marketing consent', async () => {
    await open(landing, 'data-consent="pending"');
    await page.evaluate(() => window.footfall.consent.grant(['analytics']));
    const rows = await rowsAfterFlush(1);
    expect(rows[0]!.context['campaign']).toEqual({ source: 'newsletter', medium: 'email', name: 'spring', term: 'boots', content: 'hero' });
    expect(JSON.stringify(rows[0])).not.toContain('Cj0KCQ');
  });
});

describe('SPA page views', () => {
  async function navigateAround(): Promise<StoredEvent[]> {
    await page.evaluate(async () => {
      const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
      history.pushState({}, '', '/spa/products');
      await settle();
      history.replaceState({ scroll: 1 }, '', '/spa/products'); // same URL: no second view
      history.pushState({}, '', '/spa/products#reviews'); // a fragment is the same page
      await settle();
      history.pushState({}, '', '/spa/cart?step=1');
      await settle();
      history.back();
      await new Promise((resolve) => addEventListener('popstate', resolve, { once: true }));
      await settle();
    });
    return rowsAfterFlush(4);
  }

  it('records a page view per URL change with the Navigation API, never twice for one URL', async () => {
    await open('/spa/');
    expect(await page.evaluate(() => 'navigation' in window)).toBe(true);
    const rows = await navigateAround();
    expect(rows.map((r) => r['page_path'])).toEqual(['/spa/', '/spa/products', '/spa/cart', '/spa/products']);
    expect(rows.every((r) => r['type'] === 'page')).toBe(true);
  });

  it('does the same through history and popstate where the Navigation API is missing', async () => {
    await context.addInitScript(() => delete (window as { navigation?: unknown }).navigation && delete (Window.prototype as { navigation?: unknown }).navigation);
    await open('/spa/');
    expect(await page.evaluate(() => 'navigation' in window)).toBe(false);
    const rows = await navigateAround();
    expect(rows.map((r) => r['page_path'])).toEqual(['/spa/', '/spa/products', '/spa/cart', '/spa/products']);
  });

  it('can be switched off with data-spa="off"', async () => {
    await open('/spa/', 'data-consent="granted" data-spa="off"');
    await page.evaluate(() => history.pushState({}, '', '/spa/products'));
    const rows = await rowsAfterFlush(1);
    expect(rows.map((r) => r['page_path'])).toEqual(['/spa/']);
  });
});

describe('stub snippet and configuration', () => {
  it('replays calls made before the script loaded, in order, e-commerce helpers included', async () => {
    await open(
      '/stub.html',
      'data-consent="pending"',
      `<script>${STUB_SNIPPET}
        footfall.track('Before Load', { n: 1 });
        footfall.ecommerce.productViewed({ product_id: 'sneaker-1', price: 89 });
        footfall.identify('user-7', { plan: 'pro' });
        footfall.consent.grant();
        footfall.track('Still Before Load', { n: 2 });
      </script>`,
    );
    const rows = await rowsAfterFlush(5);
    expect(rows.map((r) => [r['type'], r['event'] ?? null, r['user_id'] ?? null])).toEqual([
      ['page', null, null],
      ['track', 'Before Load', null],
      ['track', 'Product Viewed', null],
      ['identify', null, 'user-7'],
      ['track', 'Still Before Load', 'user-7'],
    ]);
  });

  it('beforeSend (data-before-send) edits events and drops the ones it returns null for', async () => {
    await open(
      '/filter.html',
      'data-consent="granted" data-before-send="stripPii"',
      `<script>
        window.stripPii = (event) => {
          if (event.type === 'identify') delete event.traits.email;
          return event.type === 'track' && event.event === 'Internal Debug' ? null : event;
        };
      </script>`,
    );
    await expectRequestsInAction(
      proxy,
      () =>
        page.evaluate(() => {
          window.footfall.identify('user-9', { email: 'ada@example.com', plan: 'pro' });
          window.footfall.track('Internal Debug');
          window.footfall.track('Kept');
          return window.footfall.flush();
        }),
      { expected: [{ batch: [{ event: 'Kept' }] }], refuted: [{ batch: [{ event: 'Internal Debug' }] }, (r) => JSON.stringify(r.body).includes('ada@')] },
    );
    const rows = await waitForRows(collector.db, 3);
    expect(rows.map(label)).toEqual(['page /filter.html', 'identify /filter.html', 'Kept']);
  });

  it('identify then reset(): later events have no userId, a new anonymousId and a new session', async () => {
    await open('/account.html');
    await page.evaluate(() => {
      window.footfall.identify('user-42', { plan: 'pro' });
      window.footfall.track('Ordered');
      window.footfall.reset();
      window.footfall.track('After Logout');
      window.footfall.ecommerce.cartViewed({ products: [] });
    });
    const rows = await rowsAfterFlush(5);
    const view = rows.map((r) => ({ label: label(r), user: r['user_id'] ?? null, anon: r['anonymous_id'], session: r.context['sessionId'] }));
    expect(view.map((v) => [v.label, v.user])).toEqual([
      ['page /account.html', null],
      ['identify /account.html', 'user-42'],
      ['Ordered', 'user-42'],
      ['After Logout', null],
      ['Cart Viewed', null],
    ]);
    expect(view[3]!.anon).not.toBe(view[0]!.anon);
    expect(view[3]!.session).not.toBe(view[0]!.session);
    expect([view[1]!.anon, view[2]!.anon]).toEqual([view[0]!.anon, view[0]!.anon]);
    expect(await page.evaluate(() => localStorage.getItem('footfall:userId'))).toBeNull();
  });
});
