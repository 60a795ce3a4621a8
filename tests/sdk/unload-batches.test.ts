import { describe, expect, it } from 'vitest';
import { UNLOAD_WINDOW_MS } from '../../sdk/delivery/tab-ownership';
import { unloadBatches } from '../../sdk/delivery/unload-batches';
import { toQueued, type QueuedEvent } from '../../sdk/queue/queued-event';
import { KEEPALIVE_TOTAL } from '../../sdk/transport';
import { trackEvent } from '../helpers/sdk-event';

const NOW = 1_000_000;
/** Event `m<n>` queued `age` ms before NOW, padded to about `bytes`. */
const queued = (n: number, age = 0, bytes = 300): QueuedEvent => {
  const padded = { ...trackEvent(n), properties: { pad: 'x'.repeat(bytes - 250) } };
  return toQueued(padded, 'tab', NOW - age);
};
const ids = (batches: QueuedEvent[][]) => batches.map((batch) => batch.map((event) => event.id));

describe('unloadBatches', () => {
  it(`sends recent events only: queued less than ${UNLOAD_WINDOW_MS / 1000} s ago`, () => {
    const own = [queued(1, UNLOAD_WINDOW_MS), queued(2, UNLOAD_WINDOW_MS - 1), queued(3)];
    expect(ids(unloadBatches(own, () => false, NOW, 0))).toEqual([['m2', 'm3']]);
  });

  it('leaves out what it is told to skip', () => {
    const own = [queued(1), queued(2), queued(3)];
    expect(ids(unloadBatches(own, (event) => event.id === 'm2', NOW, 0))).toEqual([['m1', 'm3']]);
  });

  it('sends as many batches as the keepalive quota left allows, in order', () => {
    // 300 events of ~600 bytes: 100-event batches would be ~60 KB each, so batches split by bytes (32 KB).
    const own = Array.from({ length: 300 }, (_, i) => queued(i + 1, 0, 600));
    const all = unloadBatches(own, () => false, NOW, 0);
    const size = (batches: QueuedEvent[][]) => batches.flat().reduce((sum, event) => sum + event.size, 0);
    expect(all.length).toBeGreaterThanOrEqual(1);
    expect(size(all)).toBeLessThanOrEqual(KEEPALIVE_TOTAL);
    expect(all.flat().map((event) => event.id)).toEqual(own.slice(0, all.flat().length).map((event) => event.id));
    // With most of the quota taken by a flush in flight, fewer go.
    const squeezed = unloadBatches(own, () => false, NOW, KEEPALIVE_TOTAL - 20_000);
    expect(size(squeezed)).toBeLessThanOrEqual(20_000);
    expect(squeezed.length).toBeLessThan(all.length + 1);
    expect(unloadBatches(own, () => false, NOW, KEEPALIVE_TOTAL)).toEqual([]);
  });
});
