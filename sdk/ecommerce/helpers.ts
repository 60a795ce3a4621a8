import type { Cart, CheckoutStep, CompletedOrder, CouponApplied, Order, Product, RefundedOrder, Tracker } from './types.js';

/*
 * One function per event, so a bundler keeps only those a shop calls. Each
 * is `track` with the event name fixed and the properties typed.
 */

/**
 * Product Viewed (GA4 `view_item`).
 * @param client the Footfall client (or `window.footfall`)
 * @param product the product shown
 * @example
 * productViewed(footfall, { product_id: 'sneaker-1', name: 'Trail Runner', price: 89, currency: 'EUR' });
 */
export const productViewed = (client: Tracker, product: Product): void => client.track('Product Viewed', product);

/**
 * Product Added to the cart (GA4 `add_to_cart`).
 * @param client the Footfall client
 * @param product the product, with `quantity`
 * @example
 * productAdded(footfall, { product_id: 'sneaker-1', price: 89, quantity: 1 });
 */
export const productAdded = (client: Tracker, product: Product): void => client.track('Product Added', product);

/**
 * Product Removed from the cart (GA4 `remove_from_cart`).
 * @param client the Footfall client
 * @param product the product, with `quantity`
 * @example
 * productRemoved(footfall, { product_id: 'sneaker-1', quantity: 1 });
 */
export const productRemoved = (client: Tracker, product: Product): void => client.track('Product Removed', product);

/**
 * Cart Viewed (GA4 `view_cart`).
 * @param client the Footfall client
 * @param cart the cart's products
 * @example
 * cartViewed(footfall, { products: [{ product_id: 'sneaker-1', price: 89, quantity: 1 }] });
 */
export const cartViewed = (client: Tracker, cart: Cart): void => client.track('Cart Viewed', cart);

/**
 * Checkout Started (GA4 `begin_checkout`).
 * @param client the Footfall client
 * @param order the order about to be placed
 * @example
 * checkoutStarted(footfall, { value: 89, revenue: 89, currency: 'EUR', products });
 */
export const checkoutStarted = (client: Tracker, order: Order): void => client.track('Checkout Started', order);

/**
 * Checkout Step Completed (GA4 `add_shipping_info` for the shipping step).
 * @param client the Footfall client
 * @param step the step, e.g. `{ step: 2, shipping_method: 'DHL' }`
 * @example
 * checkoutStepCompleted(footfall, { checkout_id: 'co-1', step: 2, shipping_method: 'DHL' });
 */
export const checkoutStepCompleted = (client: Tracker, step: CheckoutStep): void =>
  client.track('Checkout Step Completed', step);

/**
 * Payment Info Entered (GA4 `add_payment_info`).
 * @param client the Footfall client
 * @param step the step, e.g. `{ payment_method: 'card' }`
 * @example
 * paymentInfoEntered(footfall, { checkout_id: 'co-1', step: 3, payment_method: 'card' });
 */
export const paymentInfoEntered = (client: Tracker, step: CheckoutStep): void => client.track('Payment Info Entered', step);

/**
 * Order Completed (GA4 `purchase`): the conversion of attribution reports.
 * @param client the Footfall client
 * @param order the order, `order_id` required
 * @example
 * orderCompleted(footfall, { order_id: 'ord-1', revenue: 89, total: 93.9, shipping: 4.9, currency: 'EUR', products });
 */
export const orderCompleted = (client: Tracker, order: CompletedOrder): void => client.track('Order Completed', order);

/**
 * Order Refunded (GA4 `refund`); list `products` for a partial refund.
 * @param client the Footfall client
 * @param order the order, `order_id` required
 * @example
 * orderRefunded(footfall, { order_id: 'ord-1', total: 93.9, currency: 'EUR' });
 */
export const orderRefunded = (client: Tracker, order: RefundedOrder): void => client.track('Order Refunded', order);

/**
 * Coupon Applied (GA4 `select_promotion` is the nearest).
 * @param client the Footfall client
 * @param coupon the coupon
 * @example
 * couponApplied(footfall, { order_id: 'ord-1', coupon_id: 'SPRING10', discount: 8.9 });
 */
export const couponApplied = (client: Tracker, coupon: CouponApplied): void => client.track('Coupon Applied', coupon);
