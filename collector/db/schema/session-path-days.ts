import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * How many sessions of each day (UTC, by start) have each `sessions.steps`, so that
 * top paths over whole days sums ~270k counts at 5M events instead of grouping
 * ~740k sessions. Kept by triggers on `sessions` (migration 0009): every insert,
 * delete or change of a session moves its count, in the writing transaction.
 *
 * `WITHOUT ROWID` (added to the migration by hand: drizzle-kit does not model it), so
 * the rows lie in (steps, day) order and a scan groups by steps without a sort.
 */
export const sessionPathDays = sqliteTable(
  'session_path_days',
  {
    steps: text('steps').notNull(),
    /** floor(start / 86,400,000): the UTC day the sessions start on. */
    day: integer('day').notNull(),
    sessions: integer('sessions').notNull(),
  },
  (table) => [primaryKey({ columns: [table.steps, table.day] })],
);

export type SessionPathDayRow = typeof sessionPathDays.$inferSelect;
export type NewSessionPathDayRow = typeof sessionPathDays.$inferInsert;
