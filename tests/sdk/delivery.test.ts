import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { batchBody } from '../../sdk/delivery/batch-body';
import { createDelivery, READ_WINDOW, type DeliveryOptions } from '../../sdk/delivery/delivery';
import { createRetryAfterState, RETRY_AFTER_KEY } from '../../sdk/delivery/retry-after-state';
import { MAX_EVENT_AGE_MS } from '../../sdk/delivery/retry-policy';
import { ADOPT_AFTER_MS, UNLOAD_WINDOW_MS } from '../../sdk/delivery/tab-ownership';
import { createFallbackQueue } from '../../sdk/queue/fallback-queue';
import { createMemoryStore } from '../../sdk/queue/memory-store';
import { toQueued, type QueueStore } from '../../sdk/queue/queued-event';
import type { SendResult } from '../../sdk/transport';
import type { FootfallEvent } from '../../sdk/types';
import { MemoryStorage } from '../helpers/memory-storage';
import { trackEvent } from '../helpers/sdk-event';

const T0 = Date.parse('2025-03-04T05:06:07.000Z');

/** Track event `n`, captured `n` ms after T0 unless `at` says otherwise. */
const event = (n: number, at = T0 + n): FootfallEvent => ({ ...trackEvent(n), timestamp: new Date(at).toISOString() });

/** A request the fake transport got: when (ms after T0), which events, the drop count and the body. */
interface Sent {
  at: number;
  ids: string[];
  dropped: number | undefined;
  body: string;
}

/**
 * A transport answering from a script: a result, or 'hold' for an answer the
 * test gives later through `answer()`. Past the script's end, 200.
 */
function scriptedTransport(script: (SendResult | 'hold')[] = []) {
  const sent: Sent[] = [];
  let answer: (result: SendResult) => void = () => {
    throw new Error('no request is held');
  };
  const send = vi.fn((body: string): Promise<SendResult> => {
    const parsed = JSON.parse(body) as { batch: FootfallEvent[]; context?: { droppedEvents: number } };
    sent.push({ at: Date.now() - T0, ids: parsed.batch.map((e) => e.messageId), dropped: parsed.context?.droppedEvents, body });
    const next = script.shift() ?? { status: 200, retryAfter: null };
    if (next !== 'hold') return Promise.resolve(next);
    return new Promise((resolve) => (answer = resolve));
  });
  return { send, sent, answer: (result: SendResult) => answer(result) };
}

/** A durable store: a memory store underneath, whose add can be made to fail or hang; reads counted. */
function fakeDurable() {
  const inner = createMemoryStore();
  let addMode: 'ok' | 'reject' | 'hang' = 'ok';
  const store: QueueStore & { reads: number } = {
    reads: 0,
    add: (events) =>
      addMode === 'ok' ? inner.add(events) : addMode === 'reject' ? Promise.reject(new DOMException('full', 'QuotaExceededError')) : new Promise(() => {}),
    read(limit) {
      store.reads += 1;
      return inner.read(limit);
    },
    remove: (ids, reported, asDropped) => inner.remove(ids, reported, asDropped),
    destroy: () => inner.destroy(),
  };
  return {
    store,
    inner,
    set add(mode: 'ok' | 'reject' | 'hang') {
      addMode = mode;
    },
  };
}

/** This tab's identity: a fixed id, and whether it was forgotten. */
const TAB = 'tab-test';
const fakeTab = () => ({ id: () => TAB, forget: vi.fn() });

function setup(options: { script?: (SendResult | 'hold')[]; queue?: QueueStore; withBeacon?: boolean } & Partial<Pick<DeliveryOptions, 'flushAt' | 'flushInterval' | 'lock'>> = {}) {
  const storage = new MemoryStorage();
  const pause = createRetryAfterState(() => storage);
  const transport = scriptedTransport(options.script);
  const queue = options.queue ?? createFallbackQueue(undefined);
  const onFailure = vi.fn();
  const beacon = vi.fn((_body: string) => true);
  const tab = fakeTab();
  const delivery = createDelivery({
    queue,
    send: transport.send,
    beacon: options.withBeacon ? beacon : undefined,
    body: (events, dropped) => batchBody('dev_write_key', events, new Date(), dropped),
    lock: options.lock ?? ((flush) => flush().then(() => true)),
    pause,
    tab,
    flushAt: options.flushAt ?? 20,
    flushInterval: options.flushInterval ?? 5000,
    active: () => true,
    onFailure,
  });
  const queuedIds = async () => (await queue.read()).events.map((e) => e.id);
  return { delivery, queue, storage, pause, onFailure, beacon, queuedIds, tab, ...transport };
}

