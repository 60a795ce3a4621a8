import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../helpers/test-app';
import { ask, loadFixture } from './fixture';
import { ingest } from './ingest-helpers';
import { T0 } from './seeded-events';

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
