import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Every accepted event, one row each.
 *
 * JSON payloads (`properties`, `traits`, `context`) are kept whole as text; the
 * fields that reports filter or group on are copied into real columns at ingest so
 * that queries can use indexes instead of `json_extract` on every row.
 */
export const events = sqliteTable(
  'events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    writeKey: text('write_key').notNull(),
    messageId: text('message_id').notNull(),
    type: text('type', { enum: ['track', 'page', 'screen', 'identify', 'alias', 'group'] }).notNull(),
    event: text('event'),
    name: text('name'),
    anonymousId: text('anonymous_id'),
    userId: text('user_id'),
    previousId: text('previous_id'),
    groupId: text('group_id'),
    /** Stored event time in epoch ms: skew-corrected (see `collector/ingest/event-time.ts`). */
    timestamp: integer('timestamp').notNull(),
    /** The client's `timestamp` exactly as sent, for audits of the skew correction. */
    originalTimestamp: text('original_timestamp'),
    sentAt: text('sent_at'),
    receivedAt: integer('received_at').notNull(),
    properties: text('properties', { mode: 'json' }).$type<Record<string, unknown>>(),
    traits: text('traits', { mode: 'json' }).$type<Record<string, unknown>>(),
    context: text('context', { mode: 'json' }).$type<Record<string, unknown>>(),
    pagePath: text('page_path'),
    campaignSource: text('campaign_source'),
    campaignMedium: text('campaign_medium'),
    campaignName: text('campaign_name'),
    channel: text('channel'),
    /**
     * A track event's revenue as reports credit it: `properties.revenue`, else
     * `properties.total`, else 0 (see `collector/ingest/event-revenue.ts`). Null for
     * other types, and for track events stored before migration 0007 whose amount
     * was sent as text: reports read those from `properties`.
     */
    revenue: real('revenue'),
    sessionId: text('session_id'),
    /** Client address truncated before storage (IPv4 /24, IPv6 /48) unless configured otherwise. */
    ip: text('ip'),
    /** 1 when the user agent is a known bot or crawler: stored, but left out of reports by default. */
    bot: integer('bot', { mode: 'boolean' }).notNull().default(false),
    /**
     * The person the event belongs to (`persons.id`), set at ingest and re-keyed when
     * identities merge, so reports group by person without joining identities.
     */
    personId: integer('person_id'),
  },
  (table) => [
    // The exactly-once guarantee: a messageId is stored once per write key.
    uniqueIndex('events_write_key_message_id').on(table.writeKey, table.messageId),
    index('events_timestamp').on(table.timestamp),
    index('events_anonymous_id').on(table.anonymousId).where(sql`${table.anonymousId} is not null`),
    index('events_user_id').on(table.userId).where(sql`${table.userId} is not null`),
    index('events_event_timestamp').on(table.event, table.timestamp),
    index('events_person_timestamp').on(table.personId, table.timestamp),
    // Reports read these instead of the wide rows (measured at 5M events: a row
    // lookup costs ~2 µs, an entry of a covering index ~0.06 µs).
    // Attribution's touches: a person's campaign events in (time, id) order.
    index('events_touches')
      .on(table.personId, table.timestamp, table.id, table.campaignSource, table.campaignMedium, table.campaignName)
      .where(sql`${table.campaignSource} is not null and ${table.bot} = 0`),
    // Attribution's conversions with their revenue, per event name in person order:
    // each conversion's touches are then looked up in person order too, which keeps
    // the touch index's pages in cache (5M events, 125k conversions: ~205 → ~120 ms).
    index('events_conversions')
      .on(table.event, table.personId, table.timestamp, table.revenue)
      .where(sql`${table.bot} = 0 and ${table.personId} is not null`),
    // Funnels: a person's events in (time, id) order with their names, so funnels of
    // named events need neither a sort nor the rows (5M events: ~3.7 s → ~1 s).
    index('events_person_events')
      .on(table.personId, table.timestamp, table.id, table.event)
      .where(sql`bot = 0 and person_id is not null`),
    // Abandoned carts: a person's cart and order events in time order, so that ingest
    // (cart_states) and the query's replays read a person's cart history by seeks (the
    // list is `CART_HISTORY_EVENTS` of identity/cart-state.ts, spelled out because
    // the query must repeat it literally).
    index('events_cart_history')
      .on(table.personId, table.timestamp, table.event)
      .where(
        sql`event in ('Product Added', 'Product Removed', 'Cart Viewed', 'Checkout Started', 'Order Completed') and bot = 0 and person_id is not null`,
      ),
    // People search by email (queries/people-search.ts): the lowercased `email` trait
    // of identify calls, so that any spelling of an address finds the person without
    // reading every identify row's JSON.
    index('events_identify_email')
      .on(sql`lower(${table.traits} ->> 'email')`)
      .where(sql`type = 'identify'`),
  ],
);

export type EventRow = typeof events.$inferSelect;
export type NewEventRow = typeof events.$inferInsert;
