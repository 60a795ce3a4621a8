import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDelivery, MAX_BATCH } from '../../sdk/delivery';
import { createMemoryQueue } from '../../sdk/memory-queue';
import type { SendResult } from '../../sdk/transport';
import type { FootfallEvent } from '../../sdk/types';
import { trackEvent } from '../helpers/sdk-event';

const event = trackEvent;

/** A transport that records batches and answers from a script of outcomes (default ok). */
function fakeTransport(outcomes: boolean[] = []) {
  const batches: string[][] = [];
  const send = vi.fn(async (events: readonly FootfallEvent[]): Promise<SendResult> => {
    batches.push(events.map((e) => e.messageId));
    const ok = outcomes.shift() ?? true;
    return { ok, status: ok ? 200 : 0 };
  });
  return { send, batches };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('delivery', () => {
  it('sends queued events once the interval passes, not before', async () => {
    const { send, batches } = fakeTransport();
    const delivery = createDelivery({ queue: createMemoryQueue(), send, flushAt: 20, flushInterval: 5000 });
    delivery.enqueue(event(1));
    delivery.enqueue(event(2));
    await vi.advanceTimersByTimeAsync(4999);
    expect(batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches).toEqual([['m1', 'm2']]);
  });

  it('sends at once when flushAt events wait', async () => {
    const { send, batches } = fakeTransport();
    const delivery = createDelivery({ queue: createMemoryQueue(), send, flushAt: 3, flushInterval: 5000 });
    [1, 2, 3].forEach((n) => delivery.enqueue(event(n)));
    await vi.advanceTimersByTimeAsync(0);
    expect(batches).toEqual([['m1', 'm2', 'm3']]);
  });

  it(`splits a flush into requests of at most ${MAX_BATCH} events`, async () => {
    const { send, batches } = fakeTransport();
    const delivery = createDelivery({ queue: createMemoryQueue(), send, flushAt: 1000, flushInterval: 5000 });
    for (let n = 1; n <= 120; n++) delivery.enqueue(event(n));
    await delivery.flush();
    expect(batches.map((b) => b.length)).toEqual([50, 50, 20]);
    expect(batches.flat()).toEqual(Array.from({ length: 120 }, (_, i) => `m${i + 1}`));
  });

  it('keeps a failed batch, in order, for the next flush, and does not retry on every enqueue', async () => {
    const { send, batches } = fakeTransport([false]);
    const onFailure = vi.fn();
    const delivery = createDelivery({ queue: createMemoryQueue(), send, flushAt: 2, flushInterval: 5000, onFailure });
    delivery.enqueue(event(1));
    delivery.enqueue(event(2)); // reaches flushAt: the send fails
    await vi.advanceTimersByTimeAsync(0);
    delivery.enqueue(event(3)); // over flushAt, but failing: waits for the timer
    await vi.advanceTimersByTimeAsync(0);
    expect(batches).toEqual([['m1', 'm2']]);
    expect(onFailure).toHaveBeenCalledWith({ ok: false, status: 0 });
    await vi.advanceTimersByTimeAsync(5000);
    expect(batches).toEqual([['m1', 'm2'], ['m1', 'm2', 'm3']]);
  });

  it('never carries the same event in two concurrent flushes', async () => {
    const { send, batches } = fakeTransport();
    const delivery = createDelivery({ queue: createMemoryQueue(), send, flushAt: 100, flushInterval: 5000 });
    delivery.enqueue(event(1));
    const first = delivery.flush();
    delivery.enqueue(event(2));
    const second = delivery.flush();
    await Promise.all([first, second]);
    expect(batches.flat()).toEqual(['m1', 'm2']);
  });

  it('flushNow sends everything without waiting for a request in flight', async () => {
    let release: (r: SendResult) => void = () => {};
    const batches: string[][] = [];
    const send = vi.fn((events: readonly FootfallEvent[]) => {
      batches.push(events.map((e) => e.messageId));
      return new Promise<SendResult>((resolve) => (release = resolve));
    });
    const delivery = createDelivery({ queue: createMemoryQueue(), send, flushAt: 100, flushInterval: 5000 });
    delivery.enqueue(event(1));
    void delivery.flush();
    await vi.advanceTimersByTimeAsync(0);
    delivery.enqueue(event(2));
    delivery.flushNow();
    expect(batches).toEqual([['m1'], ['m2']]);
    release({ ok: true, status: 200 });
  });

  it('after clear(), a request that fails does not put its events back', async () => {
    let release: (r: SendResult) => void = () => {};
    const queue = createMemoryQueue();
    const send = vi.fn(() => new Promise<SendResult>((resolve) => (release = resolve)));
    const delivery = createDelivery({ queue, send, flushAt: 100, flushInterval: 5000 });
    delivery.enqueue(event(1));
    const flushed = delivery.flush();
    await vi.advanceTimersByTimeAsync(0);
    delivery.clear();
    release({ ok: false, status: 503 });
    await flushed;
    expect(queue.size).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(send).toHaveBeenCalledTimes(1);
  });
});
