import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '@libsql/client';
import { startCollector, type TestCollector } from '../helpers/collector-server';

describe('the collector over real HTTP on a libSQL file', () => {
  let collector: TestCollector;
  beforeAll(async () => {
    collector = await startCollector({ examples: false });
  });
  afterAll(async () => {
    await collector.close();
  });

  it('is healthy once migrated', async () => {
    const response = await fetch(`${collector.url}/healthz`);
    expect([response.status, await response.json()]).toEqual([200, { ok: true }]);
  });

  it('stores a batch sent twice once, durably in the file', async () => {
    const batch = ['r1', 'r2', 'r3'].map((messageId) => ({
      type: 'track',
      messageId,
      anonymousId: 'anon-http',
      event: 'Order Completed',
      properties: { order_id: `o-${messageId}`, revenue: 10 },
    }));
    const send = () =>
      fetch(`${collector.url}/v1/batch`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ writeKey: 'dev_write_key', batch }),
      }).then(async (response) => [response.status, await response.json()]);

    expect(await send()).toEqual([200, { success: true, accepted: 3, duplicates: 0, rejected: [] }]);
    expect(await send()).toEqual([200, { success: true, accepted: 0, duplicates: 3, rejected: [] }]);

    // A second, independent connection to the file sees the committed rows.
    const reader = createClient({ url: `file:${collector.dbFile}` });
    const rows = await reader.execute("select message_id from events where anonymous_id = 'anon-http' order by message_id");
    reader.close();
    expect(rows.rows.map((r) => r.message_id)).toEqual(['r1', 'r2', 'r3']);
  });
});
