import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../../collector/db/migrate';
import { createTestApp } from '../../helpers/test-app';
import { ask, loadFixture } from './fixture';
import { ingest } from './ingest-helpers';
import { T0 } from './seeded-events';
import type { StoredEvent } from './stored-rows';

const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

describe('POST /v1/query/paths', () => {
  it('lists top paths from a start event within sessions, with an "other" remainder', async () => {
    const t = await createTestApp();
    const visit = (id: string, start: number, steps: string[]) =>
      steps.map((event, i) => ({ type: 'track', messageId: `${id}-${start}-${i}`, anonymousId: id, event, timestamp: at(start + i) }));
    await ingest(t.app, [
      ...visit('a', 0, ['Home', 'Product Viewed', 'Product Added', 'Checkout Started']),
      ...visit('b', 0, ['Product Viewed', 'Product Added', 'Checkout Started']),
      ...visit('c', 0, ['Product Viewed', 'Home']),
      ...visit('c', 120, ['Product Viewed']), // a second session (2 h later)
      ...visit('d', 0, ['Home']),
    ]);
    const response = await ask(t, 'POST', '/v1/query/paths', { start: 'Product Viewed', depth: 3, limit: 1 });
    expect(response.body).toEqual({
      total: 4,
      paths: [{ steps: ['Product Viewed', 'Product Added', 'Checkout Started'], count: 2 }],
      other: 2,
    });
    const all = await ask(t, 'POST', '/v1/query/paths', { depth: 2, limit: 10 });
    expect(all.body.total).toBe(5);
    expect(all.body.paths.reduce((sum: number, p: { count: number }) => sum + p.count, 0) + all.body.other).toBe(5);
    expect((await ask(t, 'POST', '/v1/query/paths', { depth: 0 })).body.error.message).toMatch(/^depth/);
  });

  it('reconciles with the seeded data: every session with a step counted once', async () => {
    const f = await loadFixture(9, 60);
    const response = await ask(f.t, 'POST', '/v1/query/paths', { depth: 3, limit: 3 });
    // Sessions holding only identify calls have no step, so no path.
    const sessions = await f.t.database.client.execute(`select count(*) as n from sessions s where exists (select 1 from events e
      where e.person_id = s.person_id and e.timestamp between s.start and s."end" and e.bot = 0 and e.type in ('track', 'page'))`);
    expect(response.body.total).toBe(Number(sessions.rows[0]!['n']));
    expect(response.body.paths.reduce((sum: number, p: { count: number }) => sum + p.count, 0) + response.body.other).toBe(response.body.total);
  });
});

/** Top paths straight from the stored rows: the test's own session split (CONTRACT §3) and ranking. */
function expectedPaths(byPerson: Map<string, StoredEvent[]>, depth: number, limit: number, start?: string, from = -Infinity, to = Infinity) {
  const counts = new Map<string, number>();
  for (const events of byPerson.values()) {
    const sessions: StoredEvent[][] = [];
    for (const e of events) {
      const current = sessions.at(-1);
      const first = current?.[0];
      const last = current?.at(-1);
      const fresh = !current || !first || !last || e.timestamp - last.timestamp > 30 * 60_000 || e.timestamp - first.timestamp > 24 * 3_600_000
        || (e.campaignSource !== null && e.campaignSource !== first.campaignSource);
      if (fresh) sessions.push([e]);
      else current.push(e);
    }
    for (const session of sessions) {
      if (session[0]!.timestamp < from || session[0]!.timestamp >= to) continue;
      const steps = session
        .filter((e) => ['track', 'page', 'screen'].includes(e.type))
        .map((e) => (e.type === 'track' ? (e.event ?? '') : `page ${e.pagePath ?? ''}`));
      const begin = start === undefined ? (steps.length > 0 ? 0 : -1) : steps.indexOf(start);
      if (begin === -1) continue;
      const path = steps.slice(begin, begin + depth);
      if (path.length < depth) path.push('(end)');
      counts.set(JSON.stringify(path), (counts.get(JSON.stringify(path)) ?? 0) + 1);
    }
  }
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit);
  const listed = ranked.reduce((sum, [, n]) => sum + n, 0);
  return { total, paths: ranked.map(([key, count]) => ({ steps: JSON.parse(key), count })), other: total - listed };
}

