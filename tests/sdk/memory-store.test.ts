import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../sdk/queue/memory-store';
import { QUEUE_LIMITS } from '../../sdk/queue/queued-event';
import { queued, queueStoreContract } from './queue-store-contract';

describe('memory store', () => {
  queueStoreContract((limit) => createMemoryStore(limit));

  it('defaults to 1,000 events', async () => {
    expect(QUEUE_LIMITS).toEqual({ events: 1000 });
    const store = createMemoryStore();
    await store.add(Array.from({ length: 1001 }, (_, i) => queued(1).map((event) => ({ ...event, id: `m${i}` }))[0]!));
    const { events, dropped } = await store.read();
    expect([events.length, events[0]!.id, dropped]).toEqual([1000, 'm1', 1]);
  });

  it('destroy empties it and resets its counters', async () => {
    const store = createMemoryStore(2);
    await store.add(queued(1, 2, 3));
    await store.destroy();
    expect(await store.read()).toEqual({ events: [], dropped: 0 });
    await store.add(queued(4, 5));
    expect(await store.read()).toEqual({ events: queued(4, 5), dropped: 0 });
  });
});
