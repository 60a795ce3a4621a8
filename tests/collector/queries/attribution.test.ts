import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../../collector/db/migrate';
import { createTestApp } from '../../helpers/test-app';
import { ingest } from './ingest-helpers';
import { ask, loadFixture, type Fixture } from './fixture';
import { T0 } from './seeded-events';

const DAY = 86_400_000;
const MODELS = ['first_touch', 'last_touch', 'last_non_direct', 'linear', 'position_based', 'time_decay'] as const;

/** CONTRACT §3 attribution written out plainly. */
function expectedAttribution(f: Fixture, model: (typeof MODELS)[number], lookback: number, by: string, from: number, to: number) {
  const totals = new Map<string, { conversions: number; revenue: number }>();
  const conversions = [...f.byPerson.values()]
    .flat()
    .filter((e) => e.event === 'Order Completed' && e.timestamp >= from && e.timestamp < to)
    .sort((a, b) => a.personId - b.personId || a.timestamp - b.timestamp || a.id - b.id);
  for (const conversion of conversions) {
    const person = f.byPerson.get(f.personOf.get(conversion.id)!)!;
    const touches = person.filter((e) => e.campaignSource !== null && e.timestamp <= conversion.timestamp && e.timestamp >= conversion.timestamp - lookback);
    const keyOf = (e: (typeof touches)[number]) =>
      by === 'source' ? e.campaignSource! : by === 'campaign' ? (e.campaignName ?? '(none)') : `${e.campaignSource} / ${e.campaignMedium ?? '(none)'}`;
    const revenue = typeof conversion.properties?.['revenue'] === 'number' ? (conversion.properties['revenue'] as number) : typeof conversion.properties?.['total'] === 'number' ? (conversion.properties['total'] as number) : 0;
    const credit: [string, number][] = [];
    const n = touches.length;
    if (model === 'last_non_direct') {
      const nonDirect = touches.filter((e) => e.campaignSource !== 'direct');
      credit.push([nonDirect.length ? keyOf(nonDirect[nonDirect.length - 1]!) : '(direct)', 1]);
    } else if (n === 0) credit.push(['(direct)', 1]);
    else if (model === 'first_touch') credit.push([keyOf(touches[0]!), 1]);
    else if (model === 'last_touch') credit.push([keyOf(touches[n - 1]!), 1]);
    else if (model === 'linear') touches.forEach((e) => credit.push([keyOf(e), 1 / n]));
    else if (model === 'position_based') {
      if (n <= 2) touches.forEach((e) => credit.push([keyOf(e), 1 / n]));
      else touches.forEach((e, i) => credit.push([keyOf(e), i === 0 || i === n - 1 ? 0.4 : 0.2 / (n - 2)]));
    } else {
      const weights = touches.map((e) => Math.pow(2, -(conversion.timestamp - e.timestamp) / (7 * DAY)));
      const sum = weights.reduce((a, b) => a + b, 0);
      touches.forEach((e, i) => credit.push([keyOf(e), weights[i]! / sum]));
    }
    const merged = new Map<string, number>();
    for (const [key, share] of credit) merged.set(key, (merged.get(key) ?? 0) + share);
    for (const [key, share] of merged) {
      const total = totals.get(key) ?? { conversions: 0, revenue: 0 };
      total.conversions += share;
      total.revenue += share * revenue;
      totals.set(key, total);
    }
  }
  const round = (x: number) => Math.round(x * 1e9) / 1e9;
  return {
    rows: [...totals]
      .map(([key, t]) => ({ key, conversions: round(t.conversions), revenue: round(t.revenue) }))
      .sort((a, b) => b.conversions - a.conversions || (a.key < b.key ? -1 : 1)),
  };
}

