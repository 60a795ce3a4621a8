import type { Logger } from '../http/error-handler';
import type { SseStream } from './sse-stream';

/** One row of a tailed table, serialised once for every subscriber. */
export interface FeedItem {
  /** The table's autoincrement id: the SSE `id:` and the resume point. */
  id: number;
  /** The `data:` line, one line of JSON. */
  data: string;
  /** Bots' events are sent only to subscribers that ask for them. */
  bot?: boolean;
}

/** A table read by id. */
export interface FeedSource {
  /** The highest id stored now (0 when empty): where a new subscriber starts. */
  latestId(): Promise<number>;
  /** Rows with an id above `after`, in id order, at most `limit`. */
  after(after: number, limit: number): Promise<FeedItem[]>;
}

export interface TailOptions {
  /** The SSE `event:` name. */
  event: string;
  /** @default 1000 */
  pollMs?: number;
  /** Rows read per query. @default 200 */
  batch?: number;
  /** A resuming subscriber is sent at most the rows of this many ids after its own. @default 1000 */
  catchUp?: number;
  log?: Logger;
}

interface Subscriber {
  stream: SseStream;
  accept: (item: FeedItem) => boolean;
  /** The last id it was sent (or resumes after): it is sent only ids above. */
  after: number;
  /** Rows the poller found while the subscriber was still catching up, else null. */
  held: FeedItem[] | null;
}

/**
 * Follows a table by its autoincrement id and writes each new row to every
 * subscribed stream. SQLite (and sqld) commit one writer at a time and hand out
 * ids inside the writing transaction, so ids become visible in order: reading
 * `id > cursor` misses nothing, whichever process wrote the row. It polls only
 * while someone listens; `poke()` (a same-process commit) polls at once.
 *
 * @example
 * const tail = new Tail(eventsSource(db), { event: 'event' });
 * await tail.subscribe(stream, lastEventId, (item) => !item.bot);
 */
export class Tail {
  private readonly subscribers = new Set<Subscriber>();
  /** The last id read; undefined while nobody listens. */
  private cursor: number | undefined;
  private starting: Promise<number> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private polling = false;
  private pokedWhilePolling = false;
  private closed = false;
  private failing = false;

  constructor(
    private readonly source: FeedSource,
    private readonly options: TailOptions,
  ) {}

  /** Open streams. */
  get size(): number {
    return this.subscribers.size;
  }

  /**
   * Adds a stream: from now on, or resuming after `since` (at most `catchUp` ids back).
   * @param since the last id the client has, from `Last-Event-ID` or `?since=`
   */
  async subscribe(stream: SseStream, since: number | undefined, accept: (item: FeedItem) => boolean): Promise<void> {
    // An id above every stored one (the database was replaced since): start at the tail.
    if (since !== undefined && since > (this.cursor ?? -1) && since > (await this.source.latestId())) since = undefined;
    if (this.closed) return stream.close();
    if (this.cursor === undefined) {
      this.starting ??= this.source.latestId().finally(() => (this.starting = undefined));
      const latest = await this.starting;
      this.cursor ??= latest;
    }
    // Read and registered in one turn: whatever the poller reads next lies above it.
    const upTo = this.cursor;
    // A client may resume from an id the poller has not reached yet (another process
    // stored it): `after` keeps it from being sent what it has.
    const subscriber: Subscriber = { stream, accept, after: since ?? upTo, held: since === undefined ? null : [] };
    this.subscribers.add(subscriber);
    // Not rescheduled when already due: joins more frequent than polls must not postpone them.
    if (this.timer === undefined && !this.polling) this.schedule(this.options.pollMs ?? 1000);
    if (since === undefined || since >= upTo) return this.release(subscriber);
    const catchUp = this.options.catchUp ?? 1000;
    const missed = await this.source.after(Math.max(since, upTo - catchUp), catchUp).catch((error: unknown) => this.failed(error, []));
    for (const item of missed) if (item.id <= upTo) this.deliver(subscriber, item);
    this.release(subscriber);
  }

  /** Polls now: a commit in this process has stored rows. */
  poke(): void {
    if (this.polling) this.pokedWhilePolling = true;
    else if (this.subscribers.size > 0) this.schedule(0);
  }

  /** Ends every stream and stops polling; later subscribers are closed at once. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    for (const { stream } of this.subscribers) stream.close();
    this.subscribers.clear();
  }

  private release(subscriber: Subscriber): void {
    const held = subscriber.held ?? [];
    subscriber.held = null;
    for (const item of held) this.deliver(subscriber, item);
  }

  private deliver(subscriber: Subscriber, item: FeedItem): void {
    if (item.id <= subscriber.after) return;
    subscriber.after = item.id;
    if (!subscriber.accept(item)) return;
    if (!subscriber.stream.send(item.id, this.options.event, item.data)) this.subscribers.delete(subscriber);
  }

  private schedule(delay: number): void {
    if (this.closed || this.polling) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(), delay);
  }

  private async poll(): Promise<void> {
    this.timer = undefined;
    for (const subscriber of this.subscribers) if (subscriber.stream.ended) this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0 || this.cursor === undefined) {
      // Nobody listens: stop, and let the next subscriber start from the tail then.
      this.cursor = undefined;
      return;
    }
    this.polling = true;
    let full = false;
    try {
      const batch = this.options.batch ?? 200;
      const items = await this.source.after(this.cursor, batch).then(
        (read) => {
          if (this.failing) this.options.log?.(`live feed (${this.options.event}): reading again`);
          this.failing = false;
          return read;
        },
        (error: unknown) => this.failed(error, []),
      );
      const last = items.at(-1);
      if (last) this.cursor = last.id;
      for (const subscriber of this.subscribers) {
        if (items.length > 0 && !subscriber.held && !subscriber.stream.keepingUp()) this.subscribers.delete(subscriber);
      }
      for (const item of items) {
        for (const subscriber of this.subscribers) {
          if (subscriber.held) subscriber.held.push(item);
          else this.deliver(subscriber, item);
        }
      }
      full = items.length === batch;
    } finally {
      this.polling = false;
    }
    const again = full || this.pokedWhilePolling;
    this.pokedWhilePolling = false;
    this.schedule(again ? 0 : (this.options.pollMs ?? 1000));
  }

  private failed<T>(error: unknown, fallback: T): T {
    // Once per outage, not once a second; never the statement or its values (payloads).
    if (!this.failing) this.options.log?.(`live feed (${this.options.event}): reading failed (${error instanceof Error ? error.name : 'error'}); retrying every poll`);
    this.failing = true;
    return fallback;
  }
}
