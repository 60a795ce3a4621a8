import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FootfallClient } from '../../sdk/types';
import { browse, GPC_ON, traceOf } from '../scenarios/consent';
import { firedIds, openShop, settle, shopPage, startDeliveryLab, type DeliveryLab } from '../scenarios/delivery-lab';
import { footfallStorage } from '../helpers/footfall-storage';

// Scenario 6 of the delivery promises: consent, in real Chromium against the
// built script tag. "No trace" means no Footfall key in localStorage,
// sessionStorage or cookies, no Footfall IndexedDB database, and no request
// to the collector's API.

declare const window: Window & { footfall: FootfallClient };

let lab: DeliveryLab;
beforeAll(async () => {
  lab = await startDeliveryLab();
});
afterAll(async () => {
  await lab?.close();
});

describe('consent gate in Chromium', () => {
  it('pending: nothing stored and nothing sent, even when flush() is called', async () => {
    const trace = await traceOf(lab, '/pending.html', { consent: 'pending' }, async (page) => void (await browse(page, 'Browsing Pending')));
    expect(trace).toEqual({ storage: {}, requests: 0 });
  });

  it('pending, then grant: the held calls arrive once, with the times of the calls', async () => {
    const context = await lab.browser.newContext();
    try {
      const page = await openShop(context, shopPage(lab, '/grant-later.html', { consent: 'pending' }));
      const calledAt = await browse(page, 'Held While Pending');
      expect(await footfallStorage(page)).toEqual({});
      await page.waitForTimeout(300);
      const grantedAt = await page.evaluate(() => {
        window.footfall.consent.grant();
        return Date.now();
      });
      await page.evaluate(() => window.footfall.flush());
      const outcome = await settle(lab, 'grant', await firedIds(page));
      expect(outcome).toMatchObject({ fired: 4, stored: 4, duplicated: 0, lost: 0 });
      const rows = await lab.collector.db.execute("select timestamp from events where event = 'Held While Pending' order by timestamp");
      const stored = rows.rows.map((row) => Number(row['timestamp'])); // epoch ms
      expect(stored).toHaveLength(3);
      // Skew correction may shift a stored time by the few ms between sentAt and arrival; never by the 300 ms held.
      stored.forEach((time, n) => expect(Math.abs(time - calledAt[n]!)).toBeLessThan(50));
      expect(Math.max(...stored)).toBeLessThan(grantedAt - 200);
      expect(Object.keys(await footfallStorage(page)).sort()).toEqual(['footfall:anonymousId', 'footfall:session', 'idb:footfall', 'session:footfall:tab']);
    } finally {
      await context.close();
    }
  });

  it('pending, then deny: nothing ever sent or stored', async () => {
    const trace = await traceOf(lab, '/deny-later.html', { consent: 'pending' }, async (page) => {
      await browse(page, 'Browsing Then Deny');
      await page.evaluate(() => window.footfall.consent.deny());
      await browse(page, 'After Deny');
    });
    expect(trace).toEqual({ storage: {}, requests: 0 });
  });

  it('Global Privacy Control: nothing, even with data-consent="granted" and a later grant()', async () => {
    const trace = await traceOf(lab, '/gpc.html', { consent: 'granted', head: GPC_ON }, async (page) => {
      await browse(page, 'Browsing With GPC');
      await page.evaluate(() => window.footfall.consent.grant());
      await browse(page, 'After Grant With GPC');
    });
    expect(trace).toEqual({ storage: {}, requests: 0 });
  });

  it('optOut() erases ids, session, the queue and its database', async () => {
    const context = await lab.browser.newContext();
    try {
      const page = await openShop(context, shopPage(lab, '/opt-out.html', { consent: 'granted' }));
      await browse(page, 'Before Opt Out');
      await page.evaluate(() => window.footfall.flush());
      await context.setOffline(true);
      await browse(page, 'Queued At Opt Out'); // stays in IndexedDB: no network
      await page.evaluate(() => window.footfall.flush());
      expect(Object.keys(await footfallStorage(page)).sort()).toContain('idb:footfall');
      await page.evaluate(() => window.footfall.optOut());
      await context.setOffline(false);
      await page.waitForTimeout(500);
      expect(await footfallStorage(page)).toEqual({});
      const queued = await lab.collector.db.execute("select count(*) as n from events where event = 'Queued At Opt Out'");
      expect(Number(queued.rows[0]!['n'])).toBe(0);
    } finally {
      await context.close();
    }
  });
});
