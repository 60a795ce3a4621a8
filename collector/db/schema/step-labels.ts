import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The step labels of paths (a track event's name, `page <path>` for page and screen
 * views), each numbered once so that a session's steps can be kept as one character
 * per step in `sessions.steps` (see `collector/identity/step-codes.ts`). Append-only:
 * an id never changes meaning.
 */
export const stepLabels = sqliteTable('step_labels', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  label: text('label').notNull().unique(),
});

export type StepLabelRow = typeof stepLabels.$inferSelect;
export type NewStepLabelRow = typeof stepLabels.$inferInsert;
