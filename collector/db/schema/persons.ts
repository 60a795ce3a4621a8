import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';

/**
 * One row per person: everyone linked by identify, alias, or an event carrying both
 * an anonymousId and a userId (CONTRACT §3). The id is what `events.person_id` and
 * `identities.person_id` point at; when two persons merge, the smaller id survives.
 */
export const persons = sqliteTable('persons', {
  id: integer('id').primaryKey(),
  /** When the collector first saw the person (epoch ms, receivedAt). */
  createdAt: integer('created_at').notNull(),
});

export type PersonRow = typeof persons.$inferSelect;
export type NewPersonRow = typeof persons.$inferInsert;
