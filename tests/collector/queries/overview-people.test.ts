import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshOverviewRollups } from '../../../collector/rollups/overview-rollup';
import { ask, loadFixture, type Fixture } from './fixture';
import { T0 } from './seeded-events';
import { ingest } from './ingest-helpers';
import { expectedPersons, storedEvents, type StoredEvent } from './stored-rows';

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

/** The overview computed straight from stored rows, with persons from the test's own union-find. */
function expectedOverview(rows: readonly StoredEvent[], personOf: Map<number, string>, from: number, to: number, offset: number, top: number) {
  const inRange = rows.filter((row) => !row.bot && row.timestamp >= from && row.timestamp < to);
  const counts = (some: readonly StoredEvent[]) => {
    const orders = some.filter((row) => row.event === 'Order Completed');
    return {
      events: some.length,
      visitors: new Set(some.map((row) => personOf.get(row.id))).size,
      orders: orders.length,
      revenue: Math.round(orders.reduce((sum, row) => sum + revenueOf(row), 0) * 1e9) / 1e9,
    };
  };
  const byDay = new Map<string, StoredEvent[]>();
  for (const row of inRange) {
    const day = new Date(row.timestamp + offset * 60_000).toISOString().slice(0, 10);
    byDay.set(day, [...(byDay.get(day) ?? []), row]);
  }
  const tally = (names: Array<string | null>) => {
    const counted = new Map<string, number>();
    for (const name of names) if (name) counted.set(name, (counted.get(name) ?? 0) + 1);
    return [...counted].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, top);
  };
  return {
    totals: counts(inRange),
    days: [...byDay.keys()].sort().map((day) => ({ day, ...counts(byDay.get(day)!) })),
    topPages: tally(inRange.filter((row) => row.type === 'page').map((row) => row.pagePath)).map(([path, views]) => ({ path, views })),
    topEvents: tally(inRange.filter((row) => row.type === 'track').map((row) => row.event)).map(([event, count]) => ({ event, count })),
  };
}

async function askOverview(from: number, to: number, offset: number, top: number) {
  const { status, body } = await ask(fixture.t, 'GET', `/v1/query/overview?from=${new Date(from).toISOString()}&to=${to}&utcOffset=${offset}&top=${top}`);
  expect(status).toBe(200);
  return body;
}

describe('GET /v1/query/overview', () => {
  it('counts events, visitors, orders and revenue per day and in total, bots left out', async () => {
    const from = T0 + 3 * DAY;
    const to = T0 + 15 * DAY;
    const offset = -300; // UTC−5: days start at 05:00Z
    const expected = expectedOverview(fixture.rows, fixture.personOf, from, to, offset, 5);
    expect(await askOverview(from, to, offset, 5)).toEqual(expected);
    expect(expected.days.length).toBeGreaterThan(8);
    expect(expected.totals.orders).toBeGreaterThan(5);
    // Asked again: the rollups hold each event once.
    expect(await askOverview(from, to, offset, 5)).toEqual(expected);
  });

  it('is exact for a range that does not start or end on a quarter hour, at a half-hour offset', async () => {
    const from = T0 + 2 * DAY + 7 * 60_000 + 123;
    const to = T0 + 19 * DAY + 11 * 60_000;
    expect(await askOverview(from, to, 330, 10)).toEqual(expectedOverview(fixture.rows, fixture.personOf, from, to, 330, 10));
  });

  it('stays exact when counted persons merge, new events arrive, and a person is erased', async () => {
    const range = [T0, T0 + 40 * DAY] as const;
    await askOverview(...range, 0, 10); // everything stored so far is counted now
    const rows = fixture.rows.filter((row) => !row.bot && row.anonymousId);
    const [a, b] = [rows[0]!, rows.find((row) => fixture.personOf.get(row.id) !== fixture.personOf.get(rows[0]!.id))!];
    await ingest(fixture.t.app, [
      { type: 'identify', messageId: 'merge-1', anonymousId: a.anonymousId!, userId: 'merged-customer', timestamp: new Date(T0 + 5 * DAY).toISOString() },
      { type: 'identify', messageId: 'merge-2', anonymousId: b.anonymousId!, userId: 'merged-customer', timestamp: new Date(T0 + 6 * DAY).toISOString() },
      { type: 'track', messageId: 'late-order', userId: 'merged-customer', event: 'Order Completed', properties: { revenue: 12.25 }, timestamp: new Date(T0 + 6 * DAY).toISOString() },
    ]);
    let stored = await storedEvents(fixture.t.database.client);
    const merged = expectedPersons(stored);
    expect(merged.get(stored.find((row) => row.anonymousId === a.anonymousId)!.id)).toBe(merged.get(stored.find((row) => row.anonymousId === b.anonymousId)!.id));
    expect(await askOverview(...range, 0, 10)).toEqual(expectedOverview(stored, merged, ...range, 0, 10));

    const erased = await ask(fixture.t, 'DELETE', '/v1/people/merged-customer', undefined, 'dev_admin_key');
    expect(erased.status).toBe(200);
    stored = await storedEvents(fixture.t.database.client);
    expect(stored.some((row) => row.userId === 'merged-customer' || row.anonymousId === a.anonymousId)).toBe(false);
    expect(await askOverview(...range, 0, 10)).toEqual(expectedOverview(stored, expectedPersons(stored), ...range, 0, 10));
  });

  it('counts a backlog in chunks of ids to the same answer', async () => {
    const other = await loadFixture(8, 40);
    try {
      await refreshOverviewRollups(other.t.database.db, 37);
      const [cursor] = (await other.t.database.client.execute('select last_event_id from overview_cursor')).rows;
      expect(Number(cursor!['last_event_id'])).toBe(Math.max(...other.rows.map((row) => row.id)));
      const range = [T0, T0 + 40 * DAY] as const;
      const { body } = await ask(other.t, 'GET', `/v1/query/overview?from=${range[0]}&to=${range[1]}&top=10`);
      expect(body).toEqual(expectedOverview(other.rows, other.personOf, ...range, 0, 10));
    } finally {
      other.t.database.client.close();
    }
  });

  it('answers 400 invalid_query for a bad offset and 403 to a write key', async () => {
    for (const offset of ['abc', '7']) {
      const bad = await ask(fixture.t, 'GET', `/v1/query/overview?utcOffset=${offset}`);
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('invalid_query');
      expect(bad.body.error.message).toMatch(/^utcOffset: /);
    }
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
