/**
 * Run `action` on storage. Merely reading `localStorage` throws a
 * SecurityError where storage is blocked (sandboxed iframes, some privacy
 * settings), and `setItem` throws when the quota is full: every failure
 * degrades to "nothing stored", never an exception in the host page.
 * @param action the storage call
 * @returns its result, or `undefined` if it threw
 * @example
 * attempt(() => localStorage.getItem('footfall:userId'));
 */
export function attempt<T>(action: () => T): T | undefined {
  try {
    return action();
  } catch {
    return undefined;
  }
}

/** One storage key, read and written through {@link attempt}. */
export interface StoredKey {
  /** The value, `undefined` when absent or unreadable. */
  get(): string | undefined;
  /** Write the value; `undefined` removes the key. */
  set(value: string | undefined): void;
}

/**
 * One key of `localStorage` or `sessionStorage` that never throws.
 * @param storage returns the storage (a function: merely reading `localStorage` may throw)
 * @param key the key, e.g. `'footfall:tab'`
 * @returns the key's reader and writer
 * @example
 * storedKey(() => sessionStorage, 'footfall:tab').set('tab-1');
 */
export function storedKey(storage: () => Storage, key: string): StoredKey {
  return {
    get: () => attempt(() => storage().getItem(key)) ?? undefined,
    set: (value) => void attempt(() => (value === undefined ? storage().removeItem(key) : storage().setItem(key, value))),
  };
}
