import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Every id a client has used (anonymousId, userId, alias previousId) → its person.
 *
 * One namespace for all kinds: a journey is asked for by "any userId or anonymousId"
 * (CONTRACT §3) and an alias's previousId may be either, so an id string names at
 * most one person whatever kind it was first seen as.
 */
export const identities = sqliteTable(
  'identities',
  {
    value: text('value').primaryKey(),
    /** How the id was first seen: `user` (userId, or an alias's unknown previousId) or `anonymous`. */
    kind: text('kind', { enum: ['user', 'anonymous'] }).notNull(),
    personId: integer('person_id').notNull(),
  },
  (table) => [index('identities_person_id').on(table.personId)],
);

export type IdentityRow = typeof identities.$inferSelect;
export type NewIdentityRow = typeof identities.$inferInsert;
