import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../collector/config/load-config';
import { migrateDatabase } from '../../collector/db/migrate';
import { openDatabase, type DatabaseHandle } from '../../collector/db/open-database';
import { startCollector } from '../../collector/node/start-collector';
import { retryDelay, type RetrySchedule } from '../../collector/signals/retry-schedule';
import { parseRetryAfter } from '../../sdk/delivery/retry-policy';
import { scanAbandonedCarts } from '../../collector/signals/scan-carts';
import { startSignalRunner } from '../../collector/signals/signal-runner';
import { webhookKey, webhookSigner } from '../../collector/signals/webhook-signature';
import { webhookWorker } from '../../collector/signals/webhook-worker';
import { startCollectorProcess } from '../helpers/collector-process';
import { startReceiver, type Answer } from './webhook-receiver';

const SECRET = 'whsec_' + Buffer.from('footfall-test-signing-key-32-bytes!!').toString('base64');
const keys = loadConfig({}).keys;
const FAST: RetrySchedule = { attempts: 5, firstDelayMs: 100, maxDelayMs: 3000 };

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'footfall-webhook-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const cartEvent = (messageId: string, anonymousId: string) => ({
  type: 'track', messageId, anonymousId, event: 'Product Added', properties: { product_id: 'sku-1', name: 'Sock', price: 4.5, quantity: 2 },
});

