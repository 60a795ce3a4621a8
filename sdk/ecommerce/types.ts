/**
 * Properties of the Segment E-commerce v2 events
 * (https://segment.com/docs/connections/spec/ecommerce/v2/), typed. Names are
 * Segment's snake_case wire names, so the events read the same in every
 * Segment-compatible tool. Extra properties of your own are allowed.
 */

/** One product, as in Product Viewed / Added / Removed and in `products[]`. */
export interface Product {
  product_id?: string;
  sku?: string;
  name?: string;
  brand?: string;
  variant?: string;
  category?: string;
  /** Unit price, in `currency`. */
  price?: number;
  quantity?: number;
  /** ISO 4217 code, e.g. `'EUR'`. */
  currency?: string;
  coupon?: string;
  /** Position in a list or grid, from 1. */
  position?: number;
  url?: string;
  image_url?: string;
  [property: string]: unknown;
}

/** A cart: Cart Viewed. */
export interface Cart {
  cart_id?: string;
  products?: Product[];
  [property: string]: unknown;
}

/** A checkout or an order: Checkout Started, Order Completed, Order Refunded. */
export interface Order {
  order_id?: string;
  checkout_id?: string;
  affiliation?: string;
  /** Revenue to attribute, usually without shipping and tax. */
  revenue?: number;
  /** What the customer pays: revenue − discount + shipping + tax. */
  total?: number;
  /** Value of the checkout when it started. */
  value?: number;
  shipping?: number;
  tax?: number;
  discount?: number;
  coupon?: string;
  currency?: string;
  products?: Product[];
  [property: string]: unknown;
}

/** A checkout step: Checkout Step Completed, Payment Info Entered. */
export interface CheckoutStep {
  checkout_id?: string;
  order_id?: string;
  step?: number;
  shipping_method?: string;
  payment_method?: string;
  [property: string]: unknown;
}

/** Coupon Applied. */
export interface CouponApplied {
  order_id?: string;
  cart_id?: string;
  coupon_id?: string;
  coupon_name?: string;
  discount?: number;
  [property: string]: unknown;
}

/** Order Completed: an order with its id required. */
export interface CompletedOrder extends Order {
  order_id: string;
}

/** Order Refunded: the order id, and products for a partial refund. */
export interface RefundedOrder extends Order {
  order_id: string;
}

/** Anything with Footfall's `track`: a client, or `window.footfall`. */
export interface Tracker {
  track(event: string, properties?: Record<string, unknown>): void;
}
