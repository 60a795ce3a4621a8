import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/open-database';
import { revenueOf } from '../ingest/event-revenue';
import { rangeFields, rangeOf } from './query-input';

/** `GET /v1/query/overview` query string. */
export const overviewSchema = z.object({
  ...rangeFields,
  /**
   * Minutes east of UTC that days are counted in (the dashboard sends the
   * browser's). A fixed offset: a day that crosses a DST change is an hour off.
   * @default 0
   */
  utcOffset: z.coerce.number().int().min(-840).max(840).default(0),
  /** How many pages and events to list. @default 10 */
  top: z.coerce.number().int().min(1).max(100).default(10),
});

export type OverviewParams = z.output<typeof overviewSchema>;

/** Counts of one day, or of the whole range. */
export interface OverviewCounts {
  events: number;
  /** Distinct persons (CONTRACT §3) with any event. */
  visitors: number;
  /** `Order Completed` events. */
  orders: number;
  /** Their revenue: `properties.revenue`, else `properties.total`, else 0 (as attribution credits it). */
  revenue: number;
}

/** `GET /v1/query/overview`: the dashboard's first page. Bots are left out. */
export interface OverviewResult {
  totals: OverviewCounts;
  /** Days with at least one event, in order; `day` is `YYYY-MM-DD` at `utcOffset`. */
  days: Array<OverviewCounts & { day: string }>;
  /** Page views by path, most viewed first (ties by path). */
  topPages: Array<{ path: string; views: number; visitors: number }>;
  /** Track events by name, most frequent first (ties by name). */
  topEvents: Array<{ event: string; count: number }>;
}

const DAY_MS = 86_400_000;
// A literal, not a parameter: the client binds JavaScript numbers as REAL, which
// would turn the day's integer division into a fraction.
const DAY = sql.raw(String(DAY_MS));
const ORDER = 'Order Completed';

/**
 * Events, visitors, orders and revenue per day and in total, with the most viewed
 * pages and most frequent events, over `[from, to)`.
 *
 * Revenue is summed from the `revenue` column; rows stored before it existed with
 * an amount sent as text carry null there and are read from `properties`, as
 * attribution does, so both reports agree to the cent.
 *
 * @example
 * await overview(db, overviewSchema.parse({ from: '2026-11-01', to: '2026-12-01' }))
 */
export async function overview(db: Database, params: OverviewParams): Promise<OverviewResult> {
  const { from, to } = rangeOf(params);
  const inRange = sql`bot = 0 and timestamp >= ${from} and timestamp < ${to}`;
  const shift = params.utcOffset * 60_000;
  const [days, [totals], legacy, topPages, topEvents] = await Promise.all([
    db.all<{ day: number; events: number; visitors: number; orders: number; revenue: number }>(sql`
      select (timestamp + cast(${shift} as integer)) / ${DAY} as day,
        count(*) as events, count(distinct person_id) as visitors,
        sum(event = ${ORDER}) as orders, total(case when event = ${ORDER} then revenue end) as revenue
      from events where ${inRange} group by day order by day`),
    db.all<{ events: number; visitors: number; orders: number; revenue: number }>(sql`
      select count(*) as events, count(distinct person_id) as visitors,
        sum(event = ${ORDER}) as orders, total(case when event = ${ORDER} then revenue end) as revenue
      from events where ${inRange}`),
    db.all<{ timestamp: number; properties: string | null }>(sql`
      select timestamp, properties from events where event = ${ORDER} and revenue is null and ${inRange}`),
    db.all<{ path: string; views: number; visitors: number }>(sql`
      select page_path as path, count(*) as views, count(distinct person_id) as visitors
      from events where type = 'page' and page_path is not null and ${inRange}
      group by page_path order by views desc, path limit ${params.top}`),
    db.all<{ event: string; count: number }>(sql`
      select event, count(*) as count from events where type = 'track' and event is not null and ${inRange}
      group by event order by count desc, event limit ${params.top}`),
  ]);

  const legacyByDay = new Map<number, number>();
  let legacyTotal = 0;
  for (const row of legacy) {
    const amount = revenueOf(row.properties ? (JSON.parse(row.properties) as Record<string, unknown>) : null);
    const day = Math.floor((row.timestamp + shift) / DAY_MS);
    legacyByDay.set(day, (legacyByDay.get(day) ?? 0) + amount);
    legacyTotal += amount;
  }
  return {
    totals: counts(totals, legacyTotal),
    days: days.map((row) => ({ day: new Date(row.day * DAY_MS).toISOString().slice(0, 10), ...counts(row, legacyByDay.get(row.day) ?? 0) })),
    topPages: topPages.map((row) => ({ path: row.path, views: Number(row.views), visitors: Number(row.visitors) })),
    topEvents: topEvents.map((row) => ({ event: row.event, count: Number(row.count) })),
  };
}

function counts(row: { events: number; visitors: number; orders: number | null; revenue: number } | undefined, legacy: number): OverviewCounts {
  return {
    events: Number(row?.events ?? 0),
    visitors: Number(row?.visitors ?? 0),
    orders: Number(row?.orders ?? 0),
    // Rounded like attribution's sums, so float noise never shows.
    revenue: Math.round((Number(row?.revenue ?? 0) + legacy) * 1e9) / 1e9,
  };
}