let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  // Pin the jitter: backoff(n) = 0.75 × min(1000 × 2^(n-1), 300000).
  vi.spyOn(Math, 'random').mockReturnValue(0.5);
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('delivery: when events leave', () => {
  it('sends queued events once flushInterval has passed, not before', async () => {
    const { delivery, sent, queuedIds } = setup();
    delivery.enqueue(event(1));
    delivery.enqueue(event(2));
    await vi.advanceTimersByTimeAsync(4999);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent.map((s) => [s.at, s.ids])).toEqual([[5000, ['m1', 'm2']]]);
    expect(await queuedIds()).toEqual([]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toHaveLength(1);
    expect(warn).not.toHaveBeenCalled();
  });

  it('sends at once when flushAt events were queued, and not again at the interval', async () => {
    const { delivery, sent } = setup({ flushAt: 3 });
    delivery.enqueue(event(1));
    delivery.enqueue(event(2));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([]);
    delivery.enqueue(event(3));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((s) => [s.at, s.ids])).toEqual([[0, ['m1', 'm2', 'm3']]]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toHaveLength(1);
  });

  it('flush() sends at once, and a flush during another never carries the same event', async () => {
    const { delivery, sent, answer, onFailure, queuedIds } = setup({ script: ['hold'] });
    delivery.enqueue(event(1));
    const first = delivery.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((s) => s.ids)).toEqual([['m1']]);
    delivery.enqueue(event(2));
    const second = delivery.flush();
    await vi.advanceTimersByTimeAsync(0);
    // The second flush waits for the first: m1 is still unanswered.
    expect(sent.map((s) => s.ids)).toEqual([['m1']]);
    answer({ status: 200, retryAfter: null });
    await Promise.all([first, second]);
    expect(sent.map((s) => s.ids)).toEqual([['m1'], ['m2']]);
    expect(onFailure).not.toHaveBeenCalled();
    expect(await queuedIds()).toEqual([]);
  });

  it('splits a large queue into batches of 100, in order', async () => {
    const { delivery, sent, queuedIds } = setup({ flushAt: 1000 });
    for (let n = 1; n <= 250; n++) delivery.enqueue(event(n));
    await delivery.flush();
    expect(sent.map((s) => s.ids.length)).toEqual([100, 100, 50]);
    expect(sent.flatMap((s) => s.ids)).toEqual(Array.from({ length: 250 }, (_, i) => `m${i + 1}`));
    expect(await queuedIds()).toEqual([]);
  });

  it('reads a backed-up queue a window at a time, and one flush still sends all of it, oldest first', async () => {
    const durable = fakeDurable();
    const windows: (number | undefined)[] = [];
    const read = durable.store.read;
    durable.store.read = (limit) => (windows.push(limit), read(limit));
    const { delivery, sent, queuedIds } = setup({ queue: createFallbackQueue(durable.store), flushAt: 1000 });
    const total = 2 * READ_WINDOW + 50;
    for (let n = 1; n <= total; n++) delivery.enqueue(event(n));
    await vi.advanceTimersByTimeAsync(0);
    await delivery.flush();
    expect(sent.flatMap((s) => s.ids)).toEqual(Array.from({ length: total }, (_, i) => `m${i + 1}`));
    expect(await queuedIds()).toEqual([]);
    // Three windows, the last one partly full; then the check of the test itself.
    expect(windows).toEqual([READ_WINDOW, READ_WINDOW, READ_WINDOW, undefined]);
  });

  it('sends the next batch while the last one leaves the queue; after consent is withdrawn, nothing more is removed', async () => {
    const calls: string[] = [];
    let releaseRemoval = () => {};
    const inner = createMemoryStore();
    const queue: QueueStore = {
      add: (events) => inner.add(events),
      read: (limit) => inner.read(limit),
      async remove(ids, reported, asDropped) {
        calls.push(`remove ${ids[0]}…${ids[ids.length - 1]}`);
        // The first removal hangs until the test lets it go.
        if (calls.length === 1) await new Promise<void>((resolve) => (releaseRemoval = resolve));
        return inner.remove(ids, reported, asDropped);
      },
      destroy: () => (calls.push('destroy'), inner.destroy()),
    };
    const { delivery, sent } = setup({ queue, flushAt: 1000 });
    for (let n = 1; n <= 150; n++) delivery.enqueue(event(n));
    await vi.advanceTimersByTimeAsync(0);
    void delivery.flush();
    await vi.advanceTimersByTimeAsync(0);
    // Both batches went out although the first one's removal has not finished.
    expect(sent.map((s) => s.ids.length)).toEqual([100, 50]);
    expect(calls).toEqual(['remove m1…m100']);
    delivery.clear();
    releaseRemoval();
    await vi.advanceTimersByTimeAsync(0);
    // The second batch's removal was waiting behind it: it never ran.
    expect(calls).toEqual(['remove m1…m100', 'destroy']);
  });
});

