import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/open-database';
import { revenueOf } from '../ingest/event-revenue';
import { ORDER_EVENT, QUARTER_MS, refreshOverviewRollups } from '../rollups/overview-rollup';
import { rangeFields, rangeOf } from './query-input';

/** `GET /v1/query/overview` query string. */
export const overviewSchema = z.object({
  ...rangeFields,
  /**
   * Minutes east of UTC that days are counted in (the dashboard sends the
   * browser's); a multiple of 15, as every time zone's is. A fixed offset: a day
   * that crosses a DST change is an hour off.
   * @default 0
   */
  utcOffset: z.coerce.number().int().min(-840).max(840).multipleOf(15, 'expected minutes east of UTC, a multiple of 15').default(0),
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
  topPages: Array<{ path: string; views: number }>;
  /** Track events by name, most frequent first (ties by name). */
  topEvents: Array<{ event: string; count: number }>;
}

const DAY_MS = 86_400_000;
// A literal, not a parameter: the client binds JavaScript numbers as REAL, which
// would turn the day's integer division into a fraction.
const DAY = sql.raw(String(DAY_MS));

/**
 * Events, visitors, orders and revenue per day and in total, with the most viewed
 * pages and most frequent events, over `[from, to)`.
 *
 * Whole quarter hours of the range are read from the rollups (`rollups/overview-rollup.ts`,
 * brought up to date first), the ragged edges of a range that does not start or end on
 * a quarter hour from the events themselves, so any range is exact. Revenue is summed
 * from the `revenue` column; rows stored before it existed with an amount sent as
 * text carry null there and are read from `properties`, as attribution does, so both
 * reports agree to the cent.
 *
 * @example
 * await overview(db, overviewSchema.parse({ from: '2026-11-01', to: '2026-12-01' }))
 */
export async function overview(db: Database, params: OverviewParams): Promise<OverviewResult> {
  await refreshOverviewRollups(db);
  const { from, to } = rangeOf(params);
  const shift = params.utcOffset * 60_000;
  // Quarters wholly inside the range come from the rollups; the rest from the events.
  const first = Math.ceil(from / QUARTER_MS);
  const end = Math.max(first, Math.floor(to / QUARTER_MS));
  const edges = sql`bot = 0 and ((timestamp >= ${from} and timestamp < ${Math.min(to, first * QUARTER_MS)})
    or (timestamp >= ${Math.max(from, end * QUARTER_MS)} and timestamp < ${to}))`;
  const quarters = sql`quarter >= ${first} and quarter < ${end}`;
  const activity = sql`
    select quarter * ${sql.raw(String(QUARTER_MS))} as t, person_id, events, orders, revenue from overview_quarters where ${quarters}
    union all
    select timestamp, coalesce(person_id, 0), 1, event = ${ORDER_EVENT}, case when event = ${ORDER_EVENT} then revenue end from events where ${edges}`;
  const visitors = sql`count(distinct nullif(person_id, 0))`;
  const [days, [totals], legacy, topPages, topEvents] = await Promise.all([
    db.all<{ day: number; events: number; visitors: number; orders: number; revenue: number }>(sql`
      select (t + cast(${shift} as integer)) / ${DAY} as day, sum(events) as events, ${visitors} as visitors,
        sum(orders) as orders, total(revenue) as revenue
      from (${activity}) group by day order by day`),
    db.all<{ events: number; visitors: number; orders: number; revenue: number }>(sql`
      select sum(events) as events, ${visitors} as visitors, sum(orders) as orders, total(revenue) as revenue from (${activity})`),
    db.all<{ timestamp: number; properties: string | null }>(sql`
      select timestamp, properties from events
      where event = ${ORDER_EVENT} and revenue is null and bot = 0 and timestamp >= ${from} and timestamp < ${to}`),
    db.all<{ path: string; views: number }>(sql`
      select path, sum(views) as views from (
        select path, views from overview_page_quarters where ${quarters}
        union all
        select page_path, 1 from events where ${edges} and type = 'page' and page_path is not null)
      group by path order by views desc, path limit ${params.top}`),
    db.all<{ event: string; count: number }>(sql`
      select event, sum(count) as count from (
        select event, count from overview_event_quarters where ${quarters}
        union all
        select event, 1 from events where ${edges} and type = 'track' and event is not null)
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
    topPages: topPages.map((row) => ({ path: row.path, views: Number(row.views) })),
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
