import type { FootfallEvent } from './types.js';

/** Events granted for sending but not yet accepted by the collector. */
export interface EventQueue {
  readonly size: number;
  /** Add an event at the end. */
  push(event: FootfallEvent): void;
  /** Remove and return up to `max` events from the front. */
  take(max: number): FootfallEvent[];
  /** Return events that failed to send to the front, keeping their order. */
  putBack(events: readonly FootfallEvent[]): void;
  /** Drop everything. */
  clear(): void;
}

/** Most events kept in memory; beyond it the oldest are dropped. */
export const MEMORY_QUEUE_LIMIT = 1000;

/**
 * The in-memory queue between the consent gate and the transport. Bounded,
 * because a collector that stays unreachable must not grow the host page's
 * memory without end. A durable IndexedDB queue implements the same interface.
 * @param limit most events kept
 * @default limit MEMORY_QUEUE_LIMIT (1000)
 * @returns an empty queue
 * @example
 * const queue = createMemoryQueue();
 * queue.push(event);
 * queue.take(20); // [event]
 */
export function createMemoryQueue(limit: number = MEMORY_QUEUE_LIMIT): EventQueue {
  let events: FootfallEvent[] = [];
  const trim = () => {
    if (events.length > limit) events = events.slice(events.length - limit);
  };
  return {
    get size() {
      return events.length;
    },
    push(event) {
      events.push(event);
      trim();
    },
    take(max) {
      return events.splice(0, max);
    },
    putBack(failed) {
      events = [...failed, ...events];
      trim();
    },
    clear() {
      events = [];
    },
  };
}
