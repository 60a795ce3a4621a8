/**
 * The Segment E-commerce v2 events Footfall has helpers for. The helper of
 * each is its name in camelCase (`'Order Completed'` → `orderCompleted`).
 */
export const ECOMMERCE_EVENTS = [
  'Product Viewed',
  'Product Added',
  'Product Removed',
  'Cart Viewed',
  'Checkout Started',
  'Checkout Step Completed',
  'Payment Info Entered',
  'Order Completed',
  'Order Refunded',
  'Coupon Applied',
] as const;

/** A Segment E-commerce v2 event name, e.g. `'Order Completed'`. */
export type EcommerceEventName = (typeof ECOMMERCE_EVENTS)[number];

/**
 * The GA4 recommended e-commerce event for each Segment event, for sites
 * that forward to Google Analytics or compare reports. Property names map
 * too: `product_id` → `item_id`, `name` → `item_name`, `products` → `items`,
 * `revenue`/`total` → `value`, `order_id` → `transaction_id`.
 * @example
 * GA4_EVENTS['Order Completed'] // 'purchase'
 */
export const GA4_EVENTS = {
  'Product Viewed': 'view_item',
  'Product Added': 'add_to_cart',
  'Product Removed': 'remove_from_cart',
  'Cart Viewed': 'view_cart',
  'Checkout Started': 'begin_checkout',
  'Checkout Step Completed': 'add_shipping_info',
  'Payment Info Entered': 'add_payment_info',
  'Order Completed': 'purchase',
  'Order Refunded': 'refund',
  'Coupon Applied': 'select_promotion',
} as const satisfies Record<EcommerceEventName, string>;
