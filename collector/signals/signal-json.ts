import type { CartSignalRow } from '../db/schema';
import type { AbandonedCart } from '../identity/cart-state';

/**
 * An abandoned-cart signal as the SSE channel and the webhook send it: the cart
 * exactly as `GET /v1/query/abandoned-carts` lists it.
 */
export interface CartSignal {
  /** Orders and resumes `GET /v1/live/abandoned-carts` (its SSE `id:`). */
  id: number;
  /** Stable, random id of the cart's one signal; the webhook's `webhook-id` is `msg_<cartId>`. */
  cartId: string;
  /** When the collector signalled it, ISO-8601. */
  createdAt: string;
  cart: AbandonedCart;
}

/**
 * A stored signal row as the {@link CartSignal} the outside sees.
 *
 * @example
 * JSON.stringify(signalJson(row)) // {"id":3,"cartId":"…","createdAt":"…","cart":{…}}
 */
export function signalJson(row: Pick<CartSignalRow, 'id' | 'cartId' | 'createdAt' | 'cart'>): CartSignal {
  return { id: row.id, cartId: row.cartId, createdAt: new Date(row.createdAt).toISOString(), cart: JSON.parse(row.cart) as AbandonedCart };
}
