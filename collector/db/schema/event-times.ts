import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Each person's stored times of each event name, as comma-separated epoch ms, so
 * that a funnel of plain event names reads one short text per (name, person)
 * instead of every candidate event (5M events: ~1.56M events, ~620k rows). Kept by
 * a trigger on `events` inserts (migration 0011) and re-keyed by ingest when persons
 * merge; non-bot events with a person only, as funnels see them. The times are in
 * arrival order, which is almost always time order: readers sort when not.
 *
 * `WITHOUT ROWID` (added to the migration by hand: drizzle-kit does not model it), so
 * an event name's rows lie in person order, one sequential read.
 */
export const eventTimes = sqliteTable(
  'event_times',
  {
    event: text('event').notNull(),
    personId: integer('person_id').notNull(),
    times: text('times').notNull(),
  },
  (table) => [primaryKey({ columns: [table.event, table.personId] }), index('event_times_person').on(table.personId)],
);

export type EventTimesRow = typeof eventTimes.$inferSelect;
