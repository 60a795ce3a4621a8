import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/open-database';
import { ATTRIBUTION_MODELS, DIRECT, creditShares, type AttributionModel } from './attribution-models';
import { durationField, rangeFields, rangeOf } from './query-input';
import { revenueOfFields, type RevenueFields } from './revenue';

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
 * to the wide rows (`events_event_time_person`, `events_touches`). Single-touch
 * models are counted entirely in SQL, grouped by key and the raw revenue fields
 * (materialised, so the look-up runs once per conversion); multi-touch models read
 * each conversion's touches.
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

/** The conversions in range, with the raw revenue fields (served by `events_event_time_person`). */
function conversionsSql(params: AttributionParams): SQL {
  const { from, to } = rangeOf(params);
  return sql`select c.id as id, c.person_id as person_id, c.timestamp as ts,
      json_type(c.properties, '$.revenue') as rt, json_extract(c.properties, '$.revenue') as rv,
      json_type(c.properties, '$.total') as tt, json_extract(c.properties, '$.total') as tv
    from events c indexed by events_event_time_person
    where c.event = ${params.conversion} and c.timestamp >= ${from} and c.timestamp < ${to}
      and c.bot = 0 and c.person_id is not null`;
}

function keySql(by: AttributionParams['by']): SQL {
  if (by === 'source') return sql`t.campaign_source`;
  if (by === 'campaign') return sql`coalesce(t.campaign_name, '(none)')`;
  return sql`t.campaign_source || ' / ' || coalesce(t.campaign_medium, '(none)')`;
}

/** first / last / last non-direct touch: one indexed look-up per conversion, counted in SQL. */
async function singleTouch(db: Database, params: AttributionParams): Promise<Totals> {
  const order = params.model === 'first_touch' ? sql`asc` : sql`desc`;
  const nonDirect = params.model === 'last_non_direct' ? sql`and t.campaign_source <> 'direct'` : sql``;
  const rows = await db.all<RevenueFields & { key: string | null; n: number }>(sql`
    with k as materialized (
      select (select ${keySql(params.by)} from events t indexed by events_touches
          where t.person_id = c.person_id and t.campaign_source is not null and t.bot = 0
            and t.timestamp <= c.ts and t.timestamp >= c.ts - ${params.lookback} ${nonDirect}
          order by t.timestamp ${order}, t.id ${order} limit 1) as key,
        c.rt as rt, c.rv as rv, c.tt as tt, c.tv as tv
      from (${conversionsSql(params)}) c
    )
    select k.key as key, count(*) as n, k.rt as rt, k.rv as rv, k.tt as tt, k.tv as tv from k
    group by k.key, k.rt, k.rv, k.tt, k.tv`);
  const totals: Totals = new Map();
  for (const row of rows) {
    const key = row.key ?? DIRECT;
    const total = totals.get(key) ?? { conversions: 0, revenue: 0 };
    total.conversions += Number(row.n);
    total.revenue += Number(row.n) * revenueOfFields(row);
    totals.set(key, total);
  }
  return totals;
}

/** linear, position-based, time decay: each conversion with its touches, shared out here. */
async function multiTouch(db: Database, params: AttributionParams): Promise<Totals> {
  const rows = await db.all<RevenueFields & { id: number; ts: number; t_ts: number | null; source: string | null; key: string | null }>(sql`
    select c.id as id, c.ts as ts, c.rt as rt, c.rv as rv, c.tt as tt, c.tv as tv,
      t.timestamp as t_ts, t.campaign_source as source, ${keySql(params.by)} as key
    from (${conversionsSql(params)}) c
    left join events t indexed by events_touches on t.person_id = c.person_id and t.campaign_source is not null and t.bot = 0
      and t.timestamp <= c.ts and t.timestamp >= c.ts - ${params.lookback}
    order by c.id, t.timestamp, t.id`);
  const totals: Totals = new Map();
  let touches: { timestamp: number; source: string; key: string }[] = [];
  rows.forEach((row, index) => {
    if (row.source !== null) touches.push({ timestamp: Number(row.t_ts), source: row.source, key: row.key as string });
    if (rows[index + 1]?.id === row.id) return;
    const revenue = revenueOfFields(row);
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
