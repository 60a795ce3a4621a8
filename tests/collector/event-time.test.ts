import { describe, expect, it } from 'vitest';
import { storedEventTime } from '../../collector/ingest/event-time';
import { basicAuth, createTestApp, postJson } from '../helpers/test-app';

const receivedAt = Date.parse('2026-11-23T12:00:05.000Z');

describe('stored event time (clock-skew correction)', () => {
  it('is receivedAt − (sentAt − timestamp) when both client times are known', () => {
    // The client clock runs one hour fast.
    const stored = storedEventTime({ timestamp: '2026-11-23T13:00:00.000Z', sentAt: '2026-11-23T13:00:05.000Z', receivedAt });
    expect(new Date(stored).toISOString()).toBe('2026-11-23T12:00:00.000Z');
  });

  it('keeps sub-second offsets exactly', () => {
    const stored = storedEventTime({ timestamp: '2026-11-23T09:59:59.250Z', sentAt: '2026-11-23T10:00:00.750Z', receivedAt });
    expect(stored).toBe(receivedAt - 1_500);
  });

  it('is the timestamp when sentAt is missing, receivedAt when both are', () => {
    expect(storedEventTime({ timestamp: '2026-11-20T08:00:00.000Z', receivedAt })).toBe(Date.parse('2026-11-20T08:00:00.000Z'));
    expect(storedEventTime({ sentAt: '2026-11-20T08:00:00.000Z', receivedAt })).toBe(receivedAt);
    expect(storedEventTime({ receivedAt })).toBe(receivedAt);
  });

  it('applies through the API, with the batch sentAt or an event sentAt', async () => {
    const t = await createTestApp();
    t.clock.now = receivedAt;
    const batch = [
      { type: 'track', messageId: 'a', anonymousId: 'x', event: 'E', timestamp: '2026-11-23T13:00:00.000Z' },
      { type: 'track', messageId: 'b', anonymousId: 'x', event: 'E', timestamp: '2026-11-23T12:00:00.000Z', sentAt: '2026-11-23T12:00:01.000Z' },
    ];
    const response = await postJson(t.app, '/v1/batch', { batch, sentAt: '2026-11-23T13:00:10.000Z' }, { authorization: basicAuth('dev_write_key') });
    expect(response.body.accepted).toBe(2);
    const rows = await t.database.client.execute('select message_id, timestamp, original_timestamp, sent_at from events order by message_id');
    expect(rows.rows.map((r) => [r.message_id, r.timestamp, r.original_timestamp, r.sent_at])).toEqual([
      ['a', receivedAt - 10_000, '2026-11-23T13:00:00.000Z', '2026-11-23T13:00:10.000Z'],
      ['b', receivedAt - 1_000, '2026-11-23T12:00:00.000Z', '2026-11-23T12:00:01.000Z'],
    ]);
  });
});