describe('delivery: failures and retries', () => {
  it('503 three times then 200: the batch is retried after backoff and acknowledged once', async () => {
    const s503 = { status: 503, retryAfter: null };
    const { delivery, sent, onFailure, queuedIds } = setup({ script: [s503, s503, s503] });
    delivery.enqueue(event(1));
    delivery.enqueue(event(2));
    await vi.advanceTimersByTimeAsync(5000);
    await vi.advanceTimersByTimeAsync(10_000);
    // 5000, then 750, 1500 and 3000 ms of backoff (0.75 of 1 s, 2 s, 4 s).
    expect(sent.map((s) => [s.at, s.ids])).toEqual([
      [5000, ['m1', 'm2']],
      [5750, ['m1', 'm2']],
      [7250, ['m1', 'm2']],
      [10_250, ['m1', 'm2']],
    ]);
    expect(onFailure.mock.calls).toEqual([[s503], [s503], [s503]]);
    expect(await queuedIds()).toEqual([]);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(sent).toHaveLength(4);
  });

  it.each([
    [0, [500, 1000, 2000]],
    [0.999, [999.5, 1999, 3998]],
  ])('with random() = %s the backoff delays are %j, within [ceiling/2, ceiling]', async (random, delays) => {
    vi.mocked(Math.random).mockReturnValue(random);
    const s500 = { status: 500, retryAfter: null };
    const { delivery, sent } = setup({ script: [s500, s500, s500] });
    delivery.enqueue(event(1));
    await delivery.flush();
    await vi.advanceTimersByTimeAsync(10_000);
    const gaps = sent.slice(1).map((s, i) => s.at - sent[i]!.at);
    expect(sent).toHaveLength(4);
    // Timers fire on whole milliseconds: a fractional delay may end up to 1 ms later.
    gaps.forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(delays[i]!);
      expect(gap).toBeLessThanOrEqual(Math.ceil(delays[i]!));
      expect(gap).toBeGreaterThanOrEqual([1000, 2000, 4000][i]! / 2);
      expect(gap).toBeLessThanOrEqual([1000, 2000, 4000][i]!);
    });
  });

  it('while backing off, reaching flushAt does not send sooner', async () => {
    const { delivery, sent } = setup({ flushAt: 2, script: [{ status: 503, retryAfter: null }] });
    delivery.enqueue(event(1));
    delivery.enqueue(event(2));
    await vi.advanceTimersByTimeAsync(0); // sent at once, answered 503: backoff 750 ms
    delivery.enqueue(event(3));
    delivery.enqueue(event(4));
    await vi.advanceTimersByTimeAsync(749);
    expect(sent.map((s) => [s.at, s.ids])).toEqual([[0, ['m1', 'm2']]]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent.map((s) => [s.at, s.ids])).toEqual([
      [0, ['m1', 'm2']],
      [750, ['m1', 'm2', 'm3', 'm4']],
    ]);
  });

  it('429 with Retry-After: 2 sends nothing for 2 s, even on flush(), then delivers', async () => {
    const s429 = { status: 429, retryAfter: '2' };
    const { delivery, sent, storage, onFailure, queuedIds } = setup({ flushAt: 1, script: [s429] });
    delivery.enqueue(event(1));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((s) => s.at)).toEqual([0]);
    expect(onFailure.mock.calls).toEqual([[s429]]);
    // Shared with the origin's other tabs.
    expect(storage.getItem(RETRY_AFTER_KEY)).toBe(String(T0 + 2000));
    await vi.advanceTimersByTimeAsync(1000);
    await delivery.flush();
    delivery.enqueue(event(2));
    await vi.advanceTimersByTimeAsync(999);
    expect(sent.map((s) => s.at)).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent.map((s) => [s.at, s.ids])).toEqual([
      [0, ['m1']],
      [2000, ['m1', 'm2']],
    ]);
    expect(await queuedIds()).toEqual([]);
  });

  it('honours a pause another tab stored, on flush() too', async () => {
    const { delivery, sent, storage } = setup();
    storage.setItem(RETRY_AFTER_KEY, String(T0 + 3000));
    delivery.enqueue(event(1));
    await delivery.flush();
    await vi.advanceTimersByTimeAsync(2999);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent.map((s) => [s.at, s.ids])).toEqual([[3000, ['m1']]]);
  });

  it('retries a network failure (status 0) after backoff', async () => {
    const offline = { status: 0, error: new TypeError('Failed to fetch') };
    const { delivery, sent, onFailure, queuedIds } = setup({ script: [offline] });
    delivery.enqueue(event(1));
    await delivery.flush();
    expect(onFailure.mock.calls).toEqual([[offline]]);
    expect(await queuedIds()).toEqual(['m1']);
    await vi.advanceTimersByTimeAsync(750);
    expect(sent.map((s) => [s.at, s.ids])).toEqual([
      [0, ['m1']],
      [750, ['m1']],
    ]);
    expect(await queuedIds()).toEqual([]);
  });

  it('400 drops the batch for good and tells onFailure', async () => {
    const s400 = { status: 400, retryAfter: null };
    const { delivery, sent, onFailure, queuedIds } = setup({ script: [s400] });
    delivery.enqueue(event(1));
    delivery.enqueue(event(2));
    await delivery.flush();
    expect(onFailure.mock.calls).toEqual([[s400]]);
    expect(await queuedIds()).toEqual([]);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(sent.map((s) => s.ids)).toEqual([['m1', 'm2']]);
    // No backoff left over: the next event goes at the interval.
    delivery.enqueue(event(3));
    await vi.advanceTimersByTimeAsync(5000);
    expect(sent.map((s) => s.ids)).toEqual([['m1', 'm2'], ['m3']]);
  });

  it('a failure in a later batch keeps the acknowledged ones out of the retry', async () => {
    const { delivery, sent, queuedIds } = setup({ flushAt: 1000, script: [{ status: 200 }, { status: 503 }] });
    for (let n = 1; n <= 250; n++) delivery.enqueue(event(n));
    await delivery.flush();
    expect(sent.map((s) => s.ids.length)).toEqual([100, 100]);
    expect((await queuedIds()).length).toBe(150);
    await vi.advanceTimersByTimeAsync(750);
    expect(sent.map((s) => [s.at, s.ids[0], s.ids.length])).toEqual([
      [0, 'm1', 100],
      [0, 'm101', 100],
      [750, 'm101', 100],
      [750, 'm201', 50],
    ]);
    expect(await queuedIds()).toEqual([]);
  });
});

