import { ECOMMERCE_EVENTS } from './events.js';
import type { Cart, CheckoutStep, CompletedOrder, CouponApplied, Order, Product, RefundedOrder, Tracker } from './types.js';

/** The helpers bound to one client: `window.footfall.ecommerce` of the script tag. */
export interface EcommerceApi {
  productViewed(product: Product): void;
  productAdded(product: Product): void;
  productRemoved(product: Product): void;
  cartViewed(cart: Cart): void;
  checkoutStarted(order: Order): void;
  checkoutStepCompleted(step: CheckoutStep): void;
  paymentInfoEntered(step: CheckoutStep): void;
  orderCompleted(order: CompletedOrder): void;
  orderRefunded(order: RefundedOrder): void;
  couponApplied(coupon: CouponApplied): void;
}

/**
 * Every e-commerce helper bound to `client`, made from the event list with
 * helper names derived from event names (the script tag ships this rather
 * than ten functions and ten names twice).
 * @param client the Footfall client
 * @returns an object with one method per event
 * @example
 * const shop = bindEcommerce(footfall);
 * shop.orderCompleted({ order_id: 'ord-1', revenue: 89, currency: 'EUR' });
 */
export function bindEcommerce(client: Tracker): EcommerceApi {
  const api: Record<string, (properties: Record<string, unknown>) => void> = {};
  for (const event of ECOMMERCE_EVENTS) {
    api[event[0]!.toLowerCase() + event.slice(1).replace(/ /g, '')] = (properties) => client.track(event, properties);
  }
  return api as unknown as EcommerceApi;
}
