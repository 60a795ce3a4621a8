import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FootfallClient } from '../../sdk/types';
import type { TestCollector } from '../helpers/collector-server';
import { startEmbeddedSite, type EmbeddedSite } from '../helpers/embedded-site';
import { expectRequestsInAction } from '../helpers/expect-requests';
import type { RecordingProxy } from '../helpers/request-capture';
import type { SiteServer } from '../helpers/site-server';
import { waitForRows } from '../helpers/wait-for-rows';

// The built script tag on a site of another origin (another port), loading the
// bundle from the collector, as a shop embeds a collector it runs elsewhere.

declare const window: Window & { footfall: FootfallClient };

let collector: TestCollector;
let proxy: RecordingProxy;
let browser: Browser;
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
  page = await browser.newPage();
});
afterEach(async () => {
  await page.close();
});

/** Open a page of the site with `head` in it; resolves once `window.footfall` is the client. */
async function openSitePage(head: string): Promise<string[]> {
  const warnings: string[] = [];
  page.on('console', (message) => warnings.push(message.text()));
  site.setPage('/page.html', `<!doctype html><title>Site</title>${head}<h1>Site</h1>`);
  await page.goto(`${site.url}/page.html`);
  await page.waitForFunction(() => typeof window.footfall?.track === 'function');
  return warnings;
}

describe('script tag', () => {
  it('replays the stub queue in order and sends cross-origin without a preflight', async () => {
    const requests = await expectRequestsInAction(
      proxy,
      async () => {
        await openSitePage(`
          <script>
            window.footfall = window.footfall || [];
            window.footfall.push(['track', 'Stub Before Load', { n: 1 }]);
            window.footfall.push(['identify', 'user-7', { plan: 'pro' }]);
            window.footfall.push(['consent.grant', ['analytics']]);
          </script>
          <script defer src="${proxy.url}/footfall.js" data-write-key="dev_write_key"></script>`);
        await page.evaluate(() => window.footfall.flush());
      },
      { expected: [{ batch: [{ type: 'identify', userId: 'user-7' }] }], refuted: [(r) => r.method === 'OPTIONS'] },
    );
    expect(requests.map((r) => [r.method, r.headers['origin'], r.status])).toEqual([['POST', site.url, 200]]);
    const body = requests[0]!.body as { writeKey: string; sentAt: string; batch: Record<string, unknown>[] };
    expect(body.writeKey).toBe('dev_write_key');
    expect(Date.parse(body.sentAt)).not.toBeNaN();
    expect(body.batch.map((e) => [e['type'], e['event'] ?? null, e['userId'] ?? null])).toEqual([
      ['page', null, null],
      ['track', 'Stub Before Load', null],
      ['identify', null, 'user-7'],
    ]);
    expect(body.batch.every((e) => (e['context'] as { consent?: unknown }).consent !== undefined)).toBe(true);
    expect((body.batch[2]!['context'] as { consent: unknown }).consent).toEqual({ categoryPreferences: { analytics: true } });

    const stored = await page.evaluate(() => ({ ...localStorage }));
    expect(Object.keys(stored).sort()).toEqual(['footfall:anonymousId', 'footfall:session', 'footfall:userId']);
    expect(stored['footfall:userId']).toBe('user-7');
    const rows = await waitForRows(collector.db, 3);
    expect(rows.map((r) => r['anonymous_id'])).toEqual(Array(3).fill(stored['footfall:anonymousId']));
  });

  it('honours data-consent="denied" and forgets what an earlier visit stored', async () => {
    site.setPage('/seed.html', '<p>An earlier visit</p>');
    await page.goto(`${site.url}/seed.html`);
    await page.evaluate(() => localStorage.setItem('footfall:anonymousId', 'from-an-earlier-visit'));
    await expectRequestsInAction(
      proxy,
      async () => {
        await openSitePage(`<script defer src="${proxy.url}/footfall.js" data-write-key="dev_write_key" data-consent="denied"></script>`);
        await page.evaluate(() => {
          window.footfall.track('Should Not Be Sent');
          return window.footfall.flush();
        });
      },
      { refuted: 'any' },
    );
    expect(await page.evaluate(() => ({ ...localStorage }))).toEqual({});
  });

  it('never throws into the page, even without a write key', async () => {
    const warnings = await openSitePage(`<script defer src="${proxy.url}/footfall.js"></script>`);
    const outcome = await page.evaluate(async () => {
      window.footfall.track('Anything', { a: 1 });
      window.footfall.consent.grant();
      await window.footfall.flush();
      return 'no exception';
    });
    expect(outcome).toBe('no exception');
    expect(warnings.some((w) => w.includes('option writeKey must be your write key'))).toBe(true);
  });
});
