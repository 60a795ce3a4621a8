import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../../collector/db/migrate';
import { scanAbandonedCarts } from '../../../collector/signals/scan-carts';
import { basicAuth, createTestApp, postJson } from '../../helpers/test-app';
import { ask, loadFixture, type Fixture } from './fixture';
import { ingest } from './ingest-helpers';
import { T0 } from './seeded-events';
import type { StoredEvent } from './stored-rows';

const DAY = 86_400_000;

function plainSessions(events: StoredEvent[]): string[][] {
  const out: { start: number; end: number; source: string | null; ids: string[] }[] = [];
  for (const e of events) {
    const last = out[out.length - 1];
    if (!last || e.timestamp - last.end > 30 * 60_000 || e.timestamp - last.start > DAY || (e.campaignSource !== null && e.campaignSource !== last.source)) {
      out.push({ start: e.timestamp, end: e.timestamp, source: e.campaignSource, ids: [String(e.id)] });
    } else {
      last.end = e.timestamp;
      last.ids.push(String(e.id));
    }
  }
  return out.map((s) => s.ids);
}

describe('journey, abandoned carts and erasure', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await loadFixture(3, 120);
  });

  it('journey: every device of the person, split into sessions as written in the contract', async () => {
    const twoDevice = [...f.byPerson.values()].filter((events) => new Set(events.map((e) => e.anonymousId).filter(Boolean)).size === 2);
    expect(twoDevice.length).toBeGreaterThan(3);
    for (const events of twoDevice.slice(0, 8)) {
      const anyId = events.find((e) => e.anonymousId)!.anonymousId!;
      const response = await ask(f.t, 'GET', `/v1/people/${anyId}/journey`);
      expect(response.status).toBe(200);
      const expectedIds = plainSessions(events);
      const byMessage = await f.t.database.client.execute('select id, message_id from events');
      const idOfMessage = new Map(byMessage.rows.map((row) => [String(row['message_id']), String(row['id'])]));
      expect(response.body.sessions.map((s: any) => s.events.map((e: any) => idOfMessage.get(e.messageId)))).toEqual(expectedIds);
      expect([...response.body.person.anonymousIds].sort()).toEqual([...new Set(events.map((e) => e.anonymousId).filter(Boolean))].sort());
      expect(response.body.person.userIds).toEqual([...new Set(events.map((e) => e.userId).filter(Boolean))]);
    }
    expect((await ask(f.t, 'GET', '/v1/people/nobody/journey')).status).toBe(404);
  });

  /** CONTRACT §3 abandoned carts written out plainly, by (time, sorted anonymous ids). */
  function expectedCarts(from: number, to: number, idle: number) {
    const expected: { at: number; key: string; products: Record<string, number>; value: number }[] = [];
    for (const events of f.byPerson.values()) {
      const activity = events.filter((e) => ['Product Added', 'Cart Viewed', 'Checkout Started'].includes(e.event ?? '') && e.timestamp >= from && e.timestamp < to);
      if (activity.length === 0) continue;
      const at = activity[activity.length - 1]!.timestamp;
      if (events.some((e) => e.event === 'Order Completed' && e.timestamp >= at && e.timestamp <= at + idle)) continue;
      const orders = events.filter((e) => e.event === 'Order Completed' && e.timestamp < at);
      const since = orders.length ? orders[orders.length - 1]!.timestamp : -Infinity;
      const cart: Record<string, { quantity: number; price: number }> = {};
      for (const e of events) {
        if (e.timestamp <= since || e.timestamp > at) continue;
        const id = e.properties?.['product_id'] as string;
        if (e.event === 'Product Added') cart[id] = { quantity: (cart[id]?.quantity ?? 0) + (e.properties!['quantity'] as number), price: e.properties!['price'] as number };
        if (e.event === 'Product Removed') cart[id] = { quantity: (cart[id]?.quantity ?? 0) - (e.properties!['quantity'] as number), price: cart[id]?.price ?? (e.properties!['price'] as number) };
      }
      const products = Object.fromEntries(Object.entries(cart).filter(([, p]) => p.quantity > 0).map(([id, p]) => [id, p.quantity]));
      const value = Object.values(cart).filter((p) => p.quantity > 0).reduce((sum, p) => sum + p.price * p.quantity, 0);
      expected.push({ at, key: [...new Set(events.map((e) => e.anonymousId).filter(Boolean))].sort().join(','), products, value: Math.round(value * 1e9) / 1e9 });
    }
    return expected;
  }

  const cartsPath = (from: number, to: number) => `/v1/query/abandoned-carts?idle=24h&from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`;

  // The first range ends before much of the traffic (those persons are replayed from
  // their events), the second holds all of it (read from cart_states).
  for (const [label, from, to] of [['part of the traffic', T0 + DAY, T0 + 20 * DAY], ['all of the traffic', T0 - DAY, T0 + 60 * DAY]] as const) {
    it(`abandoned carts: matches the plain computation over ${label}`, async () => {
      const response = await ask(f.t, 'GET', cartsPath(from, to));
      expect(response.status).toBe(200);
      const actual = response.body.carts.map((cart: any) => ({
        at: Date.parse(cart.lastActivity),
        key: [...cart.anonymousIds].sort().join(','),
        products: Object.fromEntries(cart.products.map((p: any) => [p.productId, p.quantity])),
        value: cart.value,
      }));
      const sortKey = (a: { at: number; key: string }, b: { at: number; key: string }) => a.at - b.at || (a.key < b.key ? -1 : 1);
      const expected = expectedCarts(from, to, DAY);
      expect(expected.length).toBeGreaterThan(3);
      expect(actual.sort(sortKey)).toEqual(expected.sort(sortKey));
    });
  }

  it('abandoned carts: migrations 0008 and 0010 fill cart_states that answer as ingest keeps them', async () => {
    const ranges = [[T0 + DAY, T0 + 20 * DAY], [T0 - DAY, T0 + 60 * DAY]] as const;
    const answers = () => Promise.all(ranges.map(async ([from, to]) => (await ask(f.t, 'GET', cartsPath(from, to))).body));
    const kept = await answers();
    const client = f.t.database.client;
    const read = async () =>
      (await client.execute('select last_activity, person_id, next_order from cart_states order by 1, 2')).rows.map((row) => [row['last_activity'], row['person_id'], row['next_order']]);
    const states = await read();
    await client.execute('drop table cart_states');
    for (const file of ['0008_cart_states.sql', '0010_cart_first_id.sql']) {
      for (const statement of readFileSync(join(migrationsFolder, file), 'utf8').split('--> statement-breakpoint')) await client.execute(statement);
    }
    expect(await read()).toEqual(states);
    expect((await client.execute('select count(*) as n from cart_states where cart is not null')).rows[0]!['n']).toBe(0);
    expect(await answers()).toEqual(kept);
    // The next batch of a person writes their whole state again.
    await ingest(f.t.app, [{ type: 'track', messageId: 'late-view', anonymousId: 'cart-late', event: 'Cart Viewed', timestamp: new Date(T0).toISOString() }]);
    expect((await client.execute('select count(*) as n from cart_states where cart is not null')).rows[0]!['n']).toBe(1);
  });

  it('erasure: removes the person everywhere, quarantine included, and only with an admin key', async () => {
    const [events] = [...f.byPerson.values()].filter((list) => new Set(list.map((e) => e.anonymousId).filter(Boolean)).size === 2 && list.some((e) => e.userId));
    const ids = [...new Set(events!.flatMap((e) => [e.anonymousId, e.userId]).filter((id): id is string => !!id))];
    const bad = await postJson(f.t.app, '/v1/batch', { batch: [{ type: 'track', anonymousId: ids[0], messageId: 'q1' }] }, { authorization: basicAuth('dev_write_key') });
    expect(bad.body.rejected).toHaveLength(1);
    expect((await ask(f.t, 'DELETE', `/v1/people/${ids[0]}`)).status).toBe(403);
    expect((await ask(f.t, 'DELETE', `/v1/people/${ids[0]}`, undefined, 'dev_write_key')).status).toBe(403);
    const stored = f.rows.filter((row) => f.personOf.get(row.id) === f.personOf.get(events![0]!.id)).length;
    // Their cart is kept with their ids in it: erasure must remove it too.
    // After all of the fixture's traffic, so that it is their latest cart activity, idle
    // an hour later: its abandoned-cart signal and webhook delivery hold their ids too.
    const cartAt = T0 + 100 * DAY;
    await ingest(f.t.app, [{ type: 'track', messageId: 'erased-cart', anonymousId: ids[0], event: 'Product Added', properties: { product_id: 'p1', price: 3 }, timestamp: new Date(cartAt).toISOString() }]);
    expect(await scanAbandonedCarts(f.t.database.db, { idleMs: 3_600_000, now: cartAt + 3_600_000, webhook: true })).toHaveLength(1);
    const carts = async () => (await f.t.database.client.execute('select cart from cart_states')).rows.map((row) => String(row['cart'])).join('\n');
    const before = await carts();
    expect(ids.every((id) => before.includes(`"${id}"`))).toBe(true);
    const client = f.t.database.client;
    const personId = (await client.execute({ sql: 'select person_id from identities where value = ?', args: [ids[0]!] })).rows[0]!['person_id'];
    const timesOf = async () => (await client.execute({ sql: 'select count(*) as n from event_times where person_id = ?', args: [personId!] })).rows[0]!['n'];
    expect(await timesOf()).toBeGreaterThan(0);
    const erased = await ask(f.t, 'DELETE', `/v1/people/${ids[0]}`, undefined, 'dev_admin_key');
    expect(await timesOf()).toBe(0);
    expect(erased.body).toEqual({ success: true, deletedEvents: stored + 1 });
    for (const id of ids) expect((await ask(f.t, 'GET', `/v1/people/${id}/journey`)).status).toBe(404);
    const exported = await ask(f.t, 'GET', '/v1/export?format=ndjson');
    const dump: string[] = [exported.text];
    expect((await client.execute('select count(*) as n from webhook_deliveries')).rows[0]!['n']).toBe(0);
    for (const table of ['events', 'identities', 'persons', 'sessions', 'cart_states', 'event_times', 'quarantine', 'cart_signals', 'webhook_deliveries']) {
      dump.push(JSON.stringify((await f.t.database.client.execute(`select * from ${table}`)).rows));
    }
    for (const id of ids) for (const text of dump) expect(text.includes(`"${id}"`)).toBe(false);
    for (const id of ids) expect((await carts()).includes(`"${id}"`)).toBe(false);
  });
});

