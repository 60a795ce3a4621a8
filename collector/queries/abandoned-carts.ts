import { and, asc, eq, gte, inArray, lt, max } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/open-database';
import { events, identities } from '../db/schema';
import { durationField, rangeFields, rangeOf } from './query-input';

/** Events that count as cart activity (CONTRACT §3). */
export const CART_ACTIVITY = ['Product Added', 'Cart Viewed', 'Checkout Started'];

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

const PERSONS_PER_QUERY = 500;

/**
 * Persons whose latest cart activity in `[from, to)` is not followed by an `Order
 * Completed` within `idle` (at the same millisecond or later, inclusive), with the
 * cart as it stood then: `Product Added` minus `Product Removed` since their last
 * order before it, keyed by `product_id` (else `sku`, else `name`); value = Σ price × quantity.
 *
 * @example
 * await abandonedCarts(db, abandonedCartsSchema.parse({ idle: '24h', from: '2026-11-01', to: '2026-12-01' }))
 */
export async function abandonedCarts(db: Database, params: AbandonedCartsParams): Promise<{ carts: AbandonedCart[] }> {
  const { from, to } = rangeOf(params);
  const latest = await db
    .select({ personId: events.personId, at: max(events.timestamp) })
    .from(events)
    .where(and(inArray(events.event, CART_ACTIVITY), gte(events.timestamp, from), lt(events.timestamp, to), eq(events.bot, false)))
    .groupBy(events.personId);
  const carts: (AbandonedCart & { at: number })[] = [];
  for (let start = 0; start < latest.length; start += PERSONS_PER_QUERY) {
    const chunk = latest.slice(start, start + PERSONS_PER_QUERY).filter((row) => row.personId !== null);
    const persons = chunk.map((row) => row.personId as number);
    const history = await db
      .select({ personId: events.personId, event: events.event, timestamp: events.timestamp, properties: events.properties })
      .from(events)
      .where(and(inArray(events.personId, persons), inArray(events.event, ['Order Completed', 'Product Added', 'Product Removed']), eq(events.bot, false)))
      .orderBy(asc(events.personId), asc(events.timestamp), asc(events.id));
    const ids = await db.select().from(identities).where(inArray(identities.personId, persons)).orderBy(asc(identities.value));
    for (const { personId, at } of chunk) {
      const own = history.filter((row) => row.personId === personId);
      const time = at as number;
      if (own.some((row) => row.event === 'Order Completed' && row.timestamp >= time && row.timestamp <= time + params.idle)) continue;
      const lastOrder = Math.max(-Infinity, ...own.filter((row) => row.event === 'Order Completed' && row.timestamp < time).map((row) => row.timestamp));
      const products = cartOf(own.filter((row) => row.timestamp > lastOrder && row.timestamp <= time));
      const mine = ids.filter((row) => row.personId === personId);
      carts.push({
        at: time,
        userIds: mine.filter((row) => row.kind === 'user').map((row) => row.value),
        anonymousIds: mine.filter((row) => row.kind === 'anonymous').map((row) => row.value),
        lastActivity: new Date(time).toISOString(),
        products,
        value: Math.round(products.reduce((sum, product) => sum + product.price * product.quantity, 0) * 1e9) / 1e9,
      });
    }
  }
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
