import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import { QUEUE_LIMITS, type QueuedEvent, type QueueStore } from './queued-event.js';

/** The database: `footfall`, with one object store, `queue`. */
export const IDB_NAME = 'footfall';

// Keys carry a layout version, so a later SDK can change what it stores
// without misreading what an older one left: `e1:<messageId>` for events
// (UUIDv7, so key order is time order), `m2` for the drop count (`m1` held
// count and bytes too; an older page's leftover is simply ignored), `l1` for
// the flush lease of browsers without Web Locks.
const EVENT_KEY = 'e1:';
const DROPPED_KEY = 'm2';
const LEASE_KEY = 'l1';

/** The IndexedDB queue, plus the lease that stands in for Web Locks where they are missing. */
export interface IdbStore extends QueueStore {
  /**
   * Take or renew the flush lease for `owner` until `until`, unless another
   * owner holds an unexpired one.
   */
  claim(owner: string, until: number, now: number): Promise<boolean>;
  /** Give the lease back, if `owner` still holds it. */
  release(owner: string): Promise<void>;
}

/**
 * The durable queue: events wait in IndexedDB (idb-keyval's `createStore`,
 * a database of our own) until the collector acknowledges them, shared by
 * every tab of the origin. Every change is one transaction, and the database
 * is opened only on first use, which is after consent. Every method may
 * reject (IndexedDB missing, blocked, over quota); the fallback queue catches
 * that.
 *
 * Cheap on the page's thread, because every flush of every tab comes here:
 * adding is a put per event and one key count, removing a delete per event;
 * no event is read back to be changed or measured (measured at 4× CPU
 * throttle: reading each removed event back for a byte counter cost more
 * than sending it). So the cap counts events, as Segment's and Snowplow's
 * do; one event is at most 32 KB, so 1,000 stay far below any origin's quota.
 * @param limit most events kept; beyond it the oldest give way
 * @default limit QUEUE_LIMITS.events (1,000)
 * @returns the store; nothing is opened until a method is called
 * @example
 * const store = createIdbStore();
 * await store.add([toQueued(event)]);
 */
export function createIdbStore(limit = QUEUE_LIMITS.events): IdbStore {
  let use: UseStore | undefined;
  let db: IDBDatabase | undefined;
  const events = () => IDBKeyRange.bound(EVENT_KEY, `${EVENT_KEY}\uffff`);
  const run = async <T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => Promise<T>): Promise<T> => {
    try {
      return await (use ??= createStore(IDB_NAME, 'queue'))(mode, (store) => {
        const connection = (db = store.transaction.db);
        // Another tab erasing the queue (consent denied there) waits for this connection to close.
        connection.onversionchange = () => {
          connection.close();
          use = undefined;
        };
        return work(store);
      });
    } catch (error) {
      use = undefined; // reopen next time: the connection may have been closed under us
      throw error;
    }
  };
  const dropped = async (store: IDBObjectStore) => (await promisifyRequest<number | undefined>(store.get(DROPPED_KEY))) ?? 0;
  /** Change the drop count by `change` (never below zero), in this transaction. */
  const addDropped = async (store: IDBObjectStore, change: number) => {
    if (change !== 0) store.put(Math.max(0, (await dropped(store)) + change), DROPPED_KEY);
  };
  const done = (store: IDBObjectStore) => promisifyRequest<void>(store.transaction);

  return {
    add: (added) =>
      run('readwrite', async (store) => {
        for (const event of added) store.put(event, EVENT_KEY + event.id);
        // Over the cap: the oldest give way, in the same transaction, as one range deletion.
        const excess = (await promisifyRequest(store.count(events()))) - limit;
        if (excess > 0) {
          const oldest = await promisifyRequest(store.getAllKeys(events(), excess));
          store.delete(IDBKeyRange.bound(EVENT_KEY, oldest[oldest.length - 1]!));
          await addDropped(store, excess);
        }
        return done(store);
      }),
    read: (most) =>
      run('readonly', async (store) => {
        const [queued, count] = await Promise.all([promisifyRequest<QueuedEvent[]>(store.getAll(events(), most)), dropped(store)]);
        return { events: queued, dropped: count };
      }),
    remove: (ids, reported, asDropped) =>
      run('readwrite', async (store) => {
        // Given-up events count as dropped only if still there (the cap may have pushed them out already).
        const given = asDropped ? await Promise.all(ids.map((id) => promisifyRequest(store.count(EVENT_KEY + id)))) : [];
        for (const id of ids) store.delete(EVENT_KEY + id);
        await addDropped(store, given.reduce((sum, n) => sum + n, 0) - reported);
        return done(store);
      }),
    async destroy() {
      db?.close();
      use = db = undefined;
      await promisifyRequest(indexedDB.deleteDatabase(IDB_NAME));
    },
    claim: (owner, until, now) =>
      run('readwrite', async (store) => {
        const lease = await promisifyRequest<{ owner: string; until: number } | undefined>(store.get(LEASE_KEY));
        if (lease && lease.owner !== owner && lease.until > now) return false;
        store.put({ owner, until }, LEASE_KEY);
        await promisifyRequest(store.transaction);
        return true;
      }),
    release: (owner) =>
      run('readwrite', async (store) => {
        const lease = await promisifyRequest<{ owner: string } | undefined>(store.get(LEASE_KEY));
        if (lease?.owner === owner) store.delete(LEASE_KEY);
      }),
  };
}
