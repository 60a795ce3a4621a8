import type { ResolvedOptions } from '../options.js';
import { onPageHide } from '../page-hide.js';
import { createFallbackQueue } from '../queue/fallback-queue.js';
import { createIdbStore } from '../queue/idb-store.js';
import { report } from '../safe.js';
import { beacon, createFetchTransport, keepaliveFetch } from '../transport.js';
import { batchBody } from './batch-body.js';
import { createDelivery, type Delivery } from './delivery.js';
import { createFlushLock } from './flush-lock.js';
import { createRetryAfterState } from './retry-after-state.js';
import { createTabIdentity } from './tab-ownership.js';

/**
 * The delivery a page uses, wired to the browser: the IndexedDB queue with
 * its memory fallback, keepalive fetch (a beacon at unload where fetch has
 * no keepalive), the flush
 * lock, the shared `Retry-After` pause and the tab's identity; flushed when
 * the browser comes back online, and unloaded when the page is hidden or left.
 * @param options the client's resolved options
 * @param active whether consent allows sending now
 * @returns the delivery
 * @example
 * const delivery = createBrowserDelivery(resolveOptions({ writeKey: 'k' }), () => gate.state === 'granted');
 */
export function createBrowserDelivery(options: ResolvedOptions, active: () => boolean): Delivery {
  const idb = createIdbStore();
  const delivery = createDelivery({
    ...options, // flushAt, flushInterval
    queue: createFallbackQueue(idb),
    send: createFetchTransport(options.endpoint),
    beacon: keepaliveFetch() ? undefined : (body) => beacon(options.endpoint, body),
    body: (events, dropped) => batchBody(options.writeKey, events, new Date(), dropped),
    lock: createFlushLock(idb),
    pause: createRetryAfterState(),
    tab: createTabIdentity(),
    active,
    onFailure: options.debug ? (result) => report(result.error ?? `send failed with HTTP ${result.status}`) : undefined,
  });
  onPageHide(() => active() && delivery.unload());
  globalThis.addEventListener?.('online', () => active() && void delivery.flush());
  return delivery;
}
