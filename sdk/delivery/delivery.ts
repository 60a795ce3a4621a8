import { QUEUE_LIMITS, toQueued, type QueuedEvent, type QueueStore } from '../queue/queued-event.js';
import { report } from '../safe.js';
import { SEND_TIMEOUT_MS, type SendResult, type Transport } from '../transport.js';
import type { FootfallEvent } from '../types.js';
import { batchBytes, splitBatches } from './batch-body.js';
import type { FlushLock } from './flush-lock.js';
import type { RetryAfterState } from './retry-after-state.js';
import { mayFlush, type TabIdentity } from './tab-ownership.js';
import { unloadBatches } from './unload-batches.js';
import { backoff, classify, isExpired, retryAfterMs } from './retry-policy.js';

/** How long events of a request that got no answer stay busy: less than the first backoff (≥ 500 ms). */
const UNANSWERED_GRACE_MS = 300;

/**
 * Most events a flush reads from the queue at a time: a few requests' worth.
 * A backed-up queue is read window by window, because reading all of it
 * (1,000 events) took longer than 50 ms at 4× CPU throttle, a long task,
 * and its garbage cost as much again.
 */
export const READ_WINDOW = 200;

/** When queued events leave: on a timer, at a count, on demand, when back online and at unload. */
export interface Delivery {
  /** Queue a granted event: written to the queue at once, sent soon. */
  enqueue(event: FootfallEvent): void;
  /**
   * Send this tab's queued events, and other tabs' old enough to adopt, now
   * unless a `Retry-After` pause holds; resolves when done, whatever the outcome.
   */
  flush(): Promise<void>;
  /** The page is hidden or going away: send this tab's recent unacknowledged events from memory, with keepalive. */
  unload(): void;
  /** Consent withdrawn: drop everything queued and erase what delivery stored (queue, pause, tab id). */
  clear(): void;
}

/** Options of {@link createDelivery}. */
export interface DeliveryOptions {
  queue: QueueStore;
  send: Transport;
  /** `navigator.sendBeacon` for a body: how unload sends where fetch has no keepalive. */
  beacon?: ((body: string) => boolean) | undefined;
  /** Builds a request body from events and the count of dropped ones. */
  body: (events: readonly QueuedEvent[], dropped: number) => string;
  lock: FlushLock;
  pause: RetryAfterState;
  /** This tab's id: it owns the events it queues (see tab-ownership.ts). */
  tab: TabIdentity;
  /** Flush as soon as this many events were queued since the last flush. */
  flushAt: number;
  /** Milliseconds after an event is queued before it is sent. */
  flushInterval: number;
  /** Whether consent allows touching the queue now: no flush reads or sends before consent, or after deny. */
  active: () => boolean;
  /** Told about every failed or refused request. */
  onFailure?: ((result: SendResult) => void) | undefined;
}

/**
 * Delivery of queued events: exactly once, across reloads and tabs. An event
 * is written to the queue before it is sent and removed only once the
 * collector acknowledged it. A flush holds the origin's flush lock while it
 * reads the queue, sends and removes, so that two tabs never adopt the same
 * events at once.
 * A failure backs off (1 s doubling to 5 min, with jitter); `flush()`, coming
 * online and unload try again sooner, except during a `Retry-After` pause,
 * which every tab honours. A tab sends the events it queued itself, and
 * adopts other tabs' only once they are a minute old; at unload it sends its
 * recent unacknowledged events from memory.
 * @param options queue, transport, lock and thresholds
 * @returns the delivery
 * @example
 * const delivery = createDelivery({ queue, send, beacon, body, lock, pause, tab, active, flushAt: 20, flushInterval: 5000 });
 * delivery.enqueue(event);
 * await delivery.flush();
 */
