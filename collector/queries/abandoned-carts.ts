import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/open-database';
import { cartHistoryOf, inCartHistory } from '../identity/cart-history';
import { CART_ACTIVITY, cartStateOf, isAbandoned, type AbandonedCart } from '../identity/cart-state';
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
 * quantity. Ordered by that time, then by the person's first id.
 *
 * Most answers are kept ready: `cart_states` holds each person's cart as of their
 * latest activity ever, as JSON text in activity order, so for persons whose latest
 * activity lies in the range SQLite only concatenates rows. Persons active in the
 * range but also after it, and rows a migration filled without a cart, are replayed
 * from their events with the same rules (`identity/cart-state.ts`).
 *
 * @example
 * await abandonedCarts(db, abandonedCartsSchema.parse({ idle: '24h', from: '2026-11-01', to: '2026-12-01' }))
 */
export async function abandonedCarts(db: Database, params: AbandonedCartsParams): Promise<{ carts: AbandonedCart[] }> {
  const { from, to } = rangeOf(params);
  // The (last_activity, person_id) key gives the range already sorted; group_concat
  // keeps that order. One row out of SQLite instead of one per cart (5M events:
  // moving 138k rows costs ~300 ms, parsing one JSON text ~110 ms).
  const [kept] = await db.all<{ carts: string; replay: string | null }>(sql`
    select '[' || coalesce(group_concat(cart, ','), '') || ']' as carts,
      group_concat(case when cart is null then person_id end, ',') as replay from (
      select cart, person_id from cart_states
      where last_activity >= ${from} and last_activity < ${to}
        and (next_order is null or next_order > last_activity + ${params.idle})
      order by last_activity, person_id)`);
  const later = await db.all<{ person: number }>(sql`
    select s.person_id as person from cart_states s where s.last_activity >= ${to}
      and exists (select 1 from events e indexed by events_cart_history
        where ${inCartHistory('e')} and e.event in (${ACTIVITY}) and e.person_id = s.person_id
          and e.timestamp >= ${from} and e.timestamp < ${to})`);
  const carts = fixTies(JSON.parse(kept?.carts ?? '[]') as AbandonedCart[]);
  const replay = [...(kept?.replay ? kept.replay.split(',').map(Number) : []), ...later.map((row) => Number(row.person))];
  if (replay.length === 0) return { carts };
  const history = await cartHistoryOf(db, replay);
  const replayed: { at: number; cart: AbandonedCart }[] = [];
  for (const person of replay) {
    const state = cartStateOf(history.events.get(person) ?? [], history.ids.get(person) ?? [], from, to);
    if (state && isAbandoned(state, params.idle)) replayed.push({ at: state.at, cart: state.cart });
  }
  const all = [...carts.map((cart) => ({ at: Date.parse(cart.lastActivity), cart })), ...replayed];
  return { carts: all.sort((a, b) => a.at - b.at || firstId(a.cart).localeCompare(firstId(b.cart))).map(({ cart }) => cart) };
}

/** Carts in time order, where those of one millisecond follow their first ids. */
function fixTies(carts: AbandonedCart[]): AbandonedCart[] {
  for (let start = 0; start < carts.length; ) {
    let end = start + 1;
    while (end < carts.length && (carts[end] as AbandonedCart).lastActivity === (carts[start] as AbandonedCart).lastActivity) end++;
    if (end - start > 1) {
      const run = carts.slice(start, end).sort((a, b) => firstId(a).localeCompare(firstId(b)));
      for (let index = start; index < end; index++) carts[index] = run[index - start] as AbandonedCart;
    }
    start = end;
  }
  return carts;
}

function firstId(cart: AbandonedCart): string {
  return cart.userIds[0] ?? cart.anonymousIds[0] ?? '';
}
