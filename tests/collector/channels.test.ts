import { Analytics } from '@segment/analytics-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type TestCollector } from '../helpers/collector-server';

/**
 * A shopper browses anonymously, signs in, then calls the call centre and buys in a
 * store: the call-centre system and the till send through a Segment server library
 * with `context.channel`, and everything forms one journey (CONTRACT §2 Channels).
 */
describe('call-centre and store events join the web journey', () => {
  let collector: TestCollector;
  beforeAll(async () => {
    collector = await startCollector({ examples: false });
  });
  afterAll(async () => {
    await collector.close();
  });

  const at = (minute: number) => new Date(Date.parse('2026-11-20T10:00:00.000Z') + minute * 60_000).toISOString();

  it('one person, every channel, in time order', async () => {
    const web = [
      { type: 'page', messageId: 'w1', anonymousId: 'browser-7', name: 'Product', context: { channel: 'web', page: { path: '/product' } }, timestamp: at(0) },
      { type: 'track', messageId: 'w2', anonymousId: 'browser-7', event: 'Product Added', properties: { product_id: 'boot-1' }, context: { channel: 'web' }, timestamp: at(1) },
      { type: 'identify', messageId: 'w3', anonymousId: 'browser-7', userId: 'cust-9', traits: { email: 'ada@example.com' }, context: { channel: 'web' }, timestamp: at(2) },
    ];
    const response = await fetch(`${collector.url}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ writeKey: 'dev_write_key', batch: web }),
    });
    expect((await response.json()).accepted).toBe(3);

    const server = new Analytics({ writeKey: 'dev_write_key', host: collector.url, flushAt: 1 });
    server.track({ userId: 'cust-9', event: 'Call Completed', properties: { topic: 'sizing' }, context: { channel: 'call_center' }, timestamp: new Date(at(120)) });
    server.track({ userId: 'cust-9', event: 'Order Completed', properties: { order_id: 'till-55', revenue: 149 }, context: { channel: 'store' }, timestamp: new Date(at(24 * 60)) });
    await server.closeAndFlush({ timeout: 10_000 });

    for (const id of ['browser-7', 'cust-9']) {
      const journey = await fetch(`${collector.url}/v1/people/${id}/journey`, { headers: { authorization: 'Bearer dev_read_key' } }).then((r) => r.json());
      expect(journey.person).toEqual({ userIds: ['cust-9'], anonymousIds: ['browser-7'], traits: { email: 'ada@example.com' } });
      const events = journey.sessions.flatMap((session: { channel: string; events: Array<{ event: string | null; name: string | null }> }) =>
        session.events.map((event) => [session.channel, event.event ?? event.name]),
      );
      expect(events).toEqual([
        ['web', 'Product'],
        ['web', 'Product Added'],
        ['web', null],
        ['call_center', 'Call Completed'],
        ['store', 'Order Completed'],
      ]);
      expect(journey.sessions).toHaveLength(3);
    }
  });
});
