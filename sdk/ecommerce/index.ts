export { bindEcommerce, type EcommerceApi } from './bind-ecommerce.js';
export { ECOMMERCE_EVENTS, GA4_EVENTS, type EcommerceEventName } from './events.js';
export {
  cartViewed,
  checkoutStarted,
  checkoutStepCompleted,
  couponApplied,
  orderCompleted,
  orderRefunded,
  paymentInfoEntered,
  productAdded,
  productRemoved,
  productViewed,
} from './helpers.js';
export type { Cart, CheckoutStep, CompletedOrder, CouponApplied, Order, Product, RefundedOrder, Tracker } from './types.js';
