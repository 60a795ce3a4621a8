import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * A person's sessions, kept at ingest by `collector/identity/sessionize.ts` over
 * their non-bot events ordered by (stored time, id). A session ends after 30 minutes
 * of inactivity, after 24 hours, or when an event brings a different campaign source.
 *
 * `eventCount` lets a reader split the person's ordered events into sessions exactly,
 * even where two sessions meet at one millisecond.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id').notNull(),
    /** Stored time of the first and last event (epoch ms). */
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    eventCount: integer('event_count').notNull(),
    /** `context.channel` of the first event, null for plain web traffic. */
    channel: text('channel'),
    campaignSource: text('campaign_source'),
    campaignMedium: text('campaign_medium'),
    campaignName: text('campaign_name'),
    /**
     * The session's path steps in event order, one character each (a `step_labels`
     * id, see `collector/identity/step-codes.ts`), so that top paths is a GROUP BY
     * over sessions instead of a join back to their events.
     */
    steps: text('steps').notNull().default(''),
  },
  (table) => [
    index('sessions_person_start').on(table.personId, table.start),
    index('sessions_start').on(table.start),
    // Top paths: sessions grouped by their steps without a sort or a row lookup.
    index('sessions_steps_start').on(table.steps, table.start),
  ],
);

export type SessionRow = typeof sessions.$inferSelect;
export type NewSessionRow = typeof sessions.$inferInsert;