describe('GET /v1/export', () => {
  it('streams every stored event with its stored time and person, as NDJSON or CSV', async () => {
    const f = await loadFixture(5, 30);
    const ndjson = await ask(f.t, 'GET', '/v1/export');
    expect(ndjson.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = ndjson.text.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(f.rows.length);
    const byId = new Map(f.rows.map((row) => [row.id, row]));
    for (const line of lines) {
      expect(Date.parse(line.timestamp)).toBe(byId.get(line.id)!.timestamp);
      expect(line.personId).toBe(byId.get(line.id)!.personId);
      expect(line.writeKey).toBeUndefined();
    }
    const csv = await ask(f.t, 'GET', `/v1/export?format=csv&from=${new Date(T0 + 5 * DAY).toISOString()}&to=${new Date(T0 + 9 * DAY).toISOString()}`);
    const expected = f.rows.filter((row) => row.timestamp >= T0 + 5 * DAY && row.timestamp < T0 + 9 * DAY).length;
    expect(csv.text.split('\n')[0]).toMatch(/^id,personId,messageId/);
    // JSON.stringify escapes newlines, so one line is one event.
    expect(csv.text.trim().split('\n').length - 1).toBe(expected);
    expect((await ask(f.t, 'GET', '/v1/export?format=xml')).body.error.message).toMatch(/^format/);
  });
});

describe('abandoned carts at the edges', () => {
  it('keeps a cart up to date when its person gains an id or merges with another device', async () => {
    const t = await createTestApp();
    const at = (ms: number) => new Date(T0 + ms).toISOString();
    const add = (anonymousId: string, ms: number, productId: string) => ({
      type: 'track', messageId: `${anonymousId}-${ms}`, anonymousId, event: 'Product Added', timestamp: at(ms), properties: { product_id: productId, price: 2 },
    });
    const cartsNow = async () => (await ask(t, 'GET', `/v1/query/abandoned-carts?from=${at(0)}&to=${at(DAY)}`)).body.carts;
    await ingest(t.app, [add('laptop', 0, 'a'), add('phone', 60_000, 'b')]);
    await ingest(t.app, [{ type: 'identify', messageId: 'id-laptop', anonymousId: 'laptop', userId: 'jane', timestamp: at(120_000) }]);
    expect(await cartsNow()).toEqual([
      { userIds: ['jane'], anonymousIds: ['laptop'], lastActivity: at(0), products: [{ productId: 'a', name: null, price: 2, quantity: 1 }], value: 2 },
      { userIds: [], anonymousIds: ['phone'], lastActivity: at(60_000), products: [{ productId: 'b', name: null, price: 2, quantity: 1 }], value: 2 },
    ]);
    await ingest(t.app, [{ type: 'identify', messageId: 'id-phone', anonymousId: 'phone', userId: 'jane', timestamp: at(180_000) }]);
    expect(await cartsNow()).toEqual([
      {
        userIds: ['jane'], anonymousIds: ['laptop', 'phone'], lastActivity: at(60_000),
        products: [{ productId: 'a', name: null, price: 2, quantity: 1 }, { productId: 'b', name: null, price: 2, quantity: 1 }], value: 4,
      },
    ]);
  });

  it('counts an order at the same millisecond or exactly idle later, and empties the cart at the last order', async () => {
    const t = await createTestApp();
    const at = (ms: number) => new Date(T0 + ms).toISOString();
    const add = (id: string, ms: number, product: Record<string, unknown>) => ({ type: 'track', messageId: `${id}-${ms}-add`, anonymousId: id, event: 'Product Added', timestamp: at(ms), properties: product });
    const order = (id: string, ms: number) => ({ type: 'track', messageId: `${id}-${ms}-order`, anonymousId: id, event: 'Order Completed', timestamp: at(ms) });
    await ingest(t.app, [
      add('sameMs', 0, { product_id: 'a', price: 1 }),
      order('sameMs', 0),
      add('idleLater', 0, { product_id: 'a', price: 1 }),
      order('idleLater', DAY),
      add('idleAndOne', 0, { product_id: 'a', price: 2, quantity: 3 }),
      order('idleAndOne', DAY + 1),
      order('afterOrder', 10),
      add('afterOrder', 10, { product_id: 'in-order', price: 7 }),
      add('afterOrder', 20, { sku: 'kept', name: 'Kept', price: 5 }),
      { type: 'track', messageId: 'viewer', anonymousId: 'viewer', event: 'Cart Viewed', timestamp: at(30) },
    ]);
    const response = await ask(t, 'GET', `/v1/query/abandoned-carts?idle=24h&from=${at(0)}&to=${at(DAY)}`);
    expect(response.body.carts).toEqual([
      { userIds: [], anonymousIds: ['idleAndOne'], lastActivity: at(0), products: [{ productId: 'a', name: null, price: 2, quantity: 3 }], value: 6 },
      { userIds: [], anonymousIds: ['afterOrder'], lastActivity: at(20), products: [{ productId: 'kept', name: 'Kept', price: 5, quantity: 1 }], value: 5 },
      { userIds: [], anonymousIds: ['viewer'], lastActivity: at(30), products: [], value: 0 },
    ]);
  });
});