export function createDelivery(options: DeliveryOptions): Delivery {
  const { queue, lock, pause, tab } = options;
  // Queued by track() in this task, not yet serialised or handed to the queue.
  let toWrite: FootfallEvent[] = [];
  // This tab's events not yet acknowledged, oldest first, bounded like the
  // queue: what unload may still have to send.
  const own = new Map<string, QueuedEvent>();
  // In flight from this tab, and the bytes of its keepalive requests in flight.
  const busy = new Set<string>();
  let inFlightBytes = 0;
  // Sent by unload, with the time. Chromium refuses the promise of a
  // keepalive request as its page goes, although the request went out; the
  // page may still run a second unload (pagehide, then visibilitychange) or
  // a flush before it is gone. Neither sends them again within a send
  // timeout; after it (the page lived on) a flush retries them.
  const unloaded = new Map<string, number>();
  const sentByUnload = (event: QueuedEvent) => Date.now() - (unloaded.get(event.id) ?? -Infinity) < SEND_TIMEOUT_MS;
  // Writes and the erasure run in order on this chain; a flush waits for it.
  let written: Promise<void> = Promise.resolve();
  // Flushes of this tab run one after another on this chain.
  let flushed: Promise<void> = Promise.resolve();
  let sinceFlush = 0;
  let attempt = 0;
  let backoffUntil = 0;
  // Failed sends so far: a flush asked for notes how many it has seen.
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Bumped by clear(): work started before must not write or remove anything.
  let epoch = 0;

  const schedule = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => void flush(false), ms);
  };
  /** Serialise this task's events (a microtask after track(), off its path) and write them. */
  const writeBurst = () => {
    const events = toWrite.map((event) => toQueued(event, tab.id()));
    toWrite = [];
    if (events.length === 0) return;
    events.forEach((event) => own.set(event.id, event));
    // Bounded like the queue: beyond its cap the oldest are dropped there too.
    while (own.size > QUEUE_LIMITS.events) own.delete(own.keys().next().value!);
    const started = epoch;
    written = written
      .then(async () => {
        await queue.add(events);
        if (started !== epoch) return;
        sinceFlush += events.length;
        if (sinceFlush >= options.flushAt) void flush(false);
        else if (!timer) schedule(options.flushInterval);
      })
      .catch(report);
  };
  /** Send one batch; returns the verdict on it. */
  const sendBatch = async (batch: readonly QueuedEvent[], dropped: number) => {
    const ids = batch.map((event) => event.id);
    const bytes = batchBytes(batch);
    ids.forEach((id) => busy.add(id));
    inFlightBytes += bytes;
    const result = await options.send(options.body(batch, dropped));
    inFlightBytes -= bytes;
    const verdict = classify(result.status);
    if (verdict !== 'sent') options.onFailure?.(result);
    // No answer at all may still mean sent: Chromium refuses the promises of
    // keepalive requests as their page starts to go, just before pagehide
    // (measured: 5 tabs leaving at once, an unload 10 ms after such a refusal
    // sent the same batch again). They stay busy a moment longer, less than
    // the shortest backoff.
    const release = () => ids.forEach((id) => busy.delete(id));
    if (result.status === 0) setTimeout(release, UNANSWERED_GRACE_MS);
    else release();
    if (verdict !== 'retry') {
      ids.forEach((id) => {
        own.delete(id);
        unloaded.delete(id);
      });
    }
    return { result, verdict, ids };
  };
  /** Send what this tab may send of the shared queue. */
  const sendQueued = async (failuresBefore: number | undefined, started: number): Promise<void> => {
    // A flush asked for (flush(), online, grant) skips the backoff of failures
    // before it was asked, not of later ones: flushes queued behind a failing
    // one would otherwise send its events again at once.
    const wait = Math.max(pause.until(), failuresBefore === failures ? 0 : backoffUntil) - Date.now();
    if (wait > 0) return schedule(wait);
    const { events, dropped } = await queue.read(READ_WINDOW);
    const expired = events.filter((event) => isExpired(event.at, Date.now()));
    // Given-up events leave now, counted as dropped, so the next batch that gets through reports them.
    if (expired.length > 0) return queue.remove(expired.map((event) => event.id), 0, true).then(() => sendQueued(failuresBefore, started));
    // This tab's own events, and those of other tabs once old enough to adopt.
    let remaining = events.filter((event) => mayFlush(tab.id(), event, Date.now()));
    // Events still busy (in flight, or just unanswered) get their own later flush.
    if (remaining.some((event) => busy.has(event.id))) schedule(UNANSWERED_GRACE_MS);
    let unreported = dropped;
    let sent = false;
    // Acknowledged batches leave the queue while the next one is on its way
    // (a removal is a transaction as long as a request at 4× throttle); the
    // flush ends only once they have. Not after consent is withdrawn: the
    // queue's database is deleted then, and must not be made again.
    let removed = Promise.resolve();
    const removeLater = (ids: string[], reported: number) => {
      removed = removed.then(() => (started === epoch ? queue.remove(ids, reported) : undefined));
    };
    while (started === epoch) {
      // Checked batch by batch: an unload meanwhile may have sent some of them.
      remaining = remaining.filter((event) => !busy.has(event.id) && !sentByUnload(event));
      const [batch] = splitBatches(remaining);
      // A full window that was sent from: more may wait behind it.
      if (!batch) {
        await removed;
        return sent && events.length >= READ_WINDOW ? sendQueued(failuresBefore, started) : undefined;
      }
      remaining = remaining.slice(batch.length);
      const { result, verdict, ids } = await sendBatch(batch, unreported);
      // Consent was withdrawn meanwhile: the answer changes nothing any more.
      if (started !== epoch) return;
      if (verdict === 'retry') {
        attempt += 1;
        const asked = retryAfterMs(result.status, result.retryAfter, Date.now());
        if (asked !== undefined) pause.pause(Date.now() + asked);
        failures += 1;
        backoffUntil = Date.now() + (asked ?? backoff(attempt));
        await removed;
        return schedule(backoffUntil - Date.now());
      }
      attempt = backoffUntil = 0;
      removeLater(ids, unreported);
      unreported = 0;
      sent = true;
    }
  };
  /** Flush on this tab's chain; `asked`: someone asked for it now, rather than a timer. */
  const flush = (asked: boolean): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    const failuresBefore = asked ? failures : undefined;
    const run = async () => {
      const started = epoch;
      if (!options.active()) return;
      try {
        await written;
        sinceFlush = 0;
        // Another tab held the lock too long (the lease fallback): try again later.
        if (!(await lock(() => sendQueued(failuresBefore, started)))) schedule(options.flushInterval);
      } catch (error) {
        report(error);
      }
    };
    return (flushed = flushed.then(run));
  };

  return {
    enqueue(event) {
      if (toWrite.push(event) === 1) queueMicrotask(writeBurst);
    },
    flush: () => flush(true),
    unload() {
      writeBurst(); // events of this very task too
      // The page may not live to run another flush, and IndexedDB cannot be
      // read in time: send, from memory, this tab's recent unacknowledged
      // events. No other tab sends them meanwhile (they are not old enough to
      // adopt). What this sends stays queued until acknowledged, so if the
      // page dies first the next flush (this tab's next page, or another tab
      // adopting them) sends it again; the collector stores it once.
      const now = Date.now();
      if (pause.until() > now) return;
      for (const batch of unloadBatches(own.values(), (event) => busy.has(event.id) || sentByUnload(event), now, inFlightBytes)) {
        batch.forEach((event) => unloaded.set(event.id, now));
        if (options.beacon) {
          options.beacon(options.body(batch, 0));
          continue;
        }
        void sendBatch(batch, 0).then(async ({ verdict, ids }) => {
          // The page lived on (it was only hidden): remove them once their write has landed.
          if (verdict !== 'retry') await (written = written.then(() => queue.remove(ids, 0)).catch(report));
        });
      }
    },
    clear() {
      epoch += 1;
      clearTimeout(timer);
      timer = undefined;
      toWrite = [];
      own.clear();
      busy.clear();
      unloaded.clear();
      tab.forget();
      pause.clear();
      attempt = backoffUntil = sinceFlush = 0;
      written = written.then(() => queue.destroy()).catch(report);
    },
  };
}