describe('delivery: clear()', () => {
  it('drops queued events, written or not, and sends nothing', async () => {
    const { delivery, sent, queuedIds } = setup();
    delivery.enqueue(event(1));
    await vi.advanceTimersByTimeAsync(0);
    delivery.enqueue(event(2)); // not yet written
    delivery.clear();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(sent).toEqual([]);
    expect(await queuedIds()).toEqual([]);
  });

  it('a request in flight that then fails does not put its events back', async () => {
    const { delivery, sent, answer, queuedIds } = setup({ script: ['hold'] });
    delivery.enqueue(event(1));
    delivery.enqueue(event(2));
    const flushed = delivery.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((s) => s.ids)).toEqual([['m1', 'm2']]);
    delivery.clear();
    answer({ status: 503, retryAfter: null });
    await flushed;
    expect(await queuedIds()).toEqual([]);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(sent).toHaveLength(1);
    expect(await queuedIds()).toEqual([]);
  });

  it('after clear() and the pause cleared (consent denied), a late 429 stores no pause and schedules no flush', async () => {
    const durable = fakeDurable();
    const { delivery, pause, sent, answer, storage } = setup({ script: ['hold'], queue: createFallbackQueue(durable.store) });
    delivery.enqueue(event(1));
    const flushed = delivery.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(1);
    // What the client's deny does.
    delivery.clear();
    pause.clear();
    const reads = durable.store.reads;
    answer({ status: 429, retryAfter: '60' });
    await flushed;
    // Nothing may be written to the visitor's storage after consent is denied.
    expect([...storage.items.keys()]).toEqual([]);
    // A flush scheduled now would read the queue, which reopens (recreates) the IndexedDB database.
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(durable.store.reads).toBe(reads);
    expect(sent).toHaveLength(1);
  });
});

