import { sql, type SQL } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import type { InArgs } from '@libsql/client';
import type { Database } from '../db/open-database';
import { serializeWrites } from '../identity/serialize-writes';

/** A quarter hour in ms: every time zone's offset is a whole number of them. */
export const QUARTER_MS = 900_000;
export const ORDER_EVENT = 'Order Completed';

const dialect = new SQLiteAsyncDialect();

/**
 * The quarter an expression's time falls in, rounded down also before 1970 (as
 * migration 0009 spells its days).
 */
export const quarterOf = (time: SQL) => sql`((${time}) - (((${time}) % 900000) + 900000) % 900000) / 900000`;

/**
 * Counts the events stored since the last call into the overview's rollups
 * (`db/schema/overview-rollups.ts`). Each write transaction also moves the cursor,
 * so two collectors refreshing at once cannot count an event twice: the second
 * waits for the first's lock, then finds those ids counted.
 *
 * Run before each overview. Its cost is the events stored since the previous one
 * (a first run on an upgraded 5M-event database reads them all once, ~10 s).
 *
 * @param chunk ids per write transaction (tests make it small)
 * @example
 * await refreshOverviewRollups(db);
 */
export async function refreshOverviewRollups(db: Database, chunk = CHUNK): Promise<void> {
  // Chunks of ids, each its own short write transaction, so that catching up on a
  // large backlog (the first overview after an upgrade) lets ingestion in between
  // instead of holding the write lock for seconds.
  let more = true;
  while (more) more = await serializeWrites(db, () => countNextChunk(db, chunk));
}

/** Ids per refresh transaction (50k events: ~0.1 s of write lock). */
const CHUNK = 50_000;

/** Counts the next chunk of uncounted events; false when there was none. */
async function countNextChunk(db: Database, chunk: number): Promise<boolean> {
  const [pending] = await db.all<{ n: number }>(sql`
    select (select max(id) from events) > (select last_event_id from overview_cursor where id = 1) as n`);
  if (!pending?.n) return false;
  // The same window in every statement: ids above the cursor up to a chunk's end,
  // as the transaction sees them, so the cursor lands exactly where counting stopped.
  const last = sql`min((select last_event_id from overview_cursor where id = 1) + ${sql.raw(String(Math.max(1, Math.floor(chunk))))}, (select max(id) from events))`;
  const fresh = sql`id > (select last_event_id from overview_cursor where id = 1) and id <= ${last} and bot = 0`;
  const q = quarterOf(sql`timestamp`);
  const statements = [
    // `where true` keeps SQLite from reading ON CONFLICT as a join constraint.
    sql`insert into overview_quarters (quarter, person_id, events, orders, revenue)
      select ${q}, coalesce(person_id, 0), count(*), coalesce(sum(event = ${ORDER_EVENT}), 0), total(case when event = ${ORDER_EVENT} then revenue end)
      from events where ${fresh} and true group by 1, 2
      on conflict (quarter, person_id) do update set events = events + excluded.events,
        orders = orders + excluded.orders, revenue = revenue + excluded.revenue`,
    sql`insert into overview_event_quarters (quarter, event, count)
      select ${q}, event, count(*) from events where ${fresh} and type = 'track' and event is not null group by 1, 2
      on conflict (quarter, event) do update set count = count + excluded.count`,
    sql`insert into overview_page_quarters (quarter, path, views)
      select ${q}, page_path, count(*) from events where ${fresh} and type = 'page' and page_path is not null group by 1, 2
      on conflict (quarter, path) do update set views = views + excluded.views`,
    sql`update overview_cursor set last_event_id = ${last} where id = 1`,
  ];
  await db.$client.batch(
    statements.map((statement) => {
      const { sql: text, params } = dialect.sqlToQuery(statement);
      return { sql: text, args: params as InArgs };
    }),
    'write',
  );
  return true;
}

/**
 * Statements that move a merged person's rollup rows to the survivor, for the
 * merge's own batch (`identity/plan-identity-writes.ts`).
 */
export function mergeOverviewRows(survivor: number, losers: readonly number[]): SQL[] {
  const list = sql.join(losers.map((id) => sql`${id}`), sql`, `);
  return [
    sql`insert into overview_quarters (quarter, person_id, events, orders, revenue)
      select quarter, ${survivor}, events, orders, revenue from overview_quarters where person_id in (${list}) and true
      on conflict (quarter, person_id) do update set events = events + excluded.events,
        orders = orders + excluded.orders, revenue = revenue + excluded.revenue`,
    sql`delete from overview_quarters where person_id in (${list})`,
  ];
}

/**
 * Statements that take an erased person's already counted events out of the
 * rollups; they must run before the events are deleted (`queries/erase-person.ts`).
 *
 * @param theirs the condition that finds the person's events
 */
export function eraseOverviewRows(theirs: SQL): SQL[] {
  const counted = sql`(${theirs}) and bot = 0 and id <= (select last_event_id from overview_cursor where id = 1)`;
  const q = quarterOf(sql`timestamp`);
  return [
    sql`update overview_event_quarters set count = count - gone.n
      from (select ${q} as quarter, event, count(*) as n from events where ${counted} and type = 'track' and event is not null group by 1, 2) as gone
      where overview_event_quarters.quarter = gone.quarter and overview_event_quarters.event = gone.event`,
    sql`delete from overview_event_quarters where count <= 0`,
    sql`update overview_page_quarters set views = views - gone.n
      from (select ${q} as quarter, page_path, count(*) as n from events where ${counted} and type = 'page' and page_path is not null group by 1, 2) as gone
      where overview_page_quarters.quarter = gone.quarter and overview_page_quarters.path = gone.page_path`,
    sql`delete from overview_page_quarters where views <= 0`,
    // By the events' own person column, so that rows from before persons existed
    // (counted under 0) leave too.
    sql`update overview_quarters set events = events - gone.n, orders = orders - gone.gone_orders, revenue = revenue - gone.gone_revenue
      from (select ${q} as quarter, coalesce(person_id, 0) as person_id, count(*) as n, coalesce(sum(event = ${ORDER_EVENT}), 0) as gone_orders,
          total(case when event = ${ORDER_EVENT} then revenue end) as gone_revenue
        from events where ${counted} group by 1, 2) as gone
      where overview_quarters.quarter = gone.quarter and overview_quarters.person_id = gone.person_id`,
    sql`delete from overview_quarters where events <= 0 and person_id in (select coalesce(person_id, 0) from events where ${counted})`,
  ];
}
