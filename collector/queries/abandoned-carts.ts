import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/open-database';
import { cartHistoryWhere, inCartHistory } from '../identity/cart-history';
import { CART_ACTIVITY, cartStateOf, firstIdOf, isAbandoned, type AbandonedCart } from '../identity/cart-state';
import { durationField, rangeFields, rangeOf } from './query-input';

export { CART_ACTIVITY, CART_HISTORY_EVENTS, type AbandonedCart, type CartProduct } from '../identity/cart-state';

/** `GET /v1/query/abandoned-carts` query string. */
export const abandonedCartsSchema = z.object({
  idle: durationField.default(24 * 3_600_000),
  ...rangeFields,
});

export type AbandonedCartsParams = z.output<typeof abandonedCartsSchema>;

const ACTIVITY = sql.raw(CART_ACTIVITY.map((event) => `'${event}'`).join(', '));

/**
 * Persons whose latest cart activity in `[from, to)` is not followed by an `Order
 * Completed` within `idle` (at the same millisecond or later, inclusive), with the
 * cart as it stood then: `Product Added` minus `Product Removed` since their last
 * order before it, keyed by `product_id` (else `sku`, else `name`); value = Σ price ×
 * quantity. Ordered by that time, then by the person's first id (code point order).
 *
 * Most answers are kept ready: `cart_states` holds each person's cart as of their
 * latest activity ever, as JSON text, in listing order, so for persons whose latest
 * activity lies in the range SQLite only concatenates rows. Persons active in the
 * range but also after it, and rows a migration filled without a cart, are replayed
 * from their events with the same rules (`identity/cart-state.ts`).
 *
 * @example
 * await abandonedCarts(db, abandonedCartsSchema.parse({ idle: '24h', from: '2026-11-01', to: '2026-12-01' }))
 */
export async function abandonedCarts(db: Database, params: AbandonedCartsParams): Promise<{ carts: AbandonedCart[] }> {
  return JSON.parse(await abandonedCartsJson(db, params)) as { carts: AbandonedCart[] };
}

/**
 * The same answer as {@link abandonedCarts}, as the JSON text of `{ "carts": [...] }`,
 * assembled by SQLite from the stored cart texts and never parsed (5M events, 136k
 * carts, a 30 MB answer: ~270 ms to parse it and ~100 ms to serialise it again
 * would cost more than the query itself).
 *
 * @example
 * return c.body(await abandonedCartsJson(db, params), 200, { 'content-type': 'application/json' });
 */
export async function abandonedCartsJson(db: Database, params: AbandonedCartsParams): Promise<string> {
  const { from, to } = rangeOf(params);
  const carts = await replayed(db, params);
  const extra = JSON.stringify(carts.map((cart) => [Date.parse(cart.lastActivity), firstIdOf(cart), JSON.stringify(cart)]));
  // The (last_activity, first_id, person_id) key gives the kept carts in listing
  // order, and SQLite merges the few replayed ones in (a MERGE of two ordered
  // inputs, not a sort); group_concat keeps that order. One row out of SQLite
  // instead of one per cart (5M events: moving 138k rows costs ~300 ms).
  const [found] = await db.all<{ carts: string }>(sql`
    select '[' || coalesce(group_concat(cart, ','), '') || ']' as carts from (
      select last_activity, first_id, cart from cart_states
      where last_activity >= ${from} and last_activity < ${to} and cart is not null
        and (next_order is null or next_order > last_activity + ${params.idle})
      union all
      select value ->> 0, value ->> 1, value ->> 2 from json_each(${extra})
      order by 1, 2)`);
  return `{"carts":${found?.carts ?? '[]'}}`;
}

/**
 * Persons whose cart `cart_states` cannot give: rows a migration filled without a
 * cart, and persons active in the range whose latest activity lies after it.
 */
function personsToReplay(from: number, to: number) {
  return sql`
    select person_id from cart_states where last_activity >= ${from} and last_activity < ${to} and cart is null
    union
    select s.person_id from cart_states s where s.last_activity >= ${to}
      and exists (select 1 from events e indexed by events_cart_history
        where ${inCartHistory('e')} and e.event in (${ACTIVITY}) and e.person_id = s.person_id
          and e.timestamp >= ${from} and e.timestamp < ${to})`;
}

/**
 * The abandoned carts of those persons, worked out from their events, read in one
 * statement. Events from `to + idle` on cannot change the answer (the activity is
 * before `to`, and an order later than `idle` after it leaves the cart abandoned
 * just as no order does), so they are not read.
 */
async function replayed(db: Database, params: AbandonedCartsParams): Promise<AbandonedCart[]> {
  const { from, to } = rangeOf(params);
  const history = await cartHistoryWhere(db, personsToReplay(from, to), Math.min(to + params.idle, Number.MAX_SAFE_INTEGER));
  const carts: AbandonedCart[] = [];
  for (const [person, events] of history.events) {
    const state = cartStateOf(events, history.ids.get(person) ?? [], from, to);
    if (state && isAbandoned(state, params.idle)) carts.push(state.cart);
  }
  return carts;
}
