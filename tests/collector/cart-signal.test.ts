import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../collector/config/load-config';
import { openDatabase, type DatabaseHandle } from '../../collector/db/open-database';
import { startCollector } from '../../collector/node/start-collector';
import { scanAbandonedCarts } from '../../collector/signals/scan-carts';
import { fileApp, type FileApp } from './live-file-app';
import { openSse } from './live-sse-client';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-20T10:00:00.000Z');
const keys = loadConfig({}).keys;
const at = (ms: number) => new Date(ms).toISOString();
const added = (messageId: string, anonymousId: string, time: number, product: string, price: number, quantity = 1) => ({
  type: 'track', messageId, anonymousId, event: 'Product Added', timestamp: at(time), properties: { product_id: product, name: `Product ${product}`, price, quantity },
});
const viewed = (messageId: string, anonymousId: string, time: number) => ({ type: 'track', messageId, anonymousId, event: 'Cart Viewed', timestamp: at(time) });
const ordered = (messageId: string, anonymousId: string, time: number) => ({ type: 'track', messageId, anonymousId, event: 'Order Completed', timestamp: at(time), properties: { total: 1 } });

describe('the abandoned-cart signal on a libSQL file', () => {
  let t: FileApp;
  let url: string;
  let database: DatabaseHandle;
  let app: FileApp['app'];
  beforeAll(async () => {
    t = await fileApp();
    ({ url, database, app } = t);
  });
  afterAll(() => t.close());

  const ingest = async (batch: Record<string, unknown>[]) => expect(await t.ingest(batch)).toBe(batch.length);
  const scan = (now: number, db = database.db) => scanAbandonedCarts(db, { idleMs: HOUR, now, webhook: true });
  const signalsOf = async (anonymousId: string) =>
    (await database.client.execute('select id, cart_id, cart, created_at from cart_signals order by id')).rows
      .map((row) => ({ id: Number(row['id']), cartId: String(row['cart_id']), cart: JSON.parse(String(row['cart'])), createdAt: Number(row['created_at']) }))
      .filter((signal) => signal.cart.anonymousIds.includes(anonymousId));

  it('signals a cart once it is idle, with the cart the query lists, exactly once across scans, restarts and two processes', async () => {
    await ingest([
      added('a1', 'anon-a', T0, 'p1', 10, 2),
      added('a2', 'anon-a', T0 + 60_000, 'p2', 5.5),
      { ...added('a3', 'anon-a', T0 + 90_000, 'p1', 10), event: 'Product Removed' },
      // A removal is not cart activity (CONTRACT §3); viewing the cart is.
      viewed('a4', 'anon-a', T0 + 120_000),
    ]);
    const last = T0 + 120_000;
    expect(await scan(last + HOUR - 1)).toEqual([]);
    const [id] = await scan(last + HOUR);
    expect(id).toBeTypeOf('number');
    const signals = await signalsOf('anon-a');
    expect(signals.map((s) => [s.id, s.createdAt])).toEqual([[id, last + HOUR]]);
    expect(signals[0]!.cart).toEqual({
      userIds: [],
      anonymousIds: ['anon-a'],
      lastActivity: at(last),
      products: [
        { productId: 'p1', name: 'Product p1', price: 10, quantity: 1 },
        { productId: 'p2', name: 'Product p2', price: 5.5, quantity: 1 },
      ],
      value: 15.5,
    });
    // The same cart as GET /v1/query/abandoned-carts lists it.
    const listed = await app.request(`/v1/query/abandoned-carts?idle=1h&from=${at(T0)}&to=${at(T0 + HOUR)}`, { headers: { authorization: 'Bearer dev_read_key' } });
    expect((await listed.json()).carts.filter((c: { anonymousIds: string[] }) => c.anonymousIds.includes('anon-a'))).toEqual([signals[0]!.cart]);
    expect(await scan(last + 2 * HOUR)).toEqual([]);
    // A restart: a new connection and app over the same file.
    const again = await openDatabase({ url });
    expect(await scan(last + 3 * HOUR, again.db)).toEqual([]);
    // Two processes scanning a new cart at the same moment: one signal between them.
    await ingest([added('b1', 'anon-b', T0, 'p3', 1)]);
    const both = await Promise.all([scan(T0 + 2 * HOUR), scan(T0 + 2 * HOUR, again.db)]);
    again.client.close();
    expect(both.flat()).toHaveLength(1);
    expect(await signalsOf('anon-b')).toHaveLength(1);
    expect(await signalsOf('anon-a')).toHaveLength(1);
    // One webhook delivery per signal.
    const deliveries = await database.client.execute('select signal_id, status, attempts from webhook_deliveries order by signal_id');
    expect(deliveries.rows.map((row) => [row['status'], row['attempts']])).toEqual([['pending', 0], ['pending', 0]]);
  });

  it('does not signal a cart an order follows, an empty cart, or one idle for over a day when first seen', async () => {
    await ingest([added('c1', 'anon-c', T0, 'p1', 3), ordered('c2', 'anon-c', T0 + 10 * 60_000)]);
    await ingest([added('d1', 'anon-d', T0, 'p1', 3), { ...added('d2', 'anon-d', T0 + 1000, 'p1', 3), event: 'Product Removed' }, viewed('d3', 'anon-d', T0 + 2000)]);
    await ingest([added('e1', 'anon-e', T0 - 26 * HOUR, 'p1', 3)]);
    await scan(T0 + 5 * HOUR);
    expect([await signalsOf('anon-c'), await signalsOf('anon-d'), await signalsOf('anon-e')]).toEqual([[], [], []]);
  });

  it('a cart that grows after its signal is the same cart; after an order the next cart is signalled', async () => {
    await ingest([added('f1', 'anon-f', T0, 'p1', 3)]);
    await scan(T0 + HOUR);
    await ingest([added('f2', 'anon-f', T0 + 2 * HOUR, 'p2', 4)]);
    expect(await scan(T0 + 4 * HOUR)).toEqual([]);
    await ingest([ordered('f3', 'anon-f', T0 + 5 * HOUR), added('f4', 'anon-f', T0 + 6 * HOUR, 'p9', 7)]);
    expect(await scan(T0 + 7 * HOUR)).toHaveLength(1);
    const signals = await signalsOf('anon-f');
    expect(signals.map((s) => s.cart.products.map((p: { productId: string }) => p.productId))).toEqual([['p1'], ['p9']]);
    expect(new Set(signals.map((s) => s.cartId)).size).toBe(2);
  });

  it('a merge does not make a signalled cart new again', async () => {
    // Device 1's cart is signalled while anonymous.
    await ingest([added('g1', 'anon-g1', T0, 'p1', 3)]);
    expect(await scan(T0 + HOUR)).toHaveLength(1);
    // Device 2 logs in as the same user, then device 1 does too: one person, one cart since no order.
    await ingest([{ type: 'identify', messageId: 'g2', anonymousId: 'anon-g2', userId: 'user-g', timestamp: at(T0 + 90 * 60_000) }]);
    await ingest([{ type: 'identify', messageId: 'g3', anonymousId: 'anon-g1', userId: 'user-g', timestamp: at(T0 + 100 * 60_000) }]);
    await ingest([added('g4', 'anon-g2', T0 + 2 * HOUR, 'p2', 1)]);
    expect(await scan(T0 + 4 * HOUR)).toEqual([]);
    expect(await signalsOf('anon-g1')).toHaveLength(1);
  });

  it('erasure removes the person\'s signals and webhook deliveries', async () => {
    await ingest([added('h1', 'anon-h', T0, 'p1', 3), { type: 'identify', messageId: 'h2', anonymousId: 'anon-h', userId: 'user-h', timestamp: at(T0) }]);
    await scan(T0 + HOUR);
    const [signal] = await signalsOf('anon-h');
    expect(signal!.cart.userIds).toEqual(['user-h']);
    const others = (await database.client.execute('select count(*) as n from cart_signals')).rows[0]!['n'] as number;
    const erased = await app.request('/v1/people/user-h', { method: 'DELETE', headers: { authorization: 'Bearer dev_admin_key' } });
    expect(erased.status).toBe(200);
    const signals = await database.client.execute('select * from cart_signals');
    const deliveries = await database.client.execute('select * from webhook_deliveries');
    expect(signals.rows).toHaveLength(others - 1);
    expect(deliveries.rows.map((row) => row['signal_id'])).not.toContain(signal!.id);
    const dump = JSON.stringify([signals.rows, deliveries.rows]);
    for (const id of ['anon-h', 'user-h']) expect(dump.includes(id)).toBe(false);
  });

  it('streams each signal on GET /v1/live/abandoned-carts, resumable by Last-Event-ID', async () => {
    const collector = await startCollector({
      port: 0, databaseUrl: url, keys, log: () => undefined,
      signals: { cartIdleMs: 300, intervalMs: 100 },
      live: { pollMs: 60_000 },
    });
    try {
      const stream = await openSse(`${collector.url}/v1/live/abandoned-carts`, { authorization: 'Bearer dev_read_key' });
      const response = await fetch(`${collector.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ writeKey: 'dev_write_key', batch: [added('live-1', 'anon-live', Date.now(), 'p7', 12, 3)] }) });
      expect(response.status).toBe(200);
      const [message] = await stream.waitFor(1, 5000);
      const [stored] = await signalsOf('anon-live');
      expect(message!.event).toBe('abandoned_cart');
      expect(message!.id).toBe(String(stored!.id));
      expect(JSON.parse(message!.data)).toEqual({ id: stored!.id, cartId: stored!.cartId, createdAt: at(stored!.createdAt), cart: stored!.cart });
      expect(stored!.cart.products).toEqual([{ productId: 'p7', name: 'Product p7', price: 12, quantity: 3 }]);
      // Resuming from before it sends it again; from it, nothing.
      const replay = await openSse(`${collector.url}/v1/live/abandoned-carts`, { authorization: 'Bearer dev_read_key', 'last-event-id': String(stored!.id - 1) });
      const current = await openSse(`${collector.url}/v1/live/abandoned-carts?since=${stored!.id}`, { authorization: 'Bearer dev_read_key' });
      expect((await replay.waitFor(1, 3000)).map((m) => m.data)).toEqual([message!.data]);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect([stream.messages.length, replay.messages.length, current.messages.length]).toEqual([1, 1, 0]);
    } finally {
      await collector.close();
    }
  });
});
