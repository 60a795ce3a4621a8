import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type TestCollector } from '../helpers/collector-server';
import { runCommand } from './run-command';

/**
 * examples/server-import: `npm run example:import` sends the call centre's calls
 * and the stores' visits through @segment/analytics-node to a real collector, and
 * they join the journey of the customer who also shopped on the web.
 */
describe('server-side import of calls and store visits', () => {
  let collector: TestCollector;
  const ada = 'cust-bef5cfd2'; // ada@example.com in the example's data and its SPA storefront
  const ben = 'cust-39a14733';

  beforeAll(async () => {
    collector = await startCollector({ examples: false });
    // Ada's web visits, as the SPA storefront sends them: browsing anonymously,
    // then identified when she ordered.
    const web = [
      { type: 'page', messageId: 'w1', anonymousId: 'browser-ada', properties: { path: '/spa/products/boot-1' }, timestamp: '2026-11-17T20:00:00Z' },
      { type: 'track', messageId: 'w2', anonymousId: 'browser-ada', event: 'Product Viewed', properties: { product_id: 'boot-1' }, timestamp: '2026-11-17T20:00:05Z' },
      { type: 'identify', messageId: 'w3', anonymousId: 'browser-ada', userId: ada, traits: { email: 'ada@example.com' }, timestamp: '2026-11-24T19:00:00Z' },
      { type: 'track', messageId: 'w4', anonymousId: 'browser-ada', userId: ada, event: 'Order Completed', properties: { order_id: 'ord-1', revenue: 89 }, timestamp: '2026-11-24T19:00:01Z' },
    ];
    const seeded = await fetch(`${collector.url}/v1/batch`, {
      method: 'POST',
      headers: { authorization: `Basic ${btoa('dev_write_key:')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ batch: web }),
    }).then((r) => r.json());
    expect(seeded.accepted).toBe(4);
  });
  afterAll(async () => {
    await collector?.close();
  });

  const importCalls = (env: Record<string, string> = {}) =>
    runCommand('npm', ['run', '--silent', 'example:import'], { FOOTFALL_URL: collector.url, ...env });

  /**
   * The journey as [time, session channel, event] rows. Server libraries send
   * `sentAt`, so the collector stores `receivedAt − (sentAt − timestamp)`: a
   * record's time plus the batch's few milliseconds in transit. Times are
   * compared to the second for that reason.
   */
  const journeyOf = async (id: string) => {
    const response = await fetch(`${collector.url}/v1/people/${id}/journey`, { headers: { authorization: 'Bearer dev_read_key' } });
    expect(response.status).toBe(200);
    const journey = (await response.json()) as {
      person: { userIds: string[]; anonymousIds: string[] };
      sessions: { channel: string | null; events: { event: string | null; type: string; timestamp: string }[] }[];
    };
    const events = journey.sessions.flatMap((s) => s.events.map((e) => [e.timestamp.slice(0, 19), s.channel, e.event ?? e.type]));
    return { person: journey.person, events };
  };

  it('joins the calls and store visits to the web journey of the same customer', async () => {
    const run = await importCalls();
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/not delivered/);
    expect(run.stdout).toBe(`Sent 8 events to ${collector.url}: 3 calls, 3 store visits.\n`);

    // Web sessions have no channel: the browser SDK sends none.
    const expectedAda = [
      ['2026-11-17T20:00:00', null, 'page'],
      ['2026-11-17T20:00:05', null, 'Product Viewed'],
      ['2026-11-18T09:12:00', 'call_center', 'Call Completed'],
      ['2026-11-21T14:30:00', 'store', 'Store Visited'],
      ['2026-11-21T14:55:00', 'store', 'Order Completed'],
      ['2026-11-24T19:00:00', null, 'identify'],
      ['2026-11-24T19:00:01', null, 'Order Completed'],
      ['2026-11-25T16:40:00', 'call_center', 'Call Completed'],
      ['2026-11-28T10:00:00', 'store', 'Store Visited'],
    ];
    // The same journey whichever of her ids is asked: the browser's or the account's.
    for (const id of ['browser-ada', ada]) {
      expect(await journeyOf(id)).toEqual({ person: { userIds: [ada], anonymousIds: ['browser-ada'], traits: { email: 'ada@example.com' } }, events: expectedAda });
    }
    expect(await journeyOf(ben)).toEqual({
      person: { userIds: [ben], anonymousIds: [], traits: {} },
      events: [
        ['2026-11-19T11:05:00', 'call_center', 'Call Completed'],
        ['2026-11-20T15:00:00', 'store', 'Store Visited'],
        ['2026-11-20T15:20:00', 'store', 'Order Completed'],
      ],
    });

    const stored = await collector.db.execute(
      "select message_id, properties from events where channel in ('call_center', 'store') order by message_id",
    );
    expect(stored.rows.map((r) => r['message_id'])).toEqual([
      'call-center:C-7001', 'call-center:C-7002', 'call-center:C-7003',
      'store:V-301', 'store:V-302', 'store:V-303', 'store:till-5501', 'store:till-5502',
    ]);
    expect(JSON.parse(String(stored.rows[6]!['properties']))).toEqual({
      order_id: 'till-5501', store: 'berlin-mitte', revenue: 149, total: 149, currency: 'EUR',
      products: [{ product_id: 'boot-1', sku: 'FFS-BOT-001', name: 'Chelsea Boot', price: 149, quantity: 1 }],
    });
  });

  it('stores nothing twice when the same export is imported again', async () => {
    const count = async () => (await collector.db.execute('select count(*) as n from events')).rows[0]!['n'];
    expect(await count()).toBe(12);
    const again = await importCalls();
    expect([again.code, again.stdout]).toEqual([0, `Sent 8 events to ${collector.url}: 3 calls, 3 store visits.\n`]);
    expect(await count()).toBe(12);
  });

  it('fails loudly, exit code 1, when the collector refuses the write key', async () => {
    const refused = await importCalls({ FOOTFALL_WRITE_KEY: 'not_a_key' });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(new RegExp(`(^|\\n)8 of 8 events were not delivered to ${collector.url}: .*\\[401\\]`));
  });
});
