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
