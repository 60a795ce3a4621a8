import { expect, it } from 'vitest';
import { toQueued, type QueuedEvent, type QueueStore } from '../../sdk/queue/queued-event';
import { trackEvent } from '../helpers/sdk-event';

// What every queue store promises (sdk/queue/queued-event.ts), run against
// each implementation by its own test file.

/** Events `m<n>`; one-digit numbers all have the same JSON length, and key order is number order. A fixed tab and queue time, so events made twice compare equal. */
export const queued = (...ns: number[]): QueuedEvent[] => ns.map((n) => toQueued(trackEvent(n), 'tab', 0));
/** The size of one such event. */
export const SIZE = queued(1)[0]!.size;

/**
 * Declare the shared cases for a store made by `make`.
 * @param make a fresh store that keeps at most `limit` events
 */
export function queueStoreContract(make: (limit: number) => QueueStore): void {
  it('keeps added events in order, and read shows them with no drops', async () => {
    const store = make(1000);
    expect(await store.read()).toEqual({ events: [], dropped: 0 });
    await store.add(queued(1, 2));
    await store.add(queued(3));
    expect(await store.read()).toEqual({ events: queued(1, 2, 3), dropped: 0 });
  });

  it('over the event cap drops the oldest and counts them', async () => {
    const store = make(3);
    await store.add(queued(1, 2));
    await store.add(queued(3, 4, 5));
    expect(await store.read()).toEqual({ events: queued(3, 4, 5), dropped: 2 });
    await store.add(queued(6));
    expect(await store.read()).toEqual({ events: queued(4, 5, 6), dropped: 3 });
  });

  it('read with a limit gives the oldest that many, and the drop count', async () => {
    const store = make(4);
    await store.add(queued(1, 2, 3, 4, 5));
    expect(await store.read(2)).toEqual({ events: queued(2, 3), dropped: 1 });
    expect(await store.read(9)).toEqual({ events: queued(2, 3, 4, 5), dropped: 1 });
  });

  it('caps events, not bytes: however big, three fit a cap of three', async () => {
    const store = make(3);
    const big = queued(1, 2, 3).map((event) => ({ ...event, json: JSON.stringify({ ...JSON.parse(event.json), pad: 'x'.repeat(30_000) }), size: 30_100 }));
    await store.add(big);
    expect(await store.read()).toEqual({ events: big, dropped: 0 });
  });

  it('frees the count of removed events', async () => {
    const store = make(3);
    await store.add(queued(1, 2, 3));
    await store.remove(['m1', 'm2'], 0);
    await store.add(queued(4, 5));
    expect(await store.read()).toEqual({ events: queued(3, 4, 5), dropped: 0 });
    await store.add(queued(6));
    expect(await store.read()).toEqual({ events: queued(4, 5, 6), dropped: 1 });
  });

  it('remove counts only the events still there', async () => {
    const store = make(2);
    await store.add(queued(1, 2, 3)); // m1 gives way
    // m1 is gone already, and m9 never was: neither may lower the count below what is stored.
    await store.remove(['m1', 'm2', 'm3', 'm9'], 0);
    expect(await store.read()).toEqual({ events: [], dropped: 1 });
    await store.add(queued(4, 5));
    await store.add(queued(6));
    expect(await store.read()).toEqual({ events: queued(5, 6), dropped: 2 });
  });

  it('remove subtracts the reported drops, never below zero', async () => {
    const store = make(2);
    await store.add(queued(1, 2, 3, 4, 5));
    expect((await store.read()).dropped).toBe(3);
    await store.remove(['m4'], 2);
    expect(await store.read()).toEqual({ events: queued(5), dropped: 1 });
    await store.remove([], 4);
    expect(await store.read()).toEqual({ events: queued(5), dropped: 0 });
  });

  it('remove asDropped gives the events up and counts them as dropped', async () => {
    const store = make(1000);
    await store.add(queued(1, 2, 3));
    await store.remove(['m1', 'm2', 'm9'], 0, true);
    expect(await store.read()).toEqual({ events: queued(3), dropped: 2 });
  });
}
