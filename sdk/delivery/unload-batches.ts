import type { QueuedEvent } from '../queue/queued-event.js';
import { KEEPALIVE_TOTAL } from '../transport.js';
import { batchBytes, ENVELOPE_BYTES, splitBatches } from './batch-body.js';
import { UNLOAD_WINDOW_MS } from './tab-ownership.js';

/**
 * What a tab sends as its page goes: its own unacknowledged events queued in
 * the last 30 s (older ones another tab may adopt meanwhile), minus those to
 * `skip` (in flight, or sent by an earlier unload), in as many batches as the
 * page's keepalive quota still allows. The rest wait, queued, for the next
 * page of the tab.
 * @param own this tab's unacknowledged events, oldest first
 * @param skip events not to send now
 * @param now epoch ms
 * @param bytesInFlight bytes of this page's keepalive requests still in flight
 * @returns the batches to send, in order
 * @example
 * unloadBatches(own.values(), (event) => busy.has(event.id), Date.now(), 0);
 */
export function unloadBatches(own: Iterable<QueuedEvent>, skip: (event: QueuedEvent) => boolean, now: number, bytesInFlight: number): QueuedEvent[][] {
  const recent = [...own].filter((event) => !skip(event) && now - event.queuedAt < UNLOAD_WINDOW_MS);
  const batches: QueuedEvent[][] = [];
  let room = KEEPALIVE_TOTAL - bytesInFlight;
  for (const batch of splitBatches(recent)) {
    room -= batchBytes(batch) + ENVELOPE_BYTES;
    if (room < 0) break;
    batches.push(batch);
  }
  return batches;
}
