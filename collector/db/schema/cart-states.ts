import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Each person's cart as of their latest cart activity, kept at ingest by
 * `collector/identity/plan-cart-writes.ts` (see `collector/identity/cart-state.ts`),
 * so that abandoned carts whose latest activity falls in the asked range are read
 * here instead of being replayed from the person's events.
 *
 * The table is `WITHOUT ROWID` (added to its migration by hand: drizzle-kit does not
 * model it), so rows lie in (last activity, first id, person) order — the order
 * abandoned carts are listed in — and a range is one sequential read, already sorted.
 */
export const cartStates = sqliteTable(
  'cart_states',
  {
    /** Stored time of the person's latest `Product Added`, `Cart Viewed` or `Checkout Started` (epoch ms). */
    lastActivity: integer('last_activity').notNull(),
    /**
     * The person's first id as the cart lists it: their least userId, else their
     * least anonymousId, in code point order (SQLite's BINARY order of UTF-8 text).
     * It orders carts of the same millisecond.
     */
    firstId: text('first_id').notNull(),
    personId: integer('person_id').notNull(),
    /** Their earliest `Order Completed` at or after it, null when none. */
    nextOrder: integer('next_order'),
    /**
     * The abandoned-cart entry as JSON text (`AbandonedCart`: ids, time, products,
     * value). Null for rows filled by migration 0008, which are replayed from the
     * events at query time until the person's next cart event or identity.
     */
    cart: text('cart'),
  },
  (table) => [
    primaryKey({ columns: [table.lastActivity, table.firstId, table.personId] }),
    index('cart_states_person').on(table.personId),
    // The rows abandoned carts replay from the events instead: few, and gone as their persons come back.
    index('cart_states_unfilled').on(table.lastActivity).where(sql`${table.cart} is null`),
  ],
);

export type CartStateRow = typeof cartStates.$inferSelect;
export type NewCartStateRow = typeof cartStates.$inferInsert;
