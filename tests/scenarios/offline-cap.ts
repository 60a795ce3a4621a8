import type { FootfallClient } from '../../sdk/types';
import { QUEUE_LIMITS } from '../../sdk/queue/queued-event';
import { firedIds, openShop, reportedDrops, settle, shopPage, type DeliveryLab, type DeliveryOutcome } from './delivery-lab';

declare const window: Window & { footfall: FootfallClient };

/** The cap scenario's outcome, with what shows the page stayed responsive. */
export interface OfflineCapOutcome extends DeliveryOutcome {
  /** The newest `QUEUE_LIMITS.events` fired events are exactly the ones stored. */
  keptNewest: boolean;
  /** Main-thread tasks of 200 ms or more while the events were tracked and queued. */
  longTasks: number;
  /** The longest gap, in ms, of a 10 ms heartbeat while tracking. */
  maxHeartbeatGapMs: number;
}

/**
 * 5,000 events tracked offline, 250 per task: the queue keeps the newest
 * 1,000 (its cap), reports the 4,000 it dropped in `context.droppedEvents`,
 * and the page stays responsive throughout.
 */
export async function runOfflineCap(lab: DeliveryLab, total = 5000): Promise<OfflineCapOutcome> {
  const context = await lab.browser.newContext();
  const from = lab.proxy.requests.length;
  try {
    const page = await openShop(context, shopPage(lab, '/offline-cap.html'));
    await page.evaluate(() => window.footfall.flush()); // the page view goes out while online
    const before = (await firedIds(page)).length;
    await context.setOffline(true);
    const { longTasks, maxHeartbeatGapMs } = await page.evaluate(async (count) => {
      let longTasks = 0;
      const observer = new PerformanceObserver((list) => (longTasks += list.getEntries().filter((entry) => entry.duration >= 200).length));
      observer.observe({ type: 'longtask' });
      let last = performance.now();
      let maxGap = 0;
      const heartbeat = setInterval(() => {
        maxGap = Math.max(maxGap, performance.now() - last);
        last = performance.now();
      }, 10);
      for (let n = 0; n < count; n++) {
        window.footfall.track('Offline Burst', { n });
        if (n % 250 === 249) await new Promise((resolve) => setTimeout(resolve, 0));
      }
      await new Promise((resolve) => setTimeout(resolve, 1500)); // the queue's writes and trims settle
      clearInterval(heartbeat);
      observer.disconnect();
      return { longTasks, maxHeartbeatGapMs: Math.round(maxGap) };
    }, total);
    const fired = (await firedIds(page)).slice(before);
    await context.setOffline(false);
    const dropped = total - QUEUE_LIMITS.events;
    const outcome = await settle(lab, `${total.toLocaleString('en')} events offline (cap ${QUEUE_LIMITS.events.toLocaleString('en')})`, fired, { dropped });
    const stored = await lab.collector.db.execute("select message_id from events where event = 'Offline Burst' order by message_id");
    const newest = fired.slice(-QUEUE_LIMITS.events).sort();
    const keptNewest = JSON.stringify(stored.rows.map((row) => String(row['message_id']))) === JSON.stringify(newest);
    return { ...outcome, dropped: reportedDrops(lab, from), keptNewest, longTasks, maxHeartbeatGapMs };
  } finally {
    await context.close();
  }
}
