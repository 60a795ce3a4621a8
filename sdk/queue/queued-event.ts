/**
 * An event as it waits in the queue: serialised once, when it is queued, so
 * its size is known for the request's size limit,
 * and a batch is a join of texts rather than a second `JSON.stringify`.
 */
export interface QueuedEvent {
  /** The event's messageId. */
  id: string;
  /** Epoch ms of the call, for giving up on old events. */
  at: number;
  /** The event as JSON text. */
  json: string;
  /** Its UTF-8 size in bytes: what batches and keepalive count. */
  size: number;
  /** Id of the tab that queued it: only that tab sends it for a while (see tab-ownership.ts). */
  tab: string;
  /** Epoch ms at which it was queued. */
  queuedAt: number;
}

/** What a flush sees: every queued event, oldest first, and the drops not yet reported. */
export interface QueueSnapshot {
  events: QueuedEvent[];
  /** Events the cap pushed out (or that expired) since the last report to the collector. */
  dropped: number;
}

/** Where granted events wait until the collector acknowledges them. */
export interface QueueStore {
  /**
   * Add events; resolves once they are stored. Over the cap the oldest give
   * way, and are counted as dropped.
   */
  add(events: readonly QueuedEvent[]): Promise<void>;
  /**
   * The oldest queued events, oldest first: at most `most` of them (a flush
   * reads a window, sends it, and reads on, rather than deserialising the
   * whole queue on the page's thread).
   */
  read(most?: number): Promise<QueueSnapshot>;
  /**
   * Remove delivered events and take `reported` off the drop count; with
   * `asDropped`, the removed events are given up and count as dropped.
   */
  remove(ids: readonly string[], reported: number, asDropped?: boolean): Promise<void>;
  /** Erase everything this store ever wrote (consent denied). */
  destroy(): Promise<void>;
}

/** Default cap of a queue, in events: Segment and Snowplow keep 1,000 too. */
export const QUEUE_LIMITS = { events: 1000 };

/**
 * Queue an event: serialise it once.
 * @param event a granted event, after `beforeSend`
 * @param tab id of the tab queueing it
 * @default tab ''
 * @param queuedAt epoch ms
 * @default queuedAt Date.now()
 * @returns the queued form
 * @example
 * toQueued(event, tab.id()).id === event.messageId
 */
export function toQueued(event: { messageId: string; timestamp: string }, tab = '', queuedAt = Date.now()): QueuedEvent {
  const json = JSON.stringify(event);
  return { id: event.messageId, at: Date.parse(event.timestamp), json, size: new TextEncoder().encode(json).length, tab, queuedAt };
}