describe('webhook signing and retry policy', () => {
  it('signs as the Standard Webhooks reference example does', async () => {
    const sign = webhookSigner(webhookKey('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'));
    expect(await sign('msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    expect(webhookKey('a plain secret of 24 bytes')).toHaveLength(26);
    expect(() => webhookKey('short')).toThrow('at least 16 bytes');
    expect(() => webhookKey('whsec_!!!')).toThrow('base64');
  });

  it('waits 4 times longer after each failure, ±20%, capped; honours Retry-After', () => {
    const schedule = { attempts: 8, firstDelayMs: 10_000, maxDelayMs: 12 * 3_600_000 };
    expect([1, 2, 3, 7, 8].map((attempt) => retryDelay(attempt, schedule, () => 0.5))).toEqual([10_000, 40_000, 160_000, 40_960_000, 43_200_000]);
    expect([retryDelay(1, schedule, () => 0), retryDelay(1, schedule, () => 0.999999)]).toEqual([8000, 12_000]);
    const now = Date.parse('2026-11-23T12:00:00Z');
    expect(parseRetryAfter('120', now, 3_600_000)).toBe(120_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 12:00:30 GMT', now, 3_600_000)).toBe(30_000);
    expect([parseRetryAfter('999999', now, 3_600_000), parseRetryAfter('soon', now, 1000), parseRetryAfter(null, now, 1000)]).toEqual([3_600_000, undefined, undefined]);
  });

  it('reads its settings from the environment and refuses half a webhook', () => {
    expect(loadConfig({}).signals).toEqual({ cartIdleMs: 3_600_000, intervalMs: 30_000, webhook: undefined });
    const env = { FOOTFALL_CART_IDLE: '45m', FOOTFALL_SIGNAL_INTERVAL: '10s', FOOTFALL_WEBHOOK_URL: 'https://shop.example/hooks', FOOTFALL_WEBHOOK_SECRET: SECRET };
    expect(loadConfig(env).signals).toEqual({ cartIdleMs: 2_700_000, intervalMs: 10_000, webhook: { url: 'https://shop.example/hooks', secret: SECRET } });
    expect(loadConfig({ FOOTFALL_SIGNAL_INTERVAL: 'off' }).signals.intervalMs).toBe(0);
    expect(() => loadConfig({ FOOTFALL_WEBHOOK_URL: 'https://shop.example/hooks' })).toThrow('FOOTFALL_WEBHOOK_SECRET must be set');
    expect(() => loadConfig({ FOOTFALL_WEBHOOK_SECRET: SECRET })).toThrow('FOOTFALL_WEBHOOK_URL is not');
    expect(() => loadConfig({ ...env, FOOTFALL_WEBHOOK_URL: 'ftp://x' })).toThrow('http:// or https://');
    expect(() => loadConfig({ ...env, FOOTFALL_WEBHOOK_SECRET: 'tiny' })).toThrow('at least 16 bytes');
    expect(() => loadConfig({ FOOTFALL_CART_IDLE: 'soon' })).toThrow('FOOTFALL_CART_IDLE');
    // Errors never quote the secret.
    try {
      loadConfig({ ...env, FOOTFALL_WEBHOOK_SECRET: 'tiny-secret' });
    } catch (error) {
      expect(String(error)).not.toContain('tiny-secret');
    }
  });
});

describe('the signed webhook from a running collector', () => {
  /** A collector whose carts go idle after 200 ms, POSTing to a receiver answering `answers`. */
  async function run(name: string, answers: Answer[], schedule: RetrySchedule = FAST) {
    const receiver = await startReceiver(SECRET, answers);
    const logged: string[] = [];
    const collector = await startCollector({
      port: 0, databaseUrl: `file:${join(folder, `${name}.db`)}`, keys, log: (line) => logged.push(line),
      signals: { cartIdleMs: 200, intervalMs: 50, webhook: { url: receiver.url, secret: SECRET }, schedule, webhookPollMs: 20 },
    });
    const response = await fetch(`${collector.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ writeKey: 'dev_write_key', batch: [cartEvent(`${name}-1`, `anon-${name}`)] }) });
    expect(response.status).toBe(200);
    const delivery = async () => (await collector.database.client.execute('select status, attempts, last_status, last_error, lease_until from webhook_deliveries')).rows.map((row) => ({ ...row }));
    const signal = async () => (await collector.database.client.execute('select id, cart_id from cart_signals')).rows.map((row) => ({ id: Number(row['id']), cartId: String(row['cart_id']) }));
    return { receiver, collector, logged, delivery, signal, stop: async () => (await collector.close(), await receiver.close()) };
  }

  it('fails twice, then succeeds: 3 attempts with one webhook-id, each verifiable, never sent again after the 2xx', async () => {
    const t = await run('retries', [{ status: 500 }, { status: 503 }, { status: 200 }]);
    try {
      const requests = await t.receiver.waitFor(3);
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(t.receiver.received).toHaveLength(3);
      const [signal] = await t.signal();
      expect(requests.map((r) => r.id)).toEqual([1, 2, 3].map(() => `msg_${signal!.cartId}`));
      expect(requests.map((r) => r.verified)).toEqual([true, true, true]);
      expect(new Set(requests.map((r) => r.body)).size).toBe(1);
      for (const r of requests) expect(Math.abs(Number(r.timestamp) - r.at / 1000)).toBeLessThan(5);
      // The second wait is about 4 times the first (100 ms, then 400 ms, ±20%).
      expect(requests[1]!.at - requests[0]!.at).toBeGreaterThanOrEqual(70);
      expect(requests[2]!.at - requests[1]!.at).toBeGreaterThanOrEqual(300);
      const body = JSON.parse(requests[0]!.body);
      expect(body).toEqual({
        type: 'cart.abandoned',
        timestamp: body.data.createdAt,
        data: { id: signal!.id, cartId: signal!.cartId, createdAt: expect.any(String), cart: { userIds: [], anonymousIds: ['anon-retries'], lastActivity: expect.any(String), products: [{ productId: 'sku-1', name: 'Sock', price: 4.5, quantity: 2 }], value: 9 } },
      });
      expect(await t.delivery()).toEqual([{ status: 'delivered', attempts: 3, last_status: 200, last_error: null, lease_until: null }]);
    } finally {
      await t.stop();
    }
  });

  it('honours Retry-After on a 429', async () => {
    const t = await run('retry-after', [{ status: 429, headers: { 'retry-after': '1' } }, { status: 204 }]);
    try {
      const [first, second] = await t.receiver.waitFor(2);
      expect(second!.at - first!.at).toBeGreaterThanOrEqual(990);
      expect((await t.delivery())[0]).toMatchObject({ status: 'delivered', attempts: 2, last_status: 204 });
    } finally {
      await t.stop();
    }
  });

  it('gives up after the last attempt, or at once on a 4xx, and keeps the failure visible without logging data', async () => {
    const t = await run('gives-up', [{ status: 502 }], { attempts: 3, firstDelayMs: 50, maxDelayMs: 500 });
    const four = await run('refused', [{ status: 410 }]);
    try {
      await t.receiver.waitFor(3);
      await four.receiver.waitFor(1);
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect([t.receiver.received.length, four.receiver.received.length]).toEqual([3, 1]);
      expect(await t.delivery()).toEqual([{ status: 'failed', attempts: 3, last_status: 502, last_error: 'HTTP 502', lease_until: null }]);
      expect(await four.delivery()).toEqual([{ status: 'failed', attempts: 1, last_status: 410, last_error: 'HTTP 410', lease_until: null }]);
      expect(t.logged).toEqual([expect.stringMatching(/^webhook: delivery of cart signal \d+ failed after 3 attempt\(s\) \(HTTP 502\)/)]);
      const logs = [...t.logged, ...four.logged].join('\n');
      for (const secret of [SECRET, SECRET.slice(6), 'anon-gives-up', 'sku-1', '127.0.0.1']) expect(logs).not.toContain(secret);
    } finally {
      await t.stop();
      await four.stop();
    }
  });

  it('lists signals with their delivery, and an admin can have a failed one sent again', async () => {
    const t = await run('redeliver', [{ status: 500 }], { attempts: 2, firstDelayMs: 50, maxDelayMs: 100 });
    try {
      await t.receiver.waitFor(2);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const list = async (query = '', key = 'dev_read_key') => fetch(`${t.collector.url}/v1/signals/abandoned-carts${query}`, { headers: { authorization: `Bearer ${key}` } });
      const [signal] = await t.signal();
      const failed = await (await list('?status=failed')).json();
      expect(failed.signals).toHaveLength(1);
      expect(failed.signals[0]).toMatchObject({ id: signal!.id, cartId: signal!.cartId, cart: { anonymousIds: ['anon-redeliver'] } });
      expect(failed.signals[0].delivery).toEqual({ status: 'failed', attempts: 2, nextAttemptAt: null, lastStatus: 500, lastError: 'HTTP 500', deliveredAt: null });
      expect((await (await list('?status=delivered')).json()).signals).toEqual([]);
      expect([(await list('?status=maybe')).status, (await list('', 'dev_write_key')).status]).toEqual([400, 403]);
      const redeliver = (cartId: string, key: string) => fetch(`${t.collector.url}/v1/signals/abandoned-carts/${cartId}/redeliver`, { method: 'POST', headers: { authorization: `Bearer ${key}` } });
      expect((await redeliver(signal!.cartId, 'dev_read_key')).status).toBe(403);
      expect((await redeliver('no-such-cart', 'dev_admin_key')).status).toBe(404);
      t.receiver.answers = [{ status: 200 }];
      const again = await redeliver(signal!.cartId, 'dev_admin_key');
      expect([again.status, await again.json()]).toEqual([200, { success: true, status: 'pending' }]);
      const requests = await t.receiver.waitFor(3);
      expect(requests.map((r) => r.id)).toEqual([1, 2, 3].map(() => `msg_${signal!.cartId}`));
      expect(requests[2]!.verified).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const delivered = (await (await list('?status=delivered')).json()).signals;
      expect(delivered.map((s: { delivery: { attempts: number; lastStatus: number; lastError: string | null } }) => s.delivery)).toMatchObject([{ status: 'delivered', attempts: 1, lastStatus: 200, lastError: null }]);
      expect(t.receiver.received).toHaveLength(3);
    } finally {
      await t.stop();
    }
  });
});

describe('two collectors on one database file', () => {
  it('signal each idle cart once and POST it once between them', async () => {
    const receiver = await startReceiver(SECRET, [{ status: 200, delayMs: 100 }]);
    const databaseUrl = `file:${join(folder, 'two.db')}`;
    const settings = { cartIdleMs: 200, intervalMs: 30, webhook: { url: receiver.url, secret: SECRET }, schedule: FAST, webhookPollMs: 10 };
    const [a, b] = [await startCollector({ port: 0, databaseUrl, keys, log: () => undefined, signals: settings }), await startCollector({ port: 0, databaseUrl, keys, log: () => undefined, signals: settings })];
    try {
      const batch = ['x', 'y', 'z'].map((name) => cartEvent(`two-${name}`, `anon-two-${name}`));
      for (const [collector, part] of [[a, batch.slice(0, 2)], [b, batch.slice(2)]] as const) {
        const response = await fetch(`${collector.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ writeKey: 'dev_write_key', batch: part }) });
        expect(response.status).toBe(200);
      }
      await receiver.waitFor(3);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const bodies = receiver.received.map((r) => JSON.parse(r.body).data.cart.anonymousIds[0]).sort();
      expect(bodies).toEqual(['anon-two-x', 'anon-two-y', 'anon-two-z']);
      expect(new Set(receiver.received.map((r) => r.id)).size).toBe(3);
      const rows = await a.database.client.execute('select count(*) as signals, (select group_concat(status || attempts) from webhook_deliveries) as deliveries from cart_signals');
      expect([rows.rows[0]!['signals'], rows.rows[0]!['deliveries']]).toEqual([3, 'delivered1,delivered1,delivered1']);
    } finally {
      await a.close();
      await b.close();
      await receiver.close();
    }
  });
});

