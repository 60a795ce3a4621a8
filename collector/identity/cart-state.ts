/** Events that count as cart activity (CONTRACT §3). */
export const CART_ACTIVITY: readonly string[] = ['Product Added', 'Cart Viewed', 'Checkout Started'];

/** Every event a cart is worked out from: the `events_cart_history` index holds exactly these. */
export const CART_HISTORY_EVENTS: readonly string[] = ['Product Added', 'Product Removed', 'Cart Viewed', 'Checkout Started', 'Order Completed'];

/** The properties of an add or remove that the cart reads. */
export const PRODUCT_FIELDS = ['product_id', 'sku', 'name', 'price', 'quantity'] as const;
export type ProductFields = Partial<Record<(typeof PRODUCT_FIELDS)[number], unknown>>;

/** One of a person's cart events (see `CART_HISTORY_EVENTS`). */
export interface CartEvent {
  /** `events.id`, which orders events of the same millisecond. */
  id: number;
  timestamp: number;
  event: string;
  /** The product fields of a `Product Added` or `Product Removed`. */
  product?: ProductFields | undefined;
}

/** One of a person's ids, as `identities` holds it. */
export interface CartIdentity {
  kind: 'user' | 'anonymous';
  value: string;
}

/** A product left in a cart. */
export interface CartProduct {
  productId: string;
  name: string | null;
  price: number;
  quantity: number;
}

/** One abandoned cart, as `GET /v1/query/abandoned-carts` lists it. */
export interface AbandonedCart {
  userIds: string[];
  anonymousIds: string[];
  /** Time of the person's latest cart activity in the range, ISO-8601. */
  lastActivity: string;
  products: CartProduct[];
  value: number;
}

/** A person's cart as of their latest activity in a range. */
export interface CartState {
  /** Stored time of that activity (epoch ms). */
  at: number;
  /** Their earliest order at or after it, null when none. */
  nextOrder: number | null;
  cart: AbandonedCart;
}

/**
 * The person's latest cart activity in `[from, to)` and their cart as it stood then:
 * `Product Added` minus `Product Removed` since their last order before it (events
 * at the activity's millisecond included), keyed by `product_id` (else `sku`, else
 * `name`); value = Σ price × quantity. Null when there is no activity in the range.
 *
 * @param events the person's non-bot cart events, in any order
 * @param ids the person's ids
 * @example
 * cartStateOf(events, ids, -Infinity, Infinity) // the state `cart_states` keeps
 */
export function cartStateOf(events: readonly CartEvent[], ids: readonly CartIdentity[], from: number, to: number): CartState | null {
  const ordered = [...events].sort((a, b) => a.timestamp - b.timestamp || a.id - b.id);
  let at: number | undefined;
  for (const event of ordered) if (CART_ACTIVITY.includes(event.event) && event.timestamp >= from && event.timestamp < to) at = event.timestamp;
  if (at === undefined) return null;
  const orders = ordered.filter((event) => event.event === 'Order Completed');
  const lastOrder = orders.filter((order) => order.timestamp < (at as number)).at(-1)?.timestamp ?? -Infinity;
  const products = cartOf(ordered.filter((event) => event.timestamp > lastOrder && event.timestamp <= (at as number)));
  const sortedIds = [...ids].sort((a, b) => byCodePoint(a.value, b.value));
  return {
    at,
    nextOrder: orders.find((order) => order.timestamp >= (at as number))?.timestamp ?? null,
    cart: {
      userIds: sortedIds.filter((id) => id.kind === 'user').map((id) => id.value),
      anonymousIds: sortedIds.filter((id) => id.kind === 'anonymous').map((id) => id.value),
      lastActivity: new Date(at).toISOString(),
      products,
      value: Math.round(products.reduce((sum, product) => sum + product.price * product.quantity, 0) * 1e9) / 1e9,
    },
  };
}

/** Whether nothing was ordered within `idle` of the activity (inclusive). */
export function isAbandoned(state: Pick<CartState, 'at' | 'nextOrder'>, idle: number): boolean {
  return state.nextOrder === null || state.nextOrder > state.at + idle;
}

/** Adds minus removes, in time order; products at zero or below leave the cart. */
function cartOf(events: readonly CartEvent[]): CartProduct[] {
  const cart = new Map<string, CartProduct>();
  for (const { event, product } of events) {
    if (!product || (event !== 'Product Added' && event !== 'Product Removed')) continue;
    const id = [product.product_id, product.sku, product.name].find((value) => typeof value === 'string' || typeof value === 'number');
    if (id === undefined) continue;
    const quantity = numberOr(product.quantity, 1);
    const current = cart.get(String(id)) ?? {
      productId: String(id),
      name: typeof product.name === 'string' ? product.name : null,
      price: numberOr(product.price, 0),
      quantity: 0,
    };
    current.quantity += event === 'Product Added' ? quantity : -quantity;
    if (event === 'Product Added') current.price = numberOr(product.price, current.price);
    cart.set(String(id), current);
  }
  return [...cart.values()].filter((product) => product.quantity > 0);
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** The id that orders carts of one millisecond: the first userId, else the first anonymousId. */
export function firstIdOf(cart: Pick<AbandonedCart, 'userIds' | 'anonymousIds'>): string {
  return cart.userIds[0] ?? cart.anonymousIds[0] ?? '';
}

/** Code point order, which is SQLite's BINARY order of UTF-8 text (UTF-16 order differs past U+FFFF). */
export function byCodePoint(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let index = 0; index < Math.min(x.length, y.length); index++) {
    const difference = (x[index] as string).codePointAt(0)! - (y[index] as string).codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return x.length - y.length;
}
