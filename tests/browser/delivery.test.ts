import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeliveryLab, type DeliveryLab } from '../scenarios/delivery-lab';
import { runFlakyCollector } from '../scenarios/flaky-collector';
import { runNoIndexedDb } from '../scenarios/no-indexeddb';
import { runOfflineCap } from '../scenarios/offline-cap';
import { runOfflineReload } from '../scenarios/offline-reload';
import { runRetryAfter } from '../scenarios/retry-after';
import { runTabs } from '../scenarios/tabs';
import { runUnload } from '../scenarios/unload';

// The delivery promises, each in real Chromium against the built script tag
// and the real collector on a libSQL file: nothing lost, nothing doubled.
// `npm run bench:delivery` runs the same scenarios and prints their table.

let lab: DeliveryLab;
beforeAll(async () => {
  lab = await startDeliveryLab();
});
afterAll(async () => {
  await lab?.close();
});

const clean = { duplicated: 0, resent: 0, lost: 0 };

describe('delivery in Chromium', () => {
  it('offline, a reload while offline, back online: every event stored exactly once', async () => {
    const outcome = await runOfflineReload(lab);
    // 2 page views + 3 tracked online + 3 offline + 3 after the reload
    expect(outcome).toMatchObject({ fired: 11, stored: 11, duplicated: 0, lost: 0 });
  });

  it('503 three times, then 200: delivered once, by the backoff alone', async () => {
    const outcome = await runFlakyCollector(lab);
    expect(outcome.statuses).toEqual([503, 503, 503, 200]);
    expect(outcome).toMatchObject({ fired: 6, stored: 6, ...clean, resent: 6 });
  });

  it('429 with Retry-After: 2: no tab sends for 2 s, whatever flush() or online ask; then delivered', async () => {
    const outcome = await runRetryAfter(lab);
    expect(outcome.requestsDuringPause).toBe(0);
    expect(outcome.waitedMs).toBeGreaterThanOrEqual(2000);
    expect(outcome).toMatchObject({ fired: 5, stored: 5, duplicated: 0, lost: 0 });
  });

  it('navigating away right after track: the event is stored', async () => {
    expect(await runUnload(lab)).toMatchObject({ fired: 2, stored: 2, duplicated: 0, lost: 0 });
  });

  it.each([2, 5])('%i tabs tracking at once: none lost, none doubled, none sent twice', async (tabs) => {
    expect(await runTabs(lab, { tabs, events: 60 })).toMatchObject({ fired: tabs * 61, stored: tabs * 61, ...clean });
  });

  it('5 tabs that all navigate away right after tracking: none lost, none doubled', async () => {
    expect(await runTabs(lab, { tabs: 5, events: 60, leave: true })).toMatchObject({ fired: 305, stored: 305, duplicated: 0, lost: 0 });
  });

  it('3 tabs without Web Locks: the IndexedDB lease keeps them apart', async () => {
    expect(await runTabs(lab, { tabs: 3, events: 60, withoutWebLocks: true })).toMatchObject({ fired: 183, stored: 183, ...clean });
  });

  it.each(['missing', 'open-fails'] as const)('IndexedDB %s: events delivered from memory while the page lives', async (breakage) => {
    const outcome = await runNoIndexedDb(lab, breakage);
    expect(outcome).toMatchObject({ fired: 11, stored: 11, ...clean });
    expect(Object.keys(outcome.storage).filter((key) => key.startsWith('idb:'))).toEqual([]);
  });

  it('5,000 events offline: the newest 1,000 kept, 4,000 reported dropped, no long task', async () => {
    const outcome = await runOfflineCap(lab);
    expect(outcome).toMatchObject({ fired: 5000, stored: 1000, dropped: 4000, duplicated: 0, lost: 0, keptNewest: true, longTasks: 0 });
  });
});
