import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../sdk/queue/memory-store';
import { QUEUE_LIMITS } from '../../sdk/queue/queued-event';
import { queued, queueStoreContract, SIZE } from './queue-store-contract';

describe('memory store', () => {
  queueStoreContract((limits) => createMemoryStore(limits));

  it('defaults to 1,000 events and 1 MB', () => {
    expect(QUEUE_LIMITS).toEqual({ events: 1000, bytes: 1_000_000 });
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
