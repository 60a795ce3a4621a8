import { describe, expect, it } from 'vitest';
import { batchBody, MAX_BATCH, splitBatches } from '../../sdk/delivery/batch-body';
import { toQueued, type QueuedEvent } from '../../sdk/queue/queued-event';
import { KEEPALIVE_BUDGET } from '../../sdk/transport';
import { trackEvent } from '../helpers/sdk-event';

/** A queued event whose JSON is exactly `length` characters, made of `fill`. */
const sized = (n: number, length: number, fill = 'x'): QueuedEvent => {
  const head = `{"messageId":"m${n}","pad":"`;
  const json = head + fill.repeat(length - head.length - 2) + '"}';
  return { id: `m${n}`, at: n, json, size: new TextEncoder().encode(json).length, tab: 'tab', queuedAt: n };
};
const ids = (batches: QueuedEvent[][]) => batches.map((batch) => batch.map((event) => event.id));
const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;
const sentAt = new Date('2025-03-04T05:06:07.000Z');

describe('splitBatches', () => {
  it(`splits by count: at most ${MAX_BATCH} events per batch, in order`, () => {
    const events = Array.from({ length: 250 }, (_, i) => toQueued(trackEvent(i + 1)));
    const batches = splitBatches(events);
    expect(MAX_BATCH).toBe(100);
    expect(batches.map((batch) => batch.length)).toEqual([100, 100, 50]);
    expect(batches.flat()).toEqual(events);
  });

  it('keeps exactly MAX_BATCH events together and starts a new batch at one more', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => toQueued(trackEvent(i + 1)));
    expect(splitBatches(hundred).map((batch) => batch.length)).toEqual([100]);
    expect(splitBatches([...hundred, toQueued(trackEvent(101))]).map((batch) => batch.length)).toEqual([100, 1]);
  });

  it('splits by bytes: every body fits the keepalive budget, as full as it can be', () => {
    // 1,000 characters each: 31 of them and the envelope fit in 32,000 bytes, 32 do not.
    const events = Array.from({ length: 100 }, (_, i) => sized(i + 1, 1000));
    const batches = splitBatches(events);
    expect(batches.map((batch) => batch.length)).toEqual([31, 31, 31, 7]);
    expect(batches.flat()).toEqual(events);
    for (const batch of batches) expect(utf8Bytes(batchBody('dev_write_key', batch, sentAt, 999))).toBeLessThanOrEqual(KEEPALIVE_BUDGET);
  });

  it('counts bytes, not characters: multi-byte text splits sooner', () => {
    // 1,000 characters, 972 of them CJK, are about 2,945 bytes in UTF-8: ten of these fit
    // in 32,000 bytes (about 29,550 with the envelope), eleven do not (about 32,500).
    const events = Array.from({ length: 30 }, (_, i) => sized(i + 1, 1000, '漢'));
    const batches = splitBatches(events);
    expect(batches.flat()).toEqual(events);
    for (const batch of batches) expect(utf8Bytes(batchBody('dev_write_key', batch, sentAt, 0))).toBeLessThanOrEqual(KEEPALIVE_BUDGET);
    expect(batches.map((batch) => batch.length)).toEqual([10, 10, 10]);
  });

  it('sends an event too large for any batch alone, keeping the order around it', () => {
    const events = [sized(1, 200), sized(2, 200), sized(3, KEEPALIVE_BUDGET + 5000), sized(4, 200), sized(5, 200)];
    expect(ids(splitBatches(events))).toEqual([['m1', 'm2'], ['m3'], ['m4', 'm5']]);
    expect(ids(splitBatches([sized(6, KEEPALIVE_BUDGET * 2)]))).toEqual([['m6']]);
    expect(ids(splitBatches([sized(7, KEEPALIVE_BUDGET * 2), sized(8, KEEPALIVE_BUDGET * 2)]))).toEqual([['m7'], ['m8']]);
  });

  it('returns no batch for no events', () => {
    expect(splitBatches([])).toEqual([]);
  });
});

describe('batchBody', () => {
  it('is JSON with writeKey, sentAt and the events, and no context when nothing was dropped', () => {
    const body = JSON.parse(batchBody('dev_write_key', [toQueued(trackEvent(1)), toQueued(trackEvent(2))], sentAt, 0)) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['batch', 'sentAt', 'writeKey']);
    expect(body).toEqual({
      writeKey: 'dev_write_key',
      sentAt: '2025-03-04T05:06:07.000Z',
      batch: [trackEvent(1), trackEvent(2)],
    });
  });

  it('reports drops as context.droppedEvents', () => {
    const body = JSON.parse(batchBody('dev_write_key', [toQueued(trackEvent(3))], sentAt, 7)) as Record<string, unknown>;
    expect(body).toEqual({
      writeKey: 'dev_write_key',
      sentAt: '2025-03-04T05:06:07.000Z',
      context: { droppedEvents: 7 },
      batch: [trackEvent(3)],
    });
  });

  it('escapes the write key and stays valid JSON with an empty batch', () => {
    expect(JSON.parse(batchBody('a"b\\c', [], sentAt, 1))).toEqual({
      writeKey: 'a"b\\c',
      sentAt: '2025-03-04T05:06:07.000Z',
      context: { droppedEvents: 1 },
      batch: [],
    });
  });
});
