import type { Database } from '../db/open-database';
import { ApiError } from '../http/api-error';
import type { Logger } from '../http/error-handler';
import { eventsSource, signalsSource } from './feed-sources';
import { sseStream, type SseStream } from './sse-stream';
import { Tail, type FeedItem, type FeedSource } from './tail';

/** Tuning of the live feeds; the defaults suit production. */
export interface LiveOptions {
  /** How often a feed reads its table while someone listens. @default 1000 */
  pollMs?: number;
  /** @default 15000 */
  pingMs?: number;
  /** Bytes a subscriber may fall behind before it is dropped. @default 1048576 */
  maxBacklogBytes?: number;
  /** Rows a resuming subscriber may be sent at most. @default 1000 */
  catchUp?: number;
  /** Open streams per feed at most; more are answered `503`. @default 500 */
  maxSubscribers?: number;
  /**
   * One poller per stream instead of one per feed. Edge runtimes need it: a Worker
   * may not write to one request's stream from I/O another request started.
   * @default false
   */
  pollPerStream?: boolean;
  log?: Logger;
}

/** One live channel: a table followed by id, streamed as SSE. */
export interface LiveFeed {
  /**
   * Opens a stream.
   * @param since resume after this id (`Last-Event-ID`); undefined starts at the tail
   * @param accept which rows this subscriber wants
   */
  open(since: number | undefined, accept?: (item: FeedItem) => boolean): Promise<Response>;
  /** Reads the table now: this process has just stored rows. */
  poke(): void;
  /** Open streams. */
  readonly size: number;
}

/** The collector's live channels. */
export interface LiveHub {
  /** `GET /v1/live/events` */
  events: LiveFeed;
  /** `GET /v1/live/abandoned-carts` */
  carts: LiveFeed;
  /** Ends every open stream and stops polling (shutdown). */
  close(): void;
}

/**
 * The live feeds of one app: stored events and abandoned-cart signals.
 *
 * @example
 * const live = createLiveHub(db);
 * app.route('/v1', liveRoutes({ live, keys }));
 * // on shutdown, before closing the server: live.close();
 */
export function createLiveHub(db: Database, options: LiveOptions = {}): LiveHub {
  const feeds = [liveFeed(eventsSource(db), 'event', options), liveFeed(signalsSource(db), 'abandoned_cart', options)] as const;
  return { events: feeds[0], carts: feeds[1], close: () => feeds.forEach((feed) => feed.close()) };
}

function liveFeed(source: FeedSource, event: string, options: LiveOptions): LiveFeed & { close(): void } {
  const tailOptions = { event, pollMs: options.pollMs, catchUp: options.catchUp, log: options.log };
  const shared = options.pollPerStream ? undefined : new Tail(source, tailOptions);
  const streams = new Set<SseStream>();
  let closed = false;
  return {
    async open(since, accept = () => true) {
      if (closed) throw new ApiError(503, 'unavailable', 'The collector is shutting down; reconnect shortly.', 5);
      if (streams.size >= (options.maxSubscribers ?? 500)) {
        throw new ApiError(503, 'unavailable', 'Too many live subscribers at the moment; retry later.', 30);
      }
      const tail = shared ?? new Tail(source, tailOptions);
      const stream = sseStream({
        maxBacklogBytes: options.maxBacklogBytes,
        pingMs: options.pingMs,
        onEnd: () => {
          streams.delete(stream);
          if (!shared) tail.close();
        },
      });
      streams.add(stream);
      try {
        await tail.subscribe(stream, since, accept);
      } catch (error) {
        stream.close();
        throw error;
      }
      return stream.response;
    },
    poke: () => shared?.poke(),
    get size() {
      return streams.size;
    },
    close() {
      closed = true;
      shared?.close();
      for (const stream of streams) stream.close();
    },
  };
}
