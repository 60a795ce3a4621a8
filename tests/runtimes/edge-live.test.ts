import { createClient, type Client } from '@libsql/client';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../../collector/db/migrate';
import { openDatabase } from '../../collector/db/open-database';
import { openSse } from '../collector/live-sse-client';
import { startReceiver, type WebhookReceiver } from '../collector/webhook-receiver';
import { freePort, spawnProcess, waitForHttp, type Spawned } from '../helpers/processes';
import { ensureRuntimes } from '../helpers/runtimes';
import { startSqld, type RunningSqld } from '../helpers/sqld';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SECRET = 'whsec_' + Buffer.from('edge-test-signing-key-of-32-bytes!!').toString('base64');
const READ = { authorization: 'Bearer dev_read_key' };

/** collector/edge.ts on workerd (wrangler dev), with its Cron Trigger reachable at /__scheduled. */
describe('live channels and the Cron Trigger pass on workerd', () => {
  let sqld: RunningSqld;
  let db: Client;
  let receiver: WebhookReceiver;
  let worker: Spawned;
  let url: string;
  beforeAll(async () => {
    const { wrangler } = ensureRuntimes();
    sqld = await startSqld();
    const database = await openDatabase({ url: sqld.url });
    await migrateDatabase(database.db);
    database.client.close();
    db = createClient({ url: sqld.url });
    receiver = await startReceiver(SECRET);
    const port = await freePort();
    const vars = { FOOTFALL_DB_URL: sqld.url, FOOTFALL_CART_IDLE: '1m', FOOTFALL_WEBHOOK_URL: receiver.url, FOOTFALL_WEBHOOK_SECRET: SECRET };
    worker = spawnProcess(
      wrangler,
      ['dev', '--local', '--test-scheduled', '--ip', '127.0.0.1', '--port', String(port), ...Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]), '--config', 'tests/runtimes/workerd/wrangler.toml'],
      { CI: 'true', WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
      root,
    );
    url = `http://127.0.0.1:${port}`;
    await waitForHttp(`${url}/healthz`, 90_000, worker.child).catch((error) => {
      throw new Error(`${String(error)}\n${worker.output()}`);
    });
  });
  afterAll(async () => {
    await worker?.stop();
    await receiver?.close();
    db?.close();
    await sqld?.stop();
  });

  const send = async (batch: unknown[]) => {
    const response = await fetch(`${url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ writeKey: 'dev_write_key', batch }) });
    expect(response.status).toBe(200);
  };

  it('streams a stored event within 2 s (each stream polls on its own)', async () => {
    const live = await openSse(`${url}/v1/live/events`, READ);
    try {
      expect(live.response.headers.get('content-type')).toBe('text/event-stream');
      const started = Date.now();
      await send([{ type: 'track', messageId: 'edge-live-1', anonymousId: 'edge-a', event: 'Edge Live' }]);
      const [message] = await live.waitFor(1, 5000);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(JSON.parse(message!.data)).toMatchObject({ messageId: 'edge-live-1', event: 'Edge Live', anonymousId: 'edge-a' });
    } finally {
      live.close();
    }
  });

  it('scheduled(): one pass signals the idle cart once and POSTs the signed webhook', async () => {
    const carts = await openSse(`${url}/v1/live/abandoned-carts`, READ);
    try {
      const twoMinutesAgo = new Date(Date.now() - 120_000).toISOString();
      await send([{ type: 'track', messageId: 'edge-cart-1', anonymousId: 'edge-b', event: 'Product Added', timestamp: twoMinutesAgo, properties: { product_id: 'p1', price: 2 } }]);
      expect((await fetch(`${url}/__scheduled?cron=*+*+*+*+*`)).status).toBe(200);
      const [request] = await receiver.waitFor(1, 10_000);
      expect(request!.verified).toBe(true);
      const signals = await db.execute('select id, cart_id from cart_signals');
      expect(signals.rows.map((row) => `msg_${row['cart_id']}`)).toEqual([request!.id]);
      const [message] = await carts.waitFor(1, 5000);
      expect(JSON.parse(message!.data).cart.anonymousIds).toEqual(['edge-b']);
      // A second pass finds nothing new and nothing due.
      expect((await fetch(`${url}/__scheduled?cron=*+*+*+*+*`)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(receiver.received).toHaveLength(1);
      const delivered = await db.execute('select status, attempts from webhook_deliveries');
      expect(delivered.rows.map((row) => [row['status'], row['attempts']])).toEqual([['delivered', 1]]);
    } finally {
      carts.close();
    }
  });
});
