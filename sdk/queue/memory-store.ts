import { QUEUE_LIMITS, type QueuedEvent, type QueueStore } from './queued-event.js';

/**
 * A queue kept in memory: where IndexedDB is missing, blocked or full. It
 * lives as long as the page, and only this tab sees it. Capped by the count
 * of events, like the durable queue.
 * @param limit most events kept; beyond it the oldest give way
 * @default limit QUEUE_LIMITS.events (1,000)
 * @returns an empty store
 * @example
 * const store = createMemoryStore();
 * await store.add([toQueued(event)]);
 */
export function createMemoryStore(limit = QUEUE_LIMITS.events): QueueStore {
  let events: QueuedEvent[] = [];
  let dropped = 0;
  return {
    async add(added) {
      events = events.concat(added);
      const cut = Math.max(0, events.length - limit);
      events = events.slice(cut);
      dropped += cut;
    },
    read: async (most) => ({ events: events.slice(0, most), dropped }),
    async remove(ids, reported, asDropped) {
      const gone = new Set(ids);
      const kept = events.filter((event) => !gone.has(event.id));
      if (asDropped) dropped += events.length - kept.length;
      events = kept;
      dropped = Math.max(0, dropped - reported);
    },
    async destroy() {
      events = [];
      dropped = 0;
    },
  };
}
