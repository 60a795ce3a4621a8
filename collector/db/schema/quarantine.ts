import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Events the collector refused, kept with their reasons so that nothing a client sent
 * is silently lost: an operator can inspect, fix and replay them.
 */
export const quarantine = sqliteTable('quarantine', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  writeKey: text('write_key').notNull(),
  receivedAt: integer('received_at').notNull(),
  /** Position of the event in its request's batch (0 for single-event routes). */
  batchIndex: integer('batch_index').notNull(),
  /** Copied out of the payload when they are strings, so erasure can find them. */
  messageId: text('message_id'),
  anonymousId: text('anonymous_id'),
  userId: text('user_id'),
  /** `path: reason` strings, as returned to the client. */
  errors: text('errors', { mode: 'json' }).$type<string[]>().notNull(),
  /** The event exactly as received (JSON text). */
  payload: text('payload').notNull(),
});

export type QuarantineRow = typeof quarantine.$inferSelect;
export type NewQuarantineRow = typeof quarantine.$inferInsert;
