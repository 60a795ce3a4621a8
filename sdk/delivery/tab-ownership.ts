import type { QueuedEvent } from '../queue/queued-event.js';
import { randomId } from '../random-id.js';
import { storedKey } from '../safe-storage.js';
import { SEND_TIMEOUT_MS } from '../transport.js';

/**
 * How long a queued event belongs to the tab that queued it. Meanwhile only
 * that tab sends it; after that any tab's flush may adopt it, since its tab
 * may be gone (closed, or dead before it could send).
 */
export const ADOPT_AFTER_MS = 60_000;

/**
 * Unload sends only events queued less than this long ago, so that its
 * request has finished (or timed out) before any other tab may adopt them:
 * an event is never in flight from two tabs, whatever the tabs' messages
 * (they would arrive too late at unload) say.
 */
export const UNLOAD_WINDOW_MS = ADOPT_AFTER_MS - SEND_TIMEOUT_MS;

/** The sessionStorage key of the tab's id: a reload or a link in the same tab keeps owning its events. */
export const TAB_KEY = 'footfall:tab';

/** Which tab this is, made and stored on first use (after consent). */
export interface TabIdentity {
  /** The tab's id. */
  id(): string;
  /** Forget it, and remove it from storage (consent denied). */
  forget(): void;
}

/**
 * The tab's identity in `sessionStorage`, which is per tab and survives
 * reloads and navigations within it; in memory where storage is blocked.
 * @param storage returns the storage to use
 * @default storage () => sessionStorage
 * @returns the identity
 * @example
 * const tab = createTabIdentity();
 * tab.id(); // 'k3j…'
 */
export function createTabIdentity(storage: () => Storage = () => sessionStorage): TabIdentity {
  let id: string | undefined;
  const stored = storedKey(storage, TAB_KEY);
  return {
    id() {
      // Storage once per page, not on every flush: its calls are synchronous.
      if (id === undefined) stored.set((id = stored.get() ?? randomId()));
      return id;
    },
    forget() {
      stored.set((id = undefined));
    },
  };
}

/**
 * Whether tab `tab` may send `event` in a flush: its own, or adopted once old enough.
 * @param tab the flushing tab's id
 * @param event a queued event
 * @param now epoch ms
 * @returns true if it may
 * @example
 * mayFlush('tab-a', event, Date.now());
 */
export function mayFlush(tab: string, event: QueuedEvent, now: number): boolean {
  return event.tab === tab || now - event.queuedAt >= ADOPT_AFTER_MS;
}
