import { storedKey } from './safe-storage.js';

/** What the SDK keeps on the device: `localStorage` keys `footfall:<name>`. */
export type StateKey = 'anonymousId' | 'userId' | 'session';

/**
 * What each key holds: the ids as strings, the session as the object itself,
 * serialised only when written (not on every event), and read back as the
 * stored JSON text.
 */
export interface StateValues {
  anonymousId: string;
  userId: string;
  session: string | object;
}

/** Every key the store keeps. */
export const KEYS: readonly StateKey[] = ['anonymousId', 'userId', 'session'];

/** The visitor's ids and session, in memory, mirrored to storage only with consent. */
export interface StateStore {
  get<K extends StateKey>(key: K): StateValues[K] | undefined;
  /** Change a value now; storage follows within a second, and only once enabled. */
  set<K extends StateKey>(key: K, value: StateValues[K] | undefined): void;
  /** Consent granted: write everything now, and every change from now on. */
  enable(): void;
  /** Consent denied: remove the keys from storage and memory, and write no more. */
  wipe(): void;
  /** Write pending changes now (the page is going away). */
  flush(): void;
}

/** Changes are written at most this often (and at once on grant, reset and page hide). */
export const WRITE_DELAY_MS = 1000;

/**
 * The store behind identity and sessions. Storage is read once, here, and
 * written at most once a second, coalesced: `track()` never touches
 * `localStorage`, whose calls are synchronous and can take milliseconds on a
 * busy device, and a burst of events costs one write.
 * @param storage returns the storage to use
 * @default storage () => localStorage
 * @returns the store, disabled (memory only) until {@link StateStore.enable}
 * @example
 * const store = createStateStore();
 * store.set('userId', 'user-42'); // memory only
 * store.enable();                 // now in localStorage too
 */
export function createStateStore(storage: () => Storage = () => localStorage): StateStore {
  const values: Partial<StateValues> = {};
  let dirty: Partial<Record<StateKey, true>> = {};
  let enabled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stored = (key: StateKey) => storedKey(storage, `footfall:${key}`);
  const write = (key: StateKey) => {
    const value = values[key];
    stored(key).set(typeof value === 'object' ? JSON.stringify(value) : value);
  };
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (enabled) for (const key in dirty) write(key as StateKey);
    dirty = {};
  };
  const set = <K extends StateKey>(key: K, value: StateValues[K] | undefined) => {
    values[key] = value;
    dirty[key] = true;
    if (enabled) timer ??= setTimeout(flush, WRITE_DELAY_MS);
  };
  KEYS.forEach((key) => (values[key] = stored(key).get()));
  return {
    get: (key) => values[key],
    set,
    enable() {
      enabled = true;
      KEYS.forEach((key) => (dirty[key] = true));
      flush();
    },
    wipe() {
      enabled = false;
      KEYS.forEach((key) => {
        values[key] = undefined;
        write(key);
      });
      flush(); // disabled: drops pending writes
    },
    flush,
  };
}
