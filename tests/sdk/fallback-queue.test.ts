import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFallbackQueue, DURABLE_WRITE_TIMEOUT_MS } from '../../sdk/queue/fallback-queue';
import { createMemoryStore } from '../../sdk/queue/memory-store';
import { toQueued, type QueueStore } from '../../sdk/queue/queued-event';
import { trackEvent } from '../helpers/sdk-event';

// A fixed tab and queue time, so that events made twice compare equal.
const queued = (...ns: number[]) => ns.map((n) => toQueued(trackEvent(n), 'tab', 0));
/** The ids a store holds, oldest first. */
const held = async (store: QueueStore) => (await store.read()).events.map((event) => event.id);

/** A durable store that is a memory store underneath, with removes recorded and failures on demand. */
function fakeDurable(limit = 1000) {
  const inner = createMemoryStore(limit);
  const removes: [string[], number][] = [];
  let addMode: 'ok' | 'reject' | 'hang' = 'ok';
  let readFails = false;
  let removeFails = false;
  const store: QueueStore = {
    add: (events) =>
      addMode === 'ok' ? inner.add(events) : addMode === 'reject' ? Promise.reject(new DOMException('full', 'QuotaExceededError')) : new Promise(() => {}),
    read: () => (readFails ? Promise.reject(new DOMException('blocked', 'UnknownError')) : inner.read()),
    remove: (ids, reported) => {
      removes.push([[...ids], reported]);
      return removeFails ? Promise.reject(new DOMException('gone', 'InvalidStateError')) : inner.remove(ids, reported);
    },
    destroy: vi.fn(() => inner.destroy()),
  };
  return {
    store,
    inner,
    removes,
    set add(mode: 'ok' | 'reject' | 'hang') {
      addMode = mode;
    },
    set readFails(fails: boolean) {
      readFails = fails;
    },
    set removeFails(fails: boolean) {
      removeFails = fails;
    },
  };
}

afterEach(() => vi.useRealTimers());

