import type { KeyValueStorage } from './storage.js';

/** What the SDK keeps on the device: `localStorage` keys `footfall:<name>`. */
export type StateKey = 'anonymousId' | 'userId' | 'session';

const KEYS: readonly StateKey[] = ['anonymousId', 'userId', 'session'];

/** The visitor's ids and session, in memory, mirrored to storage only with consent. */
export interface StateStore {
  get(key: StateKey): string | undefined;
  /** Change a value now; storage follows in a later task, and only once enabled. */
  set(key: StateKey, value: string | undefined): void;
  /** Consent granted: write everything now, and every change from now on. */
  enable(): void;
  /** Consent denied: remove the keys from storage and memory, and write no more. */
  wipe(): void;
  /** Write pending changes now (the page is going away). */
  flush(): void;
}

/**
 * The store behind identity and sessions. Storage is read once, here, and
 * written in a later task, coalesced: `track()` never touches `localStorage`,
 * whose calls are synchronous and can take milliseconds on a busy device.
 * @param storage where values survive page loads (a never-throwing wrapper)
 * @returns the store, disabled (memory only) until {@link StateStore.enable}
 * @example
 * const store = createStateStore(safeStorage());
 * store.set('userId', 'user-42'); // memory only
 * store.enable();                 // now in localStorage too
 */
export function createStateStore(storage: KeyValueStorage): StateStore {
  const values = new Map<StateKey, string | undefined>(KEYS.map((key) => [key, storage.getItem(`footfall:${key}`) ?? undefined]));
  const dirty = new Set<StateKey>();
  let enabled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (enabled) {
      for (const key of dirty) {
        const value = values.get(key);
        if (value === undefined) storage.removeItem(`footfall:${key}`);
        else storage.setItem(`footfall:${key}`, value);
      }
    }
    dirty.clear();
  };
  return {
    get: (key) => values.get(key),
    set(key, value) {
      values.set(key, value);
      dirty.add(key);
      if (enabled) timer ??= setTimeout(flush);
    },
    enable() {
      enabled = true;
      KEYS.forEach((key) => dirty.add(key));
      flush();
    },
    wipe() {
      enabled = false;
      values.clear();
      KEYS.forEach((key) => storage.removeItem(`footfall:${key}`));
      flush(); // disabled: drops pending writes
    },
    flush,
  };
}
