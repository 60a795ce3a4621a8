import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/open-database';
import { identities } from '../db/schema';
import { durationField, rangeFields, rangeOf } from './query-input';

/** Events that count as cart activity (CONTRACT §3). */
export const CART_ACTIVITY = ['Product Added', 'Cart Viewed', 'Checkout Started'];

/** Every event the report reads: the `events_cart_history` index holds exactly these. */
export const CART_HISTORY_EVENTS = ['Product Added', 'Product Removed', 'Cart Viewed', 'Checkout Started', 'Order Completed'];

/** `GET /v1/query/abandoned-carts` query string. */
export const abandonedCartsSchema = z.object({
  idle: durationField.default(24 * 3_600_000),
  ...rangeFields,
});

export type AbandonedCartsParams = z.output<typeof abandonedCartsSchema>;

/** A product left in a cart. */
export interface CartProduct {
  productId: string;
  name: string | null;
  price: number;
  quantity: number;
}

/** One abandoned cart. */
export interface AbandonedCart {
  userIds: string[];
  anonymousIds: string[];
  /** Time of the person's latest cart activity in the range, ISO-8601. */
  lastActivity: string;
  products: CartProduct[];
  value: number;
}

/**
 * `events_cart_history`'s partial-index condition, spelled as in the index: SQLite
 * only uses a partial index when the query repeats its WHERE terms literally (bound
 * parameters do not match), hence constant SQL text here.
 */
const inHistory = (alias: string) =>
  sql.raw(`${alias}.event in (${CART_HISTORY_EVENTS.map((event) => `'${event}'`).join(', ')}) and ${alias}.bot = 0 and ${alias}.person_id is not null`);
const ACTIVITY = sql.raw(CART_ACTIVITY.map((event) => `'${event}'`).join(', '));

/** The properties `cartOf` reads: only these leave SQLite, not the whole payloads. */
const PRODUCT_FIELDS = ['product_id', 'sku', 'name', 'price', 'quantity'] as const;
/** Each field as JSON (`json()` keeps a number a number and an object an object). */
const PRODUCT_JSON = sql.raw(PRODUCT_FIELDS.map((field) => `json(e.properties -> '$.${field}')`).join(', '));

interface CartRow {
  person: number;
  at: number;
  /** JSON `[[kind, value], …]`, by value. */
  ids: string;
  /** JSON `[[event, ...PRODUCT_FIELDS], …]`, the cart's adds and removes in time order. */
  items: string;
}

/**
 * Persons whose latest cart activity in `[from, to)` is not followed by an `Order
 * Completed` within `idle` (at the same millisecond or later, inclusive), with the
 * cart as it stood then: `Product Added` minus `Product Removed` since their last
 * order before it, keyed by `product_id` (else `sku`, else `name`); value = Σ price × quantity.
 *
 * SQLite does the reducing in one statement over the `events_cart_history` index (a
 * person's cart and order events in time order): latest activity per person, the
 * order check and the last order before it are index seeks, and only the abandoned
 * carts' adds and removes are read from the rows.
 *
 * @example
 * await abandonedCarts(db, abandonedCartsSchema.parse({ idle: '24h', from: '2026-11-01', to: '2026-12-01' }))
 */
export async function abandonedCarts(db: Database, params: AbandonedCartsParams): Promise<{ carts: AbandonedCart[] }> {
  const { from, to } = rangeOf(params);
  const history = (alias: string) => sql.raw(`events ${alias} indexed by events_cart_history`);
  const rows = await db.all<CartRow>(sql`
    with latest as (
      select person_id as person, max(timestamp) as at from ${history('l')}
      where ${inHistory('l')} and l.event in (${ACTIVITY}) and l.timestamp >= ${from} and l.timestamp < ${to}
      group by person_id),
    abandoned as materialized (
      select person, at,
        (select max(o.timestamp) from ${history('o')}
          where ${inHistory('o')} and o.event = 'Order Completed' and o.person_id = latest.person and o.timestamp < latest.at) as last_order,
        (select json_group_array(json_array(kind, value)) from
          (select kind, value from ${identities} where person_id = latest.person order by value)) as ids
      from latest
      where not exists (select 1 from ${history('o')}
        where ${inHistory('o')} and o.event = 'Order Completed' and o.person_id = latest.person
          and o.timestamp >= latest.at and o.timestamp <= latest.at + ${params.idle}))
    select person, at, ids,
      (select json_group_array(json_array(e.event, ${PRODUCT_JSON}) order by e.timestamp, e.id)
        from ${history('e')}
        where ${inHistory('e')} and e.event in ('Product Added', 'Product Removed') and e.person_id = a.person
          and e.timestamp > coalesce(a.last_order, -8.64e15) and e.timestamp <= a.at) as items
    from abandoned a`);
  const carts = rows.map((row) => {
    // One [event, ...PRODUCT_FIELDS] array per add or remove, in time order.
    const items = JSON.parse(row.items) as [string, ...unknown[]][];
    const products = cartOf(items.map(([event, ...values]) => ({ event, properties: Object.fromEntries(PRODUCT_FIELDS.map((field, index) => [field, values[index]])) })));
    const ids = JSON.parse(row.ids) as ['user' | 'anonymous', string][];
    const at = Number(row.at);
    return {
      at,
      userIds: ids.filter(([kind]) => kind === 'user').map(([, value]) => value),
      anonymousIds: ids.filter(([kind]) => kind === 'anonymous').map(([, value]) => value),
      lastActivity: new Date(at).toISOString(),
      products,
      value: Math.round(products.reduce((sum, product) => sum + product.price * product.quantity, 0) * 1e9) / 1e9,
    };
  });
  carts.sort((a, b) => a.at - b.at || (a.userIds[0] ?? a.anonymousIds[0] ?? '').localeCompare(b.userIds[0] ?? b.anonymousIds[0] ?? ''));
  return { carts: carts.map(({ at: _at, ...cart }) => cart) };
}

/** Adds minus removes, in time order; products at zero or below leave the cart. */
function cartOf(rows: { event: string | null; properties: Record<string, unknown> | null }[]): CartProduct[] {
  const cart = new Map<string, CartProduct>();
  for (const row of rows) {
    const properties = row.properties ?? {};
    const id = [properties['product_id'], properties['sku'], properties['name']].find((value) => typeof value === 'string' || typeof value === 'number');
    if (id === undefined || (row.event !== 'Product Added' && row.event !== 'Product Removed')) continue;
    const quantity = numberOr(properties['quantity'], 1);
    const current = cart.get(String(id)) ?? {
      productId: String(id),
      name: typeof properties['name'] === 'string' ? properties['name'] : null,
      price: numberOr(properties['price'], 0),
      quantity: 0,
    };
    current.quantity += row.event === 'Product Added' ? quantity : -quantity;
    if (row.event === 'Product Added') current.price = numberOr(properties['price'], current.price);
    cart.set(String(id), current);
  }
  return [...cart.values()].filter((product) => product.quantity > 0);
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