describe('fallback queue', () => {
  it('without a durable store keeps events in memory', async () => {
    const memory = createMemoryStore();
    const queue = createFallbackQueue(undefined, memory);
    await queue.add(queued(1, 2));
    expect(await queue.read()).toEqual({ events: queued(1, 2), dropped: 0 });
    expect(await held(memory)).toEqual(['m1', 'm2']);
    await queue.remove(['m1'], 0);
    expect(await queue.read()).toEqual({ events: queued(2), dropped: 0 });
    expect(await held(memory)).toEqual(['m2']);
  });

  it('without a durable store, and no memory store given, makes its own', async () => {
    const queue = createFallbackQueue(undefined);
    await queue.add(queued(1));
    expect(await queue.read()).toEqual({ events: queued(1), dropped: 0 });
  });

  it('writes to the durable store when it works, and nothing to memory', async () => {
    const durable = fakeDurable();
    const memory = createMemoryStore();
    const queue = createFallbackQueue(durable.store, memory);
    await queue.add(queued(1, 2));
    expect(await held(durable.inner)).toEqual(['m1', 'm2']);
    expect(await held(memory)).toEqual([]);
    expect(await queue.read()).toEqual({ events: queued(1, 2), dropped: 0 });
  });

  it('falls back to memory when the durable add rejects, without rejecting itself', async () => {
    const durable = fakeDurable();
    const memory = createMemoryStore();
    const queue = createFallbackQueue(durable.store, memory);
    await queue.add(queued(1));
    durable.add = 'reject';
    await expect(queue.add(queued(2, 3))).resolves.toBeUndefined();
    expect(await held(durable.inner)).toEqual(['m1']);
    expect(await held(memory)).toEqual(['m2', 'm3']);
  });

  it('falls back to memory when the durable add hangs for 2 s', async () => {
    vi.useFakeTimers();
    const durable = fakeDurable();
    durable.add = 'hang';
    const memory = createMemoryStore();
    const queue = createFallbackQueue(durable.store, memory);
    let done = false;
    void queue.add(queued(1)).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(DURABLE_WRITE_TIMEOUT_MS - 1);
    expect(DURABLE_WRITE_TIMEOUT_MS).toBe(2000);
    expect(done).toBe(false);
    expect(await held(memory)).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
    expect(await held(memory)).toEqual(['m1']);
    expect(await queue.read()).toEqual({ events: queued(1), dropped: 0 });
  });

  it('leaves no timer behind after a durable write that answered', async () => {
    vi.useFakeTimers();
    const queue = createFallbackQueue(fakeDurable().store);
    await queue.add(queued(1));
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reads durable events then memory ones, with both drop counts', async () => {
    const durable = fakeDurable(2);
    const memory = createMemoryStore(1);
    const queue = createFallbackQueue(durable.store, memory);
    await queue.add(queued(1, 2, 3)); // durable keeps m2, m3: one drop
    durable.add = 'reject';
    await queue.add(queued(4, 5, 6)); // memory keeps m6: two drops
    expect(await queue.read()).toEqual({ events: queued(2, 3, 6), dropped: 3 });
  });

  it('reads memory only when the durable read rejects', async () => {
    const durable = fakeDurable();
    const queue = createFallbackQueue(durable.store);
    await queue.add(queued(1));
    durable.add = 'reject';
    await queue.add(queued(2));
    durable.readFails = true;
    expect(await queue.read()).toEqual({ events: queued(2), dropped: 0 });
  });

  it('takes reported drops off the durable count first, the rest off memory', async () => {
    const durable = fakeDurable(1);
    const memory = createMemoryStore(1);
    const queue = createFallbackQueue(durable.store, memory);
    await queue.add(queued(1, 2, 3)); // durable: m3, 2 dropped
    durable.add = 'reject';
    await queue.add(queued(4, 5, 6, 7)); // memory: m7, 3 dropped
    expect(await queue.read()).toEqual({ events: queued(3, 7), dropped: 5 });
    await queue.remove(['m3', 'm7'], 4);
    expect(durable.removes).toEqual([[['m3', 'm7'], 2]]);
    expect(await durable.inner.read()).toEqual({ events: [], dropped: 0 });
    expect(await memory.read()).toEqual({ events: [], dropped: 1 });
    expect(await queue.read()).toEqual({ events: [], dropped: 1 });
  });

  it('does not take the same durable drops twice between reads', async () => {
    const durable = fakeDurable(1);
    const memory = createMemoryStore(1);
    const queue = createFallbackQueue(durable.store, memory);
    await queue.add(queued(1, 2)); // durable: 1 dropped
    durable.add = 'reject';
    await queue.add(queued(3, 4)); // memory: 1 dropped
    expect((await queue.read()).dropped).toBe(2);
    await queue.remove([], 1);
    await queue.remove([], 1);
    expect(durable.removes).toEqual([
      [[], 1],
      [[], 0],
    ]);
    expect(await queue.read()).toEqual({ events: queued(2, 4), dropped: 0 });
  });

  it('does not reject when the durable remove fails, and still removes from memory', async () => {
    const durable = fakeDurable();
    const memory = createMemoryStore();
    const queue = createFallbackQueue(durable.store, memory);
    durable.add = 'reject';
    await queue.add(queued(1, 2));
    durable.removeFails = true;
    await expect(queue.remove(['m1'], 0)).resolves.toBeUndefined();
    expect(await held(memory)).toEqual(['m2']);
  });

  it('destroy erases both stores and does not reject when the durable one fails', async () => {
    const durable = fakeDurable();
    const memory = createMemoryStore();
    const queue = createFallbackQueue(durable.store, memory);
    await queue.add(queued(1));
    durable.add = 'reject';
    await queue.add(queued(2));
    await queue.destroy();
    expect(durable.store.destroy).toHaveBeenCalledTimes(1);
    expect(await queue.read()).toEqual({ events: [], dropped: 0 });
    expect(await held(memory)).toEqual([]);
    vi.mocked(durable.store.destroy).mockRejectedValueOnce(new Error('blocked'));
    await expect(queue.destroy()).resolves.toBeUndefined();
  });
});