describe('webhook deliveries shared by processes', () => {
  let database: DatabaseHandle;
  let second: DatabaseHandle;
  const url = () => `file:${join(folder, 'shared.db')}`;
  beforeAll(async () => {
    database = await openDatabase({ url: url() });
    await migrateDatabase(database.db);
    second = await openDatabase({ url: url() });
  });
  afterAll(() => {
    database.client.close();
    second.client.close();
  });

  /** Stores a cart event as ingest would and scans 2 h later: one pending delivery. */
  async function pendingDelivery(anonymousId: string, now: number): Promise<void> {
    await database.client.execute({ sql: `insert into events (write_key, message_id, type, event, anonymous_id, timestamp, received_at, person_id, properties)
      values ('k', ?, 'track', 'Product Added', ?, ?, ?, ?, '{"product_id":"p","price":1}')`, args: [anonymousId, anonymousId, now - 7_200_000, now, now] });
    await database.client.execute({ sql: `insert into cart_states (last_activity, first_id, person_id, next_order, cart) values (?, ?, ?, null, ?)`,
      args: [now - 7_200_000, anonymousId, now, JSON.stringify({ userIds: [], anonymousIds: [anonymousId], lastActivity: new Date(now - 7_200_000).toISOString(), products: [{ productId: 'p', name: null, price: 1, quantity: 1 }], value: 1 })] });
    expect(await scanAbandonedCarts(database.db, { idleMs: 3_600_000, now, webhook: true })).toHaveLength(1);
  }
  const rows = async () => (await database.client.execute('select status, attempts, lease_until, last_error from webhook_deliveries order by signal_id')).rows.map((row) => ({ ...row }));

  it('two processes never send one delivery at once (the lease)', async () => {
    await pendingDelivery('lease', Date.now());
    const receiver = await startReceiver(SECRET, [{ status: 200, delayMs: 300 }]);
    try {
      const target = { url: receiver.url, secret: SECRET };
      const sent = await Promise.all([webhookWorker({ db: database.db, target })(), webhookWorker({ db: second.db, target })()]);
      expect(sent.sort()).toEqual([0, 1]);
      expect(receiver.received).toHaveLength(1);
      expect(await rows()).toEqual([{ status: 'delivered', attempts: 1, lease_until: null, last_error: null }]);
    } finally {
      await receiver.close();
      await database.client.execute('delete from webhook_deliveries');
    }
  });

  it('a network error is retried; stopping mid-request releases the delivery uncounted, and it is sent later', async () => {
    await pendingDelivery('stop', Date.now());
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    await webhookWorker({ db: database.db, target: { url: `http://127.0.0.1:${closedPort}/`, secret: SECRET }, schedule: { attempts: 5, firstDelayMs: 100, maxDelayMs: 150 } })();
    expect(await rows()).toEqual([{ status: 'pending', attempts: 1, lease_until: null, last_error: 'network error (ECONNREFUSED)' }]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const hanging = await startReceiver(SECRET, [{ status: 200, delayMs: 10_000 }]);
    const runner = startSignalRunner({ db: database.db, cartIdleMs: 3_600_000, intervalMs: 60_000, webhook: { url: hanging.url, secret: SECRET }, webhookPollMs: 20 });
    await hanging.waitFor(1);
    const started = Date.now();
    await runner.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await rows()).toEqual([{ status: 'pending', attempts: 1, lease_until: null, last_error: 'network error (ECONNREFUSED)' }]);
    await hanging.close();
    const receiver = await startReceiver(SECRET, [{ status: 200 }]);
    await webhookWorker({ db: second.db, target: { url: receiver.url, secret: SECRET } })();
    expect(receiver.received.map((r) => [r.id, r.verified])).toEqual([[hanging.received[0]!.id, true]]);
    expect(await rows()).toEqual([{ status: 'delivered', attempts: 2, lease_until: null, last_error: null }]);
    await receiver.close();
  });
});

