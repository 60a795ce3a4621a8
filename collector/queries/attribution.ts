import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/open-database';
import { revenueOf } from '../ingest/event-revenue';
import { ATTRIBUTION_MODELS, DIRECT, creditShares, type AttributionModel } from './attribution-models';
import { durationField, rangeFields, rangeOf } from './query-input';

/** `POST /v1/query/attribution` body (CONTRACT §3). */
export const attributionSchema = z.object({
  conversion: z.string().min(1).default('Order Completed'),
  model: z.enum(ATTRIBUTION_MODELS).default('last_touch'),
  lookback: durationField.default(30 * 86_400_000),
  by: z.enum(['source', 'source_medium', 'campaign']).default('source'),
  ...rangeFields,
});

export type AttributionParams = z.output<typeof attributionSchema>;

/** One credited key. */
export interface AttributionRow {
  key: string;
  /** Sum of the shares the key received (fractional for multi-touch models). */
  conversions: number;
  revenue: number;
}

/** `POST /v1/query/attribution` answer: rows by conversions, then key. */
export interface AttributionResult {
  rows: AttributionRow[];
}

/** Models that give all of a conversion's credit to one touch: the database picks it. */
const SINGLE_TOUCH: ReadonlySet<AttributionModel> = new Set(['first_touch', 'last_touch', 'last_non_direct']);

type Totals = Map<string, { conversions: number; revenue: number }>;

/**
 * Credits each conversion in `[from, to)` to the person's campaign touches at or
 * before it and within the (inclusive) lookback, by the chosen model. Revenue is
 * `properties.revenue`, else `properties.total`, else 0, split in the same shares.
 * Sums are rounded to 1e-9 so that float noise never shows.
 *
 * Both sides come from covering indexes, named so that the planner cannot fall back
 * to the wide rows (`events_conversions`, `events_touches`), and both are read in
 * person order. Single-touch models are counted and summed entirely in SQL;
 * multi-touch models read each conversion's touches.
 *
 * @example
 * await attribution(db, attributionSchema.parse({ model: 'linear', lookback: '30d', by: 'source' }))
 */
export async function attribution(db: Database, params: AttributionParams): Promise<AttributionResult> {
  const totals: Totals = SINGLE_TOUCH.has(params.model) ? await singleTouch(db, params) : await multiTouch(db, params);
  return {
    rows: [...totals]
      .map(([key, total]) => ({ key, conversions: round(total.conversions), revenue: round(total.revenue) }))
      .sort((a, b) => b.conversions - a.conversions || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  };
}

/**
 * The conversions in range with their revenue, in (person, time, id) order, served
 * by `events_conversions`. `legacy` is the whole `properties` where the column is
 * null (text amounts stored before it existed): only those rows are fetched.
 */
function conversionsSql(params: AttributionParams): SQL {
  const { from, to } = rangeOf(params);
  return sql`select c.id as id, c.person_id as person_id, c.timestamp as ts, c.revenue as revenue,
      case when c.revenue is null then c.properties end as legacy
    from events c indexed by events_conversions
    where c.event = ${params.conversion} and c.timestamp >= ${from} and c.timestamp < ${to}
      and c.bot = 0 and c.person_id is not null`;
}

function keySql(by: AttributionParams['by']): SQL {
  if (by === 'source') return sql`t.campaign_source`;
  if (by === 'campaign') return sql`coalesce(t.campaign_name, '(none)')`;
  return sql`t.campaign_source || ' / ' || coalesce(t.campaign_medium, '(none)')`;
}

/**
 * first / last / last non-direct touch: one indexed look-up per conversion, counted
 * and summed in SQL by key. A group's legacy rows come back as one JSON array of
 * their properties (`group_concat` skips the others' nulls).
 */
async function singleTouch(db: Database, params: AttributionParams): Promise<Totals> {
  const order = params.model === 'first_touch' ? sql`asc` : sql`desc`;
  const nonDirect = params.model === 'last_non_direct' ? sql`and t.campaign_source <> 'direct'` : sql``;
  // Materialised: grouped straight from the index, the sorter would carry every
  // conversion's `properties` to evaluate `legacy` afterwards (5M events: 105 → 240 ms).
  const rows = await db.all<{ key: string | null; n: number; revenue: number; legacy: string | null }>(sql`
    with k as materialized (
      select (select ${keySql(params.by)} from events t indexed by events_touches
          where t.person_id = c.person_id and t.campaign_source is not null and t.bot = 0
            and t.timestamp <= c.ts and t.timestamp >= c.ts - ${params.lookback} ${nonDirect}
          order by t.timestamp ${order}, t.id ${order} limit 1) as key,
        c.revenue as revenue, c.legacy as legacy
      from (${conversionsSql(params)}) c)
    select k.key as key, count(*) as n, total(k.revenue) as revenue, group_concat(k.legacy, ',') as legacy
    from k group by k.key`);
  const totals: Totals = new Map();
  for (const row of rows) {
    const legacy = row.legacy === null ? [] : (JSON.parse(`[${row.legacy}]`) as Record<string, unknown>[]);
    totals.set(row.key ?? DIRECT, {
      conversions: Number(row.n),
      revenue: Number(row.revenue) + legacy.reduce((sum, properties) => sum + revenueOf(properties), 0),
    });
  }
  return totals;
}

/** linear, position-based, time decay: each conversion with its touches, shared out here. */
async function multiTouch(db: Database, params: AttributionParams): Promise<Totals> {
  // Ordered as the indexes are (revenue before id), so that no sort carries `legacy`.
  const rows = await db.all<{ id: number; ts: number; revenue: number | null; legacy: string | null; t_ts: number | null; source: string | null; key: string | null }>(sql`
    select c.id as id, c.ts as ts, c.revenue as revenue, c.legacy as legacy,
      t.timestamp as t_ts, t.campaign_source as source, ${keySql(params.by)} as key
    from (${conversionsSql(params)}) c
    left join events t indexed by events_touches on t.person_id = c.person_id and t.campaign_source is not null and t.bot = 0
      and t.timestamp <= c.ts and t.timestamp >= c.ts - ${params.lookback}
    order by c.person_id, c.ts, c.revenue, c.id, t.timestamp, t.id`);
  const totals: Totals = new Map();
  let touches: { timestamp: number; source: string; key: string }[] = [];
  rows.forEach((row, index) => {
    if (row.source !== null) touches.push({ timestamp: Number(row.t_ts), source: row.source, key: row.key as string });
    if (rows[index + 1]?.id === row.id) return;
    const revenue = row.legacy === null ? Number(row.revenue) : revenueOf(JSON.parse(row.legacy) as Record<string, unknown>);
    for (const [key, share] of creditShares(params.model, touches, Number(row.ts))) {
      const total = totals.get(key) ?? { conversions: 0, revenue: 0 };
      total.conversions += share;
      total.revenue += share * revenue;
      totals.set(key, total);
    }
    touches = [];
  });
  return totals;
}

function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
