import type { EventQueue } from './memory-queue.js';
import type { SendResult, Transport } from './transport.js';
import type { FootfallEvent } from './types.js';

/** Most events in one request: keeps a typical batch under the keepalive budget. */
export const MAX_BATCH = 50;

/** When queued events leave: on a timer, at a count, on demand and at unload. */
export interface Delivery {
  /** Queue an event and arrange for it to be sent. */
  enqueue(event: FootfallEvent): void;
  /** Send everything queued; resolves when done, whatever the outcome. */
  flush(): Promise<void>;
  /** Send everything now, without waiting for requests in flight: the page is going away. */
  flushNow(): void;
  /** Drop queued events and forget failures of requests in flight. */
  clear(): void;
}

/** Options of {@link createDelivery}. */
export interface DeliveryOptions {
  queue: EventQueue;
  send: Transport;
  /** Send as soon as this many events wait. */
  flushAt: number;
  /** Milliseconds to wait before sending what has been queued. */
  flushInterval: number;
  /** Told about every failed request (events are kept for the next flush). */
  onFailure?: (result: SendResult) => void;
}

/**
 * Delivery of queued events. Sends are chained so that two flushes never carry
 * the same events; a failed batch goes back to the front of the queue and waits
 * for the timer, so an unreachable collector is not hit on every `track()`.
 * @param options queue, transport and thresholds
 * @returns the delivery
 * @example
 * const delivery = createDelivery({ queue, send, flushAt: 20, flushInterval: 5000 });
 * delivery.enqueue(event);
 * await delivery.flush();
 */
export function createDelivery({ queue, send, flushAt, flushInterval, onFailure }: DeliveryOptions): Delivery {
  // One timer, started only if not already running: no idle wake-ups. A fired
  // handle is cleared when the flush it started begins.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<void> = Promise.resolve();
  let failing = false;
  // Bumped by clear(): a request that fails after a deny must not put its events back.
  let epoch = 0;

  const startTimer = () => (timer ??= setTimeout(flush, flushInterval));
  const cancelTimer = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  const sendBatch = async (batch: FootfallEvent[]): Promise<boolean> => {
    const started = epoch;
    const result = await send(batch);
    failing = !result.ok;
    if (failing) {
      if (started === epoch) queue.putBack(batch);
      onFailure?.(result);
    }
    return result.ok;
  };
  const drain = async () => {
    cancelTimer();
    while (queue.size > 0 && (await sendBatch(queue.take(MAX_BATCH)))) {
      // keep going until the queue is empty or a send fails
    }
    if (queue.size > 0) startTimer();
  };
  const flush = (): Promise<void> => (chain = chain.then(drain, drain));

  return {
    enqueue(event) {
      queue.push(event);
      if (queue.size >= flushAt && !failing) void flush();
      else startTimer();
    },
    flush,
    flushNow() {
      cancelTimer();
      while (queue.size > 0) void sendBatch(queue.take(MAX_BATCH));
    },
    clear() {
      epoch += 1;
      cancelTimer();
      queue.clear();
    },
  };
}