describe('footfall serve with a webhook', () => {
  it('says the signal and webhook are on without printing the URL or the secret, sends, and stops on SIGTERM', async () => {
    const receiver = await startReceiver(SECRET);
    const hookUrl = `${receiver.url}?token=url-token-123`;
    const collector = await startCollectorProcess({
      FOOTFALL_DB_URL: `file:${join(folder, 'process.db')}`,
      FOOTFALL_CART_IDLE: '300ms',
      FOOTFALL_SIGNAL_INTERVAL: '100ms',
      FOOTFALL_WEBHOOK_URL: hookUrl,
      FOOTFALL_WEBHOOK_SECRET: SECRET,
    });
    try {
      const response = await fetch(`${collector.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ writeKey: 'dev_write_key', batch: [cartEvent('proc-1', 'anon-proc')] }) });
      expect(response.status).toBe(200);
      const [request] = await receiver.waitFor(1);
      expect(request!.verified).toBe(true);
      await collector.stop('SIGTERM');
      expect([collector.child.exitCode, collector.child.signalCode]).toEqual([0, null]);
      expect(collector.output()).toContain('Abandoned-cart signal: carts idle 300ms, scanned every 100ms, signed webhook on');
      for (const secret of [SECRET, SECRET.slice(6), 'url-token-123', receiver.url]) expect(collector.output()).not.toContain(secret);
    } finally {
      await collector.stop('SIGKILL');
      await receiver.close();
    }
  });
});