describe('delivery: unload()', () => {
  it("sends this tab's unacknowledged events at once, durable, memory-held or still being written", async () => {
    const durable = fakeDurable();
    const memory = createMemoryStore();
    const queue = createFallbackQueue(durable.store, memory);
    const { delivery, sent, answer, queuedIds } = setup({ queue, flushAt: 100, script: ['hold'] });
    delivery.enqueue(event(1)); // durable
    await vi.advanceTimersByTimeAsync(0);
    durable.add = 'reject';
    delivery.enqueue(event(2)); // refused by IndexedDB: memory
    await vi.advanceTimersByTimeAsync(0);
    durable.add = 'hang';
    delivery.enqueue(event(3)); // write still pending
    await vi.advanceTimersByTimeAsync(0);
    expect((await durable.inner.read()).events.map((e) => e.id)).toEqual(['m1']);
    expect((await memory.read()).events.map((e) => e.id)).toEqual(['m2']);

    delivery.unload();
    // Synchronously: the page may be gone before any promise settles.
    expect(sent.map((s) => [s.at, s.ids, s.dropped])).toEqual([[0, ['m1', 'm2', 'm3'], undefined]]);
    // The page lives on. The flush unload started waits for m3's write (2 s, then memory),
    // and leaves alone what the unload request has in flight.
    await vi.advanceTimersByTimeAsync(2000);
    expect(await queuedIds()).toEqual(['m1', 'm2', 'm3']);
    answer({ status: 200 });
    await vi.advanceTimersByTimeAsync(0);
    expect(await queuedIds()).toEqual([]);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(sent.map((s) => s.ids)).toEqual([['m1', 'm2', 'm3']]);
  });

  it('skips what this tab already had acknowledged, and what it has in flight', async () => {
    const { delivery, sent, answer } = setup({ script: [{ status: 200 }, 'hold'] });
    delivery.enqueue(event(1));
    await delivery.flush(); // m1 acknowledged
    delivery.enqueue(event(2));
    const inFlight = delivery.flush(); // m2 held in flight
    await vi.advanceTimersByTimeAsync(0);
    delivery.enqueue(event(3));
    await vi.advanceTimersByTimeAsync(0);
    delivery.unload();
    expect(sent.map((s) => s.ids)).toEqual([['m1'], ['m2'], ['m3']]);
    answer({ status: 200 });
    await inFlight;
    await vi.advanceTimersByTimeAsync(600_000);
    expect(sent.map((s) => s.ids)).toEqual([['m1'], ['m2'], ['m3']]);
  });

  it(`sends only events queued in the last ${UNLOAD_WINDOW_MS / 1000} s: older ones another tab may adopt meanwhile`, async () => {
    const { delivery, sent } = setup({ script: Array.from({ length: 10 }, () => ({ status: 0 })) });
    delivery.enqueue(event(1));
    await delivery.flush(); // fails, and so do the retries: m1 stays this tab's, unacknowledged
    await vi.advanceTimersByTimeAsync(UNLOAD_WINDOW_MS);
    const before = sent.length;
    delivery.enqueue(event(2));
    delivery.unload();
    expect(sent.slice(before).map((s) => s.ids)).toEqual([['m2']]);
    expect(sent.slice(0, before).every((s) => s.ids.join() === 'm1')).toBe(true);
  });

  it('does not send again what a request just got no answer for (Chromium refuses keepalive promises as the page goes)', async () => {
    const { delivery, sent } = setup({ script: [{ status: 0, error: new TypeError('Failed to fetch') }] });
    delivery.enqueue(event(1));
    await delivery.flush();
    delivery.unload();
    expect(sent.map((s) => s.ids)).toEqual([['m1']]);
    await vi.advanceTimersByTimeAsync(1000); // the page lived on: the backoff's retry sends it
    expect(sent.map((s) => s.ids)).toEqual([['m1'], ['m1']]);
  });

  it('beacons instead where fetch has no keepalive, and keeps the events queued (the answer is never known)', async () => {
    const { delivery, sent, beacon, queuedIds } = setup({ withBeacon: true });
    delivery.enqueue(event(1));
    await vi.advanceTimersByTimeAsync(0);
    delivery.unload();
    expect(sent).toEqual([]);
    expect(beacon.mock.calls.map(([body]) => (JSON.parse(body) as { batch: { messageId: string }[] }).batch.map((e) => e.messageId))).toEqual([['m1']]);
    expect(await queuedIds()).toEqual(['m1']);
  });

  it('does not beacon a refused keepalive request (it may have gone out), and keeps the events for a retry', async () => {
    const { delivery, sent, beacon, queuedIds } = setup({ script: [{ status: 0, error: new TypeError('Failed to fetch') }, 'hold'] });
    delivery.enqueue(event(1));
    await vi.advanceTimersByTimeAsync(0);
    delivery.unload();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((s) => s.ids)).toEqual([['m1']]);
    expect(beacon).not.toHaveBeenCalled();
    expect(await queuedIds()).toEqual(['m1']);
  });

  it('sends several batches, up to the page\'s 64 KB keepalive quota', async () => {
    const { delivery, sent } = setup({ script: ['hold', 'hold', 'hold', 'hold'], flushAt: 1000 });
    // 300 events of about 500 bytes: 3 batches of 100 would be 150 KB.
    for (let n = 1; n <= 300; n++) delivery.enqueue({ ...event(n), properties: { pad: 'x'.repeat(420) } } as FootfallEvent);
    await vi.advanceTimersByTimeAsync(0);
    delivery.unload();
    const bytes = sent.map((s) => new TextEncoder().encode(s.body).length);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(bytes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(64_000);
    expect(sent.flatMap((s) => s.ids)).toEqual(Array.from({ length: sent.flatMap((s) => s.ids).length }, (_, i) => `m${i + 1}`));
  });

  it('sends nothing during a Retry-After pause', async () => {
    const { delivery, sent, storage, beacon } = setup();
    storage.setItem(RETRY_AFTER_KEY, String(T0 + 10_000));
    delivery.enqueue(event(1));
    await vi.advanceTimersByTimeAsync(0);
    delivery.unload();
    await vi.advanceTimersByTimeAsync(9999);
    expect(sent).toEqual([]);
    expect(beacon).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(sent.map((s) => [s.at, s.ids])).toEqual([[10_000, ['m1']]]);
  });
});

