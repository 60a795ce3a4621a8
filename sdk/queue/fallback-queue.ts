import { createMemoryStore } from './memory-store.js';
import type { QueueSnapshot, QueueStore } from './queued-event.js';

/** How long a write may take before IndexedDB counts as blocked (Safari can hang on open). */
export const DURABLE_WRITE_TIMEOUT_MS = 2000;

const NOTHING: QueueSnapshot = { events: [], dropped: 0 };

/**
 * Combine the durable store with a bounded memory one. Events go to the
 * durable store; if it is missing, blocked (no answer in 2 s) or full, they go
 * to memory instead, and are delivered from there while the page lives.
 * Nothing here rejects: a broken IndexedDB must never surface in the host page.
 * @param durable the IndexedDB store, `undefined` where there is none
 * @param memory the memory store
 * @default memory createMemoryStore()
 * @returns the queue
 * @example
 * const queue = createFallbackQueue(createIdbStore());
 */
export function createFallbackQueue(
  durable: QueueStore | undefined,
  memory: QueueStore = createMemoryStore(),
): QueueStore {
  // Drops last read from the durable store: remove() takes those off it and the rest off memory's.
  let durableDropped = 0;
  return {
    async add(events) {
      if (durable) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        try {
          // A write that times out may still land later; the event then reaches the collector twice, and is stored once.
          const blocked = new Promise<never>((_, reject) => (timer = setTimeout(reject, DURABLE_WRITE_TIMEOUT_MS)));
          return await Promise.race([durable.add(events), blocked]);
        } catch {
          // missing, blocked or full: memory below
        } finally {
          clearTimeout(timer);
        }
      }
      await memory.add(events);
    },
    async read(most) {
      // Up to `most` from each store; a flush reads on while a window gave it something to send.
      const stored = durable ? await durable.read(most).catch(() => NOTHING) : NOTHING;
      const held = await memory.read(most);
      durableDropped = stored.dropped;
      return { events: stored.events.concat(held.events), dropped: stored.dropped + held.dropped };
    },
    async remove(ids, reported, asDropped) {
      const fromDurable = Math.min(reported, durableDropped);
      durableDropped -= fromDurable;
      await Promise.all([durable?.remove(ids, fromDurable, asDropped).catch(() => undefined), memory.remove(ids, reported - fromDurable, asDropped)]);
    },
    async destroy() {
      durableDropped = 0;
      await Promise.all([durable?.destroy().catch(() => undefined), memory.destroy()]);
    },
  };
}
