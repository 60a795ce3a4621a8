import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Abandoned-cart signals, at most one per cart (see `collector/signals/scan-carts.ts`).
 *
 * A *cart* is a person's cart events since their last order. Person ids change when
 * persons merge, so a cart is named by one of its events instead: `cart_event_id`,
 * the first cart event of the cart when it was signalled. Its unique index is the
 * "never twice" guarantee across processes and restarts; a cart that later grows by
 * a merge still holds that event, and the scan looks for it before signalling.
 */
export const cartSignals = sqliteTable(
  'cart_signals',
  {
    /** Orders the `GET /v1/live/abandoned-carts` stream and resumes it (`Last-Event-ID`). */
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Public, random id of the cart's signal; the webhook's `webhook-id` is `msg_<cartId>`. */
    cartId: text('cart_id').notNull().unique(),
    /** `events.id` of the cart's first cart event: stable through merges. */
    cartEventId: integer('cart_event_id').notNull().unique(),
    /** The person when signalled, refreshed when a scan finds the cart under a merged person. */
    personId: integer('person_id').notNull(),
    /** Latest cart activity of the cart known to be covered by this signal (epoch ms). */
    coveredActivity: integer('covered_activity').notNull(),
    /** The cart as it stood (`AbandonedCart` JSON: ids, last activity, products, value). */
    cart: text('cart').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [index('cart_signals_person').on(table.personId, table.coveredActivity)],
);

export type CartSignalRow = typeof cartSignals.$inferSelect;
export type NewCartSignalRow = typeof cartSignals.$inferInsert;
