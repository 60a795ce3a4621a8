/** The little of `localStorage` the SDK uses. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * `localStorage`, made harmless: reading the property itself throws a
 * SecurityError when storage is blocked (sandboxed iframes, some privacy
 * settings), and `setItem` throws when the quota is full. Every failure
 * degrades to "nothing stored" instead of an exception in the host page.
 * @param get returns the storage to use
 * @default get () => localStorage
 * @returns a storage whose methods never throw
 * @example
 * const storage = safeStorage();
 * storage.setItem('footfall:anonymousId', id);
 */
export function safeStorage(get: () => KeyValueStorage = () => localStorage): KeyValueStorage {
  return {
    getItem: (key) => attempt(() => get().getItem(key), null),
    setItem: (key, value) => attempt(() => get().setItem(key, value), undefined),
    removeItem: (key) => attempt(() => get().removeItem(key), undefined),
  };
}

function attempt<T>(action: () => T, fallback: T): T {
  try {
    return action();
  } catch {
    return fallback;
  }
}
