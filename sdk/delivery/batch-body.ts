import type { QueuedEvent } from '../queue/queued-event.js';
import { KEEPALIVE_BUDGET } from '../transport.js';

/** Most events in one request; the collector takes up to 2,500. */
export const MAX_BATCH = 100;

/** Room for the envelope around the events: write key, sentAt, context. */
export const ENVELOPE_BYTES = 500;

/**
 * Split queued events into batches that each fit a keepalive request: at most
 * {@link MAX_BATCH} events and {@link KEEPALIVE_BUDGET} bytes of JSON. An
 * event too large for any batch goes alone (without keepalive).
 * @param events queued events, oldest first
 * @returns the batches, in order
 * @example
 * splitBatches(events).map((batch) => batch.length) // [100, 100, 37]
 */
export function splitBatches(events: readonly QueuedEvent[]): QueuedEvent[][] {
  const batches: QueuedEvent[][] = [];
  let current: QueuedEvent[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const event of events) {
    bytes += event.size + 1;
    if (current.length > 0 && (current.length === MAX_BATCH || bytes > KEEPALIVE_BUDGET)) {
      batches.push(current);
      current = [];
      bytes = ENVELOPE_BYTES + event.size + 1;
    }
    current.push(event);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * The bytes of a batch's events, without the envelope.
 * @param batch queued events
 * @returns the sum of their UTF-8 sizes
 * @example
 * batchBytes(batch) + ENVELOPE_BYTES <= KEEPALIVE_BUDGET
 */
export const batchBytes = (batch: readonly QueuedEvent[]): number => batch.reduce((sum, event) => sum + event.size, 0);

/**
 * The JSON body of `POST /v1/batch`, joined from the events' stored JSON. The
 * write key rides in the body because `sendBeacon`-style requests cannot set
 * an Authorization header. Events the queue had to drop since the last report
 * travel as `context.droppedEvents` (the collector merges the batch context
 * into each event of the batch).
 * @param writeKey the collector write key
 * @param events events to send
 * @param sentAt send time; the collector corrects clock skew with it
 * @param dropped events dropped since the last report
 * @returns the body text
 * @example
 * batchBody('dev_write_key', [toQueued(event)], new Date(), 0);
 */
export function batchBody(writeKey: string, events: readonly QueuedEvent[], sentAt: Date, dropped: number): string {
  const context = dropped > 0 ? `,"context":{"droppedEvents":${dropped}}` : '';
  return `{"writeKey":${JSON.stringify(writeKey)},"sentAt":"${sentAt.toISOString()}"${context},"batch":[${events.map((e) => e.json).join(',')}]}`;
}
