import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { createIdbStore, IDB_NAME } from '../../sdk/queue/idb-store';
import { queued, queueStoreContract } from './queue-store-contract';

const databases = async () => (await indexedDB.databases()).map((db) => db.name);

// A fresh, empty IndexedDB per test: the store always opens the database `footfall`.
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('IndexedDB store', () => {
  queueStoreContract((limit) => createIdbStore(limit));

  it('opens nothing until first used', async () => {
    createIdbStore();
    expect(await databases()).toEqual([]);
  });

  it('reads what was added, oldest first, from any store on the same database', async () => {
    const store = createIdbStore();
    await store.add(queued(1, 2));
    await store.add(queued(3));
    expect(await store.read()).toEqual({ events: queued(1, 2, 3), dropped: 0 });
    // Another tab's store sees the same queue.
    expect(await createIdbStore().read()).toEqual({ events: queued(1, 2, 3), dropped: 0 });
    expect(await databases()).toEqual([IDB_NAME]);
  });

  it('keeps the cap across stores of different tabs', async () => {
    await createIdbStore(2).add(queued(1, 2));
    await createIdbStore(2).add(queued(3));
    expect(await createIdbStore().read()).toEqual({ events: queued(2, 3), dropped: 1 });
  });

  it('destroy deletes the database, and a later use starts empty', async () => {
    const store = createIdbStore(2);
    await store.add(queued(1, 2, 3));
    await store.destroy();
    expect(await databases()).toEqual([]);
    expect(await store.read()).toEqual({ events: [], dropped: 0 });
    await store.add(queued(4));
    expect(await store.read()).toEqual({ events: queued(4), dropped: 0 });
  });

  it('destroy is not blocked by another tab holding the database open, which then reopens it', async () => {
    const here = createIdbStore();
    const there = createIdbStore();
    await here.add(queued(1));
    expect(await there.read()).toEqual({ events: queued(1), dropped: 0 });
    const deleted = await Promise.race([
      here.destroy().then(() => 'deleted'),
      new Promise((resolve) => setTimeout(() => resolve('blocked'), 1000)),
    ]);
    expect(deleted).toBe('deleted');
    expect(await databases()).toEqual([]);
    await there.add(queued(2));
    expect(await here.read()).toEqual({ events: queued(2), dropped: 0 });
  });

  it('destroy of a store never used deletes what an earlier page left', async () => {
    await createIdbStore().add(queued(1));
    await createIdbStore().destroy();
    expect(await databases()).toEqual([]);
  });

  it('a lease blocks other owners until it expires, and its owner can renew it', async () => {
    const tabA = createIdbStore();
    const tabB = createIdbStore();
    expect(await tabA.claim('a', 1000, 0)).toBe(true);
    expect(await tabB.claim('b', 2000, 500)).toBe(false);
    expect(await tabB.claim('b', 2000, 999)).toBe(false);
    // Renewed by its owner: still blocks b past the first expiry.
    expect(await tabA.claim('a', 3000, 900)).toBe(true);
    expect(await tabB.claim('b', 4000, 2500)).toBe(false);
    // Expired: anyone may take it, and then the former owner is the one blocked.
    expect(await tabB.claim('b', 5000, 3000)).toBe(true);
    expect(await tabA.claim('a', 6000, 3001)).toBe(false);
  });

  it('release frees the lease for its owner only', async () => {
    const tabA = createIdbStore();
    const tabB = createIdbStore();
    expect(await tabA.claim('a', 10_000, 0)).toBe(true);
    await tabB.release('b');
    expect(await tabB.claim('b', 10_000, 1)).toBe(false);
    await tabA.release('a');
    expect(await tabB.claim('b', 10_000, 2)).toBe(true);
    expect(await tabA.claim('a', 10_000, 3)).toBe(false);
  });

  it('keeps the lease apart from the queue', async () => {
    const store = createIdbStore();
    await store.add(queued(1));
    expect(await store.claim('a', 10_000, 0)).toBe(true);
    expect(await store.read()).toEqual({ events: queued(1), dropped: 0 });
    await store.release('a');
    expect(await store.read()).toEqual({ events: queued(1), dropped: 0 });
  });
});