describe('delivery: the other tabs', () => {
  it('tries again after flushInterval when the lock gave up waiting for another tab', async () => {
    let refusals = 1;
    const lock: DeliveryOptions['lock'] = async (flush) => (refusals-- > 0 ? false : (await flush(), true));
    const { delivery, sent } = setup({ lock });
    delivery.enqueue(event(1));
    await delivery.flush();
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(4999);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent.map((s) => [s.at, s.ids])).toEqual([[5000, ['m1']]]);
  });

  it(`leaves another tab's events to it, and adopts them once ${ADOPT_AFTER_MS / 1000} s old`, async () => {
    const durable = fakeDurable();
    await durable.inner.add([toQueued(event(1), 'other-tab', T0), toQueued(event(2), TAB, T0)]);
    const { delivery, sent, queuedIds } = setup({ queue: createFallbackQueue(durable.store) });
    await delivery.flush();
    expect(sent.map((s) => s.ids)).toEqual([['m2']]);
    await vi.advanceTimersByTimeAsync(ADOPT_AFTER_MS - 1);
    await delivery.flush();
    expect(sent.map((s) => s.ids)).toEqual([['m2']]);
    await vi.advanceTimersByTimeAsync(1);
    await delivery.flush();
    expect(sent.map((s) => s.ids)).toEqual([['m2'], ['m1']]);
    expect(await queuedIds()).toEqual([]);
  });

  it('stamps queued events with this tab and forgets the tab on clear()', async () => {
    const { delivery, queue, tab } = setup({ script: ['hold'] });
    delivery.enqueue(event(1));
    await vi.advanceTimersByTimeAsync(0);
    expect((await queue.read()).events.map((e) => [e.id, e.tab, e.queuedAt])).toEqual([['m1', TAB, T0]]);
    delivery.clear();
    expect(tab.forget).toHaveBeenCalledTimes(1);
  });
});

