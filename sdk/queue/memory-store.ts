import { QUEUE_LIMITS, type QueuedEvent, type QueueStore } from './queued-event.js';

/**
 * A queue kept in memory: where IndexedDB is missing, blocked or full. It
 * lives as long as the page, and only this tab sees it.
 * @param limits most events and bytes kept; beyond them the oldest give way
 * @default limits QUEUE_LIMITS (1,000 events, 1 MB)
 * @returns an empty store
 * @example
 * const store = createMemoryStore();
 * await store.add([toQueued(event)]);
 */
export function createMemoryStore(limits = QUEUE_LIMITS): QueueStore {
  let events: QueuedEvent[] = [];
  let bytes = 0;
  let dropped = 0;
  return {
    async add(added) {
      events = events.concat(added);
      added.forEach((event) => (bytes += event.size));
      let cut = 0;
      while (events.length - cut > limits.events || bytes > limits.bytes) bytes -= events[cut++]!.size;
      events = events.slice(cut);
      dropped += cut;
    },
    read: async () => ({ events, dropped }),
    async remove(ids, reported, asDropped) {
      const gone = new Set(ids);
      events = events.filter((event) => {
        if (!gone.has(event.id)) return true;
        bytes -= event.size;
        if (asDropped) dropped += 1;
        return false;
      });
      dropped = Math.max(0, dropped - reported);
    },
    async destroy() {
      events = [];
      bytes = dropped = 0;
    },
  };
}
