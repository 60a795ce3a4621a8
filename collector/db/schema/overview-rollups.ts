import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The dashboard overview's counts per quarter hour, so that a month of a busy shop
 * is summed from rollup rows instead of grouped from its events (5M events, 30 days:
 * ~4.1 s from the events, even through a covering index). A quarter hour because
 * every time zone's offset is a whole number of them: local days are whole quarters.
 *
 * Filled on read, not at ingest (`queries/overview-rollup.ts`): the first overview
 * after new events adds them, up to `overview_cursor`, in one write transaction, so
 * ingestion pays nothing. Person merges re-key the rows (identity/plan-identity-writes.ts)
 * and erasure removes a person's share (queries/erase-person.ts). Bots are left out.
 *
 * `WITHOUT ROWID` tables (added to the migration by hand: drizzle-kit does not model it).
 */
export const overviewQuarters = sqliteTable(
  'overview_quarters',
  {
    /** floor(stored time / 900,000). */
    quarter: integer('quarter').notNull(),
    /** `events.person_id`; 0 for the rare event without one (counted, but not as a visitor). */
    personId: integer('person_id').notNull(),
    events: integer('events').notNull(),
    /** `Order Completed` events. */
    orders: integer('orders').notNull(),
    /** Their `events.revenue` (rows from before migration 0007 with null there are read from the events). */
    revenue: real('revenue').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.quarter, table.personId] }),
    // Merges and erasure find a person's rows.
    index('overview_quarters_person').on(table.personId),
  ],
);

/** Track events per name and quarter hour (the overview's top events). */
export const overviewEventQuarters = sqliteTable(
  'overview_event_quarters',
  {
    quarter: integer('quarter').notNull(),
    event: text('event').notNull(),
    count: integer('count').notNull(),
  },
  (table) => [primaryKey({ columns: [table.quarter, table.event] })],
);

/** Page views per path and quarter hour (the overview's top pages). */
export const overviewPageQuarters = sqliteTable(
  'overview_page_quarters',
  {
    quarter: integer('quarter').notNull(),
    path: text('path').notNull(),
    views: integer('views').notNull(),
  },
  (table) => [primaryKey({ columns: [table.quarter, table.path] })],
);

/** How far the rollups have read: every event with `id <= last_event_id` is counted. One row. */
export const overviewCursor = sqliteTable('overview_cursor', {
  id: integer('id').primaryKey(),
  lastEventId: integer('last_event_id').notNull(),
});