describe('delivery: drops and expiry', () => {
  /** A queue whose durable part already holds events, as an earlier visit left them. */
  const seeded = async (...events: FootfallEvent[]) => {
    const durable = fakeDurable();
    await durable.inner.add(events.map((e) => toQueued(e, TAB)));
    return createFallbackQueue(durable.store);
  };

  it('reports events the cap pushed out as context.droppedEvents, once', async () => {
    const queue = createFallbackQueue(undefined, createMemoryStore(2));
    const { delivery, sent } = setup({ queue });
    [1, 2, 3, 4].forEach((n) => delivery.enqueue(event(n)));
    await delivery.flush();
    delivery.enqueue(event(5));
    await delivery.flush();
    expect(sent.map((s) => [s.ids, s.dropped])).toEqual([
      [['m3', 'm4'], 2],
      [['m5'], undefined],
    ]);
  });

  it('keeps reporting drops until a batch carrying them is acknowledged', async () => {
    const queue = createFallbackQueue(undefined, createMemoryStore(1));
    const { delivery, sent } = setup({ queue, script: [{ status: 503 }] });
    [1, 2].forEach((n) => delivery.enqueue(event(n)));
    await delivery.flush();
    await vi.advanceTimersByTimeAsync(750);
    expect(sent.map((s) => [s.at, s.ids, s.dropped])).toEqual([
      [0, ['m2'], 1],
      [750, ['m2'], 1],
    ]);
  });

  it('removes events older than 7 days and counts them in the batch sent with them', async () => {
    const queue = await seeded(event(1, T0 - MAX_EVENT_AGE_MS - 1), event(2, T0 - MAX_EVENT_AGE_MS), event(3, T0 - 1));
    const { delivery, sent, queuedIds } = setup({ queue });
    await delivery.flush();
    expect(sent.map((s) => [s.ids, s.dropped])).toEqual([[['m2', 'm3'], 1]]);
    expect(await queuedIds()).toEqual([]);
    delivery.enqueue(event(4));
    await delivery.flush();
    expect(sent.map((s) => [s.ids, s.dropped])).toEqual([
      [['m2', 'm3'], 1],
      [['m4'], undefined],
    ]);
  });

  it('counts expired events in the next batch even when none was sent with them', async () => {
    const queue = await seeded(event(1, T0 - 8 * 86_400_000), event(2, T0 - 9 * 86_400_000));
    const { delivery, sent, queuedIds } = setup({ queue });
    await delivery.flush();
    expect(sent).toEqual([]);
    expect(await queuedIds()).toEqual([]);
    delivery.enqueue(event(3));
    await delivery.flush();
    expect(sent.map((s) => [s.ids, s.dropped])).toEqual([[['m3'], 2]]);
  });

  it('keeps the count of expired events when the batch carrying it fails', async () => {
    const queue = await seeded(event(1, T0 - 8 * 86_400_000), event(2, T0 - 1));
    const { delivery, sent } = setup({ queue, script: [{ status: 503 }] });
    await delivery.flush();
    await vi.advanceTimersByTimeAsync(750);
    expect(sent.map((s) => [s.at, s.ids, s.dropped])).toEqual([
      [0, ['m2'], 1],
      [750, ['m2'], 1],
    ]);
  });

  it('gives up an event that aged past 7 days while the collector was down', async () => {
    const { delivery, sent, queuedIds } = setup({ script: Array.from({ length: 100 }, () => ({ status: 503 })) });
    delivery.enqueue(event(1, T0));
    await delivery.flush();
    vi.setSystemTime(T0 + MAX_EVENT_AGE_MS + 1);
    delivery.enqueue(event(2, T0 + MAX_EVENT_AGE_MS + 1));
    await delivery.flush();
    expect(sent.map((s) => [s.ids, s.dropped])).toEqual([
      [['m1'], undefined],
      [['m2'], 1],
    ]);
    expect(await queuedIds()).toEqual(['m2']);
  });
});
