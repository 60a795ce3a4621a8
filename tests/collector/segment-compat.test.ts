import { Analytics } from '@segment/analytics-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type TestCollector } from '../helpers/collector-server';

/**
 * A server library built for Segment's HTTP Tracking API, pointed at the collector
 * with its `host` option and nothing else changed (CONTRACT §2).
 */
describe('@segment/analytics-node against the collector', () => {
  let collector: TestCollector;
  beforeAll(async () => {
    collector = await startCollector({ examples: false });
  });
  afterAll(async () => {
    await collector.close();
  });

  it('delivers every call exactly once with its fields', async () => {
    const analytics = new Analytics({ writeKey: 'dev_write_key', host: collector.url, flushAt: 3, maxRetries: 2 });
    const timestamp = new Date('2026-11-20T10:00:00.000Z');
    analytics.identify({ userId: 'cust-42', anonymousId: 'call-anon', traits: { email: 'kim@example.com', plan: 'gold' } });
    analytics.track({
      userId: 'cust-42',
      event: 'Order Completed',
      properties: { order_id: 'ord-9', revenue: 129.5, currency: 'EUR' },
      context: { channel: 'call_center' },
      timestamp,
    });
    analytics.page({ userId: 'cust-42', name: 'Returns', properties: { path: '/returns' } });
    analytics.screen({ userId: 'cust-42', name: 'Till' });
    analytics.alias({ userId: 'cust-42', previousId: 'legacy-7' });
    analytics.group({ userId: 'cust-42', groupId: 'store-berlin', traits: { city: 'Berlin' } });
    await analytics.closeAndFlush({ timeout: 10_000 });

    const rows = (
      await collector.db.execute(
        'select type, event, name, user_id, anonymous_id, previous_id, group_id, properties, traits, channel, page_path, original_timestamp, message_id from events order by id',
      )
    ).rows;
    expect(rows.map((r) => [r.type, r.event ?? r.name, r.user_id])).toEqual([
      ['identify', null, 'cust-42'],
      ['track', 'Order Completed', 'cust-42'],
      ['page', 'Returns', 'cust-42'],
      ['screen', 'Till', 'cust-42'],
      ['alias', null, 'cust-42'],
      ['group', null, 'cust-42'],
    ]);
    const [identify, track, page, , alias, group] = rows;
    expect([identify!.anonymous_id, JSON.parse(String(identify!.traits))]).toEqual(['call-anon', { email: 'kim@example.com', plan: 'gold' }]);
    expect(JSON.parse(String(track!.properties))).toEqual({ order_id: 'ord-9', revenue: 129.5, currency: 'EUR' });
    expect([track!.channel, track!.original_timestamp]).toEqual(['call_center', timestamp.toISOString()]);
    expect(page!.page_path).toBe('/returns');
    expect(alias!.previous_id).toBe('legacy-7');
    expect([group!.group_id, JSON.parse(String(group!.traits))]).toEqual(['store-berlin', { city: 'Berlin' }]);
    expect(new Set(rows.map((r) => r.message_id)).size).toBe(6);
    const quarantined = await collector.db.execute('select count(*) as n from quarantine');
    expect(quarantined.rows[0]!.n).toBe(0);
  });
});
