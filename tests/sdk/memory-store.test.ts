import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../sdk/queue/memory-store';
import { QUEUE_LIMITS, toQueued, type QueuedEvent } from '../../sdk/queue/queued-event';
import { trackEvent } from '../helpers/sdk-event';

// One-digit numbers: every event's JSON has the same length.
// A fixed tab and queue time, so that events made twice compare equal.
const queued = (...ns: number[]) => ns.map((n) => toQueued(trackEvent(n), 'tab', 0));
const ids = (events: readonly QueuedEvent[]) => events.map((event) => event.id);
const SIZE = toQueued(trackEvent(1)).json.length;

describe('memory store', () => {
  it('keeps added events in order, and read shows them with no drops', async () => {
    const store = createMemoryStore();
    expect(await store.read()).toEqual({ events: [], dropped: 0 });
    await store.add(queued(1, 2));
    await store.add(queued(3));
    expect(await store.read()).toEqual({ events: queued(1, 2, 3), dropped: 0 });
  });

  it('defaults to 1,000 events and 1 MB', () => {
    expect(QUEUE_LIMITS).toEqual({ events: 1000, bytes: 1_000_000 });
  });

  it('over the event cap drops the oldest and counts them', async () => {
    const store = createMemoryStore({ events: 3, bytes: 1_000_000 });
    await store.add(queued(1, 2));
    await store.add(queued(3, 4, 5));
    expect(ids((await store.read()).events)).toEqual(['m3', 'm4', 'm5']);
    expect((await store.read()).dropped).toBe(2);
    await store.add(queued(6));
    expect(await store.read()).toEqual({ events: queued(4, 5, 6), dropped: 3 });
  });

  it('over the byte cap drops the oldest and counts them', async () => {
    const store = createMemoryStore({ events: 1000, bytes: 2 * SIZE + SIZE / 2 });
    await store.add(queued(1, 2));
    expect((await store.read()).dropped).toBe(0);
    await store.add(queued(3));
    expect(await store.read()).toEqual({ events: queued(2, 3), dropped: 1 });
    await store.add(queued(4, 5, 6));
    expect(await store.read()).toEqual({ events: queued(5, 6), dropped: 4 });
  });

  it('keeps exactly as many bytes as the cap allows', async () => {
    const store = createMemoryStore({ events: 1000, bytes: 3 * SIZE });
    await store.add(queued(1, 2, 3));
    expect(await store.read()).toEqual({ events: queued(1, 2, 3), dropped: 0 });
  });

  it('frees the bytes of removed events', async () => {
    const store = createMemoryStore({ events: 1000, bytes: 3 * SIZE });
    await store.add(queued(1, 2, 3));
    await store.remove(['m1', 'm2'], 0);
    await store.add(queued(4, 5));
    // Three events of SIZE fit: nothing has to give way.
    expect(await store.read()).toEqual({ events: queued(3, 4, 5), dropped: 0 });
    await store.add(queued(6));
    expect(await store.read()).toEqual({ events: queued(4, 5, 6), dropped: 1 });
  });

  it('remove takes out the named events only and subtracts the reported drops', async () => {
    const store = createMemoryStore({ events: 3, bytes: 1_000_000 });
    await store.add(queued(1, 2, 3, 4, 5, 6));
    expect((await store.read()).dropped).toBe(3);
    await store.remove(['m5', 'm9'], 2);
    expect(await store.read()).toEqual({ events: queued(4, 6), dropped: 1 });
    // Reporting more than were dropped leaves zero, never a negative count.
    await store.remove([], 5);
    expect(await store.read()).toEqual({ events: queued(4, 6), dropped: 0 });
  });

  it('destroy empties it and resets its counters', async () => {
    const store = createMemoryStore({ events: 2, bytes: 2 * SIZE });
    await store.add(queued(1, 2, 3));
    await store.destroy();
    expect(await store.read()).toEqual({ events: [], dropped: 0 });
    await store.add(queued(4, 5));
    expect(await store.read()).toEqual({ events: queued(4, 5), dropped: 0 });
  });
});
