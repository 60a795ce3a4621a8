import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import { QUEUE_LIMITS, type QueuedEvent, type QueueStore } from './queued-event.js';

/** The database: `footfall`, with one object store, `queue`. */
export const IDB_NAME = 'footfall';

// Keys carry a layout version, so a later SDK can change what it stores
// without misreading what an older one left: `e1:<messageId>` for events
// (UUIDv7, so key order is time order), `m1` for the counters, `l1` for the
// flush lease of browsers without Web Locks.
const EVENT_KEY = 'e1:';
const META_KEY = 'm1';
const LEASE_KEY = 'l1';

/** Counters kept beside the events, changed in the same transactions: count, bytes, dropped. */
interface Meta {
  n: number;
  b: number;
  d: number;
}

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
 * every tab of the origin. Every change is one transaction (an event and the
 * counters never disagree), and the database is opened only on first use,
 * which is after consent. Every method may reject (IndexedDB missing,
 * blocked, over quota); the fallback queue catches that.
 * @param limits most events and bytes kept; beyond them the oldest give way
 * @default limits QUEUE_LIMITS (1,000 events, 1 MB)
 * @returns the store; nothing is opened until a method is called
 * @example
 * const store = createIdbStore();
 * await store.add([toQueued(event)]);
 */
export function createIdbStore(limits = QUEUE_LIMITS): IdbStore {
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
  const meta = async (store: IDBObjectStore): Promise<Meta> => (await promisifyRequest<Meta | undefined>(store.get(META_KEY))) ?? { n: 0, b: 0, d: 0 };
  const committed = (store: IDBObjectStore, counters: Meta) => {
    store.put(counters, META_KEY);
    return promisifyRequest(store.transaction);
  };

  return {
    add: (added) =>
      run('readwrite', async (store) => {
        const counters = await meta(store);
        for (const event of added) {
          store.put(event, EVENT_KEY + event.id);
          counters.n += 1;
          counters.b += event.size;
        }
        // Over a cap: the oldest give way, in the same transaction.
        let cursor: IDBRequest<IDBCursorWithValue | null> | undefined;
        while (counters.n > limits.events || counters.b > limits.bytes) {
          const oldest = await promisifyRequest((cursor ??= store.openCursor(events())));
          if (!oldest) break;
          counters.n -= 1;
          counters.b -= (oldest.value as QueuedEvent).size;
          counters.d += 1;
          oldest.delete();
          oldest.continue();
        }
        return committed(store, counters);
      }),
    read: () =>
      run('readonly', async (store) => {
        const [queued, counters] = await Promise.all([promisifyRequest<QueuedEvent[]>(store.getAll(events())), meta(store)]);
        return { events: queued, dropped: counters.d };
      }),
    remove: (ids, reported, asDropped) =>
      run('readwrite', async (store) => {
        const counters = await meta(store);
        const found = await Promise.all(ids.map((id) => promisifyRequest<QueuedEvent | undefined>(store.get(EVENT_KEY + id))));
        // Only what is still there counts: the cap may have pushed some out meanwhile.
        for (const event of found) {
          if (!event) continue;
          store.delete(EVENT_KEY + event.id);
          counters.n -= 1;
          counters.b -= event.size;
          if (asDropped) counters.d += 1;
        }
        counters.d = Math.max(0, counters.d - reported);
        return committed(store, counters);
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