describe('POST /v1/query/paths against the stored rows', () => {
  it('equals a plain computation over seeded traffic ingested out of order', async () => {
    const f = await loadFixture(11, 80);
    for (const [depth, limit, start] of [[3, 100, undefined], [4, 5, 'Product Viewed'], [1, 3, 'Order Completed'], [10, 100, 'Product Added']] as const) {
      const response = await ask(f.t, 'POST', '/v1/query/paths', { depth, limit, ...(start ? { start } : {}) });
      expect(response.body).toEqual(expectedPaths(f.byPerson, depth, limit, start));
    }
  });

  it('counts sessions over ranges of whole and partial days', async () => {
    const f = await loadFixture(13, 80);
    const HOUR = 3_600_000;
    const ranges = [[T0 + 36 * HOUR, T0 + 9 * 24 * HOUR + 6 * HOUR], [T0 + 50 * HOUR, T0 + 62 * HOUR], [T0 + 2 * 24 * HOUR, T0 + 5 * 24 * HOUR], [T0 + 47 * HOUR, T0 + 73 * HOUR]];
    for (const [from, to] of ranges) {
      const response = await ask(f.t, 'POST', '/v1/query/paths', { depth: 3, limit: 100, from: new Date(from!).toISOString(), to: new Date(to!).toISOString() });
      const expected = expectedPaths(f.byPerson, 3, 100, undefined, from, to);
      expect(expected.total).toBeGreaterThan(3);
      expect(response.body).toEqual(expected);
    }
  });

  it('keeps session_path_days equal to the sessions it counts, and migration 0009 fills it alike', async () => {
    const f = await loadFixture(14, 60);
    const client = f.t.database.client;
    const kept = async () => (await client.execute('select steps, day, sessions from session_path_days order by steps, day')).rows.map((row) => [row['steps'], row['day'], row['sessions']]);
    const counted = async () =>
      (await client.execute(`select steps, (start - ((start % 86400000) + 86400000) % 86400000) / 86400000 as day, count(*) as n
        from sessions where steps <> '' group by 1, 2 order by 1, 2`)).rows.map((row) => [row['steps'], row['day'], row['n']]);
    const expected = await counted();
    expect(expected.length).toBeGreaterThan(10);
    expect(await kept()).toEqual(expected);
    const person = (await client.execute('select anonymous_id from events where anonymous_id is not null limit 1')).rows[0]!['anonymous_id'];
    await ask(f.t, 'DELETE', `/v1/people/${String(person)}`, undefined, 'dev_admin_key');
    expect(await kept()).toEqual(await counted());
    const afterErasure = await kept();
    await client.execute('delete from session_path_days');
    const migration = readFileSync(join(migrationsFolder, '0009_session_path_days.sql'), 'utf8').split('--> statement-breakpoint');
    // The fill alone: the triggers' bodies hold inserts too.
    for (const statement of migration.filter((text) => /^\s*insert/i.test(text.replace(/^\s*--.*$/gm, '')))) await client.execute(statement);
    expect(await kept()).toEqual(afterErasure);
  });

  it('migration 0004 fills sessions.steps as ingest keeps them', async () => {
    const f = await loadFixture(12, 40);
    const client = f.t.database.client;
    const read = async () => (await client.execute('select id, steps from sessions order by id')).rows.map((row) => [row['id'], row['steps']]);
    const kept = await read();
    await client.execute(`update sessions set steps = ''`);
    const migration = readFileSync(join(migrationsFolder, '0004_session_steps.sql'), 'utf8').split('--> statement-breakpoint');
    const fill = migration.filter((statement) => !/^\s*(create table `step_labels`|create unique index|alter table|create index `sessions)/i.test(statement.replace(/^\s*--.*$/gm, '')));
    for (const statement of fill) await client.execute(statement);
    expect(await read()).toEqual(kept);
  });

  it('counts each event in one session where two sessions meet at the same millisecond', async () => {
    const t = await createTestApp();
    const ad = (source: string) => ({ campaign: { source } });
    await ingest(t.app, [
      { type: 'track', messageId: 'm1', anonymousId: 'a', event: 'Landed', timestamp: at(0), context: ad('mail') },
      { type: 'page', messageId: 'm2', anonymousId: 'a', properties: { path: '/shoes' }, timestamp: at(10) },
      // Same millisecond, another source: a new session starts at 10 min.
      { type: 'track', messageId: 'm3', anonymousId: 'a', event: 'Product Viewed', timestamp: at(10), context: ad('ads') },
      { type: 'track', messageId: 'm4', anonymousId: 'a', event: 'Product Added', timestamp: at(11) },
    ]);
    // A late event of the first session reshapes only that session.
    await ingest(t.app, [{ type: 'track', messageId: 'm0', anonymousId: 'a', event: 'Opened', timestamp: at(-5), context: ad('mail') }]);
    const response = await ask(t, 'POST', '/v1/query/paths', { depth: 3, limit: 10 });
    expect(response.body).toEqual({
      total: 2,
      paths: [
        { steps: ['Opened', 'Landed', 'page /shoes'], count: 1 },
        { steps: ['Product Viewed', 'Product Added', '(end)'], count: 1 },
      ],
      other: 0,
    });
    expect((await ask(t, 'POST', '/v1/query/paths', { start: 'Never Seen', depth: 2 })).body).toEqual({ total: 0, paths: [], other: 0 });
  });
});

describe('POST /v1/query/retention', () => {
  it('counts weekly cohorts by first event, "on" each later week by default', async () => {
    const t = await createTestApp();
    const WEEK = 7 * 24 * 60;
    const seen = (id: string, minutes: number[]) => minutes.map((m, i) => ({ type: 'track', messageId: `${id}${i}`, anonymousId: id, event: 'Visit', timestamp: at(m) }));
    await ingest(t.app, [...seen('a', [0, WEEK + 1, 2 * WEEK + 1]), ...seen('b', [5, 2 * WEEK + 5]), ...seen('c', [WEEK + 10])]);
    const body = { from: at(0), to: at(3 * WEEK), period: 'week' };
    const on = await ask(t, 'POST', '/v1/query/retention', body);
    expect(on.body.cohorts.map((c: any) => [c.size, c.retained])).toEqual([
      [2, [2, 1, 2]],
      [1, [1, 0]],
      [0, [0]],
    ]);
    const after = await ask(t, 'POST', '/v1/query/retention', { ...body, mode: 'on_or_after' });
    expect(after.body.cohorts[0].retained).toEqual([2, 2, 2]);
    expect((await ask(t, 'POST', '/v1/query/retention', { from: 'soon' })).body.error.message).toMatch(/^from/);
  });
});
