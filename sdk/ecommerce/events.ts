/**
 * Helper name → Segment E-commerce v2 event name. The single list both the
 * typed helpers and the script tag's `footfall.ecommerce` are made from.
 */
export const ECOMMERCE_EVENTS = {
  productViewed: 'Product Viewed',
  productAdded: 'Product Added',
  productRemoved: 'Product Removed',
  cartViewed: 'Cart Viewed',
  checkoutStarted: 'Checkout Started',
  checkoutStepCompleted: 'Checkout Step Completed',
  paymentInfoEntered: 'Payment Info Entered',
  orderCompleted: 'Order Completed',
  orderRefunded: 'Order Refunded',
  couponApplied: 'Coupon Applied',
} as const;

/** A Segment E-commerce v2 event name, e.g. `'Order Completed'`. */
export type EcommerceEventName = (typeof ECOMMERCE_EVENTS)[keyof typeof ECOMMERCE_EVENTS];

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
