import { storedKey } from '../safe-storage.js';

/** Where the pause a collector asked for is kept, so every tab of the origin honours it. */
export const RETRY_AFTER_KEY = 'footfall:retryAt';

/** The time before which nothing may be sent, shared by the origin's tabs. */
export interface RetryAfterState {
  /** Epoch ms until which sending is paused; 0 or past when it is not. */
  until(): number;
  /** Pause sending until `until` (from a 429 or 503 with `Retry-After`). */
  pause(until: number): void;
  /** Forget the pause and its storage (consent denied). */
  clear(): void;
}

/**
 * The `Retry-After` pause, in `localStorage` so that another tab, or the next
 * page, reads it before sending; also in memory, for when storage is blocked.
 * Read once per flush, never on `track()`'s path; written only by a flush,
 * which runs only after consent.
 * @param storage returns the storage to use
 * @default storage () => localStorage
 * @returns the state
 * @example
 * const pause = createRetryAfterState();
 * pause.pause(Date.now() + 2000);
 */
export function createRetryAfterState(storage: () => Storage = () => localStorage): RetryAfterState {
  let local = 0;
  const stored = storedKey(storage, RETRY_AFTER_KEY);
  return {
    until: () => Math.max(local, Number(stored.get()) || 0),
    pause(until) {
      local = until;
      stored.set(String(until));
    },
    clear() {
      local = 0;
      stored.set(undefined);
    },
  };
}
