import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, loadFixture, type Fixture } from './fixture';
import { T0 } from './seeded-events';
import type { StoredEvent } from './stored-rows';

const DAY = 86_400_000;
let fixture: Fixture;

beforeAll(async () => {
  fixture = await loadFixture(7, 120);
});
afterAll(() => fixture.t.database.client.close());

/** Revenue as CONTRACT §3 reads it, computed here without the collector's code. */
function revenueOf(row: StoredEvent): number {
  const p = row.properties ?? {};
  for (const value of [p['revenue'], p['total']]) {
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n === 'number' && Number.isFinite(n)) return n;
  }
  return 0;
}

function expectedCounts(rows: readonly StoredEvent[]) {
  const orders = rows.filter((row) => row.event === 'Order Completed');
  return {
    events: rows.length,
    visitors: new Set(rows.map((row) => fixture.personOf.get(row.id))).size,
    orders: orders.length,
    revenue: Math.round(orders.reduce((sum, row) => sum + revenueOf(row), 0) * 1e9) / 1e9,
  };
}

describe('GET /v1/query/overview', () => {
  it('counts events, visitors, orders and revenue per day and in total, bots left out', async () => {
    const from = T0 + 3 * DAY;
    const to = T0 + 15 * DAY;
    const offset = -300; // UTC−5: days start at 05:00Z
    const inRange = fixture.rows.filter((row) => !row.bot && row.timestamp >= from && row.timestamp < to);
    const { status, body } = await ask(fixture.t, 'GET', `/v1/query/overview?from=${new Date(from).toISOString()}&to=${to}&utcOffset=${offset}&top=5`);
    expect(status).toBe(200);
    expect(body.totals).toEqual(expectedCounts(inRange));

    const byDay = new Map<string, StoredEvent[]>();
    for (const row of inRange) {
      const day = new Date(row.timestamp + offset * 60_000).toISOString().slice(0, 10);
      byDay.set(day, [...(byDay.get(day) ?? []), row]);
    }
    const days = [...byDay.keys()].sort().map((day) => ({ day, ...expectedCounts(byDay.get(day)!) }));
    expect(body.days).toEqual(days);
    expect(days.length).toBeGreaterThan(8);

    const pages = new Map<string, StoredEvent[]>();
    for (const row of inRange) if (row.type === 'page' && row.pagePath) pages.set(row.pagePath, [...(pages.get(row.pagePath) ?? []), row]);
    const topPages = [...pages]
      .map(([path, views]) => ({ path, views: views.length, visitors: new Set(views.map((row) => fixture.personOf.get(row.id))).size }))
      .sort((a, b) => b.views - a.views || (a.path < b.path ? -1 : 1))
      .slice(0, 5);
    expect(body.topPages).toEqual(topPages);

    const named = new Map<string, number>();
    for (const row of inRange) if (row.type === 'track' && row.event) named.set(row.event, (named.get(row.event) ?? 0) + 1);
    const topEvents = [...named]
      .map(([event, count]) => ({ event, count }))
      .sort((a, b) => b.count - a.count || (a.event < b.event ? -1 : 1))
      .slice(0, 5);
    expect(body.topEvents).toEqual(topEvents);
  });

  it('answers 400 invalid_query for a bad offset and 403 to a write key', async () => {
    const bad = await ask(fixture.t, 'GET', '/v1/query/overview?utcOffset=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_query');
    expect(bad.body.error.message).toMatch(/^utcOffset: /);
    const writeKey = await ask(fixture.t, 'GET', '/v1/query/overview', undefined, 'dev_write_key');
    expect(writeKey.status).toBe(403);
  });
});

describe('GET /v1/people?search=', () => {
  it('finds a person by any of their ids, and by email in any case', async () => {
    const identify = fixture.rows.find((row) => row.type === 'identify' && row.userId === 'user-3') ?? fixture.rows.find((row) => row.type === 'identify')!;
    const person = fixture.personOf.get(identify.id);
    const theirs = fixture.rows.filter((row) => fixture.personOf.get(row.id) === person);
    const anonymousIds = [...new Set(theirs.map((row) => row.anonymousId).filter((id): id is string => !!id))].sort();
    const expected = {
      userIds: [identify.userId],
      anonymousIds,
      email: `${identify.userId}@example.com`,
      firstSeen: new Date(Math.min(...theirs.map((row) => row.timestamp))).toISOString(),
      lastSeen: new Date(Math.max(...theirs.map((row) => row.timestamp))).toISOString(),
      events: theirs.length,
    };
    for (const search of [identify.userId!, anonymousIds.at(-1)!, `${identify.userId!.toUpperCase()}@Example.COM`]) {
      const { status, body } = await ask(fixture.t, 'GET', `/v1/people?search=${encodeURIComponent(search)}`);
      expect(status).toBe(200);
      expect(body).toEqual({ people: [expected] });
    }
  });

  it('answers an empty list for an unknown id and 400 for an empty search', async () => {
    expect((await ask(fixture.t, 'GET', '/v1/people?search=nobody')).body).toEqual({ people: [] });
    const empty = await ask(fixture.t, 'GET', '/v1/people?search=%20');
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/^search: /);
  });
});