describe('POST /v1/query/attribution', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await loadFixture(7, 200);
  });

  for (const model of MODELS) {
    for (const by of ['source', 'source_medium', 'campaign']) {
      it(`matches the plain computation: ${model} by ${by}`, async () => {
        const from = T0 + 2 * DAY;
        const to = T0 + 26 * DAY;
        const response = await ask(f.t, 'POST', '/v1/query/attribution', {
          conversion: 'Order Completed', model, lookback: '3d', by, from: new Date(from).toISOString(), to: new Date(to).toISOString(),
        });
        expect(response.status).toBe(200);
        const expected = expectedAttribution(f, model, 3 * DAY, by, from, to);
        expect(expected.rows.length).toBeGreaterThan(1);
        expect(response.body).toEqual(expected);
      });
    }
  }

  it('has fractional shares for multi-touch models', async () => {
    const response = await ask(f.t, 'POST', '/v1/query/attribution', { model: 'linear', lookback: '30d', by: 'source' });
    expect(response.body.rows.some((row: { conversions: number }) => !Number.isInteger(row.conversions))).toBe(true);
  });

  it('reads revenue, else total, as numbers or numeric strings only', async () => {
    const t = await createTestApp();
    const order = (id: string, properties: Record<string, unknown>) => ({
      type: 'track', messageId: id, anonymousId: id, event: 'Order Completed', properties, timestamp: new Date(T0).toISOString(),
    });
    await ingest(t.app, [
      order('a', { revenue: '12.5' }),
      order('b', { revenue: true, total: 7 }),
      order('c', { revenue: 'lots', total: ' 3 ' }),
      order('d', { revenue: null, total: [1] }),
      order('e', { revenue: { amount: 1 }, total: 2 }),
    ]);
    for (const model of ['last_touch', 'linear']) {
      const response = await ask(t, 'POST', '/v1/query/attribution', { model });
      expect(response.body).toEqual({ rows: [{ key: '(direct)', conversions: 5, revenue: 24.5 }] });
    }
  });

  it('migration 0007 fills events.revenue as ingest keeps it, leaving text amounts to properties', async () => {
    const t = await createTestApp();
    const order = (id: string, properties: Record<string, unknown> | undefined, source?: string) => ({
      type: 'track', messageId: id, anonymousId: id.slice(0, 1), event: 'Order Completed', timestamp: new Date(T0 + id.length * 60_000).toISOString(),
      ...(properties ? { properties } : {}), ...(source ? { context: { campaign: { source } } } : {}),
    });
    await ingest(t.app, [
      order('a', { revenue: '12.5' }, 'mail'),
      order('aa', { revenue: 3, total: 9 }),
      order('b', { revenue: true, total: 7 }, 'ads'),
      order('bb', { revenue: 'lots', total: ' 3 ' }),
      order('c', { revenue: null, total: [1] }, 'mail'),
      order('cc', { revenue: { amount: 1 }, total: 2.25 }),
      order('d', undefined, 'ads'),
      order('dd', { total: '0x10' }),
      { type: 'page', messageId: 'p', anonymousId: 'a', properties: { revenue: 5 }, timestamp: new Date(T0).toISOString() },
    ]);
    const client = t.database.client;
    const read = async () => (await client.execute('select message_id, revenue from events order by message_id')).rows.map((row) => [row['message_id'], row['revenue']]);
    const answers = async () => Promise.all(MODELS.map(async (model) => (await ask(t, 'POST', '/v1/query/attribution', { model })).body));
    const kept = await read();
    const answered = await answers();
    expect(kept).toEqual([['a', 12.5], ['aa', 3], ['b', 7], ['bb', 3], ['c', 0], ['cc', 2.25], ['d', 0], ['dd', 16], ['p', null]]);
    await client.execute('update events set revenue = null');
    const migration = readFileSync(join(migrationsFolder, '0007_conversion_revenue.sql'), 'utf8').split('--> statement-breakpoint');
    for (const statement of migration.filter((text) => /^\s*update/im.test(text.replace(/^\s*--.*$/gm, '')))) await client.execute(statement);
    // Text amounts stay null: the reports read them from properties.
    expect(await read()).toEqual(kept.map(([id, revenue]) => [id, ['a', 'bb', 'dd'].includes(id as string) ? null : revenue]));
    expect(await answers()).toEqual(answered);
  });

  it('names the bad field', async () => {
    const response = await ask(f.t, 'POST', '/v1/query/attribution', { model: 'first_click' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^model/);
  });
});
