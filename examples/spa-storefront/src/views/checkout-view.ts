import { checkoutStarted, checkoutStepCompleted, orderCompleted, paymentInfoEntered } from 'footfall/ecommerce';
import { CURRENCY, money } from '../catalogue';
import { cartProducts, cartValue, clearCart } from '../cart';
import type { View } from '../router';
import type { Shop } from '../routes';
import { placeOrder, type PlacedOrder } from '../shop-api';

const SHIPPING = { standard: 0, express: 9.9 } as const;
type ShippingMethod = keyof typeof SHIPPING;

/**
 * Checkout in two steps on one URL, shipping then payment: Checkout Started when
 * shown, Checkout Step Completed and Payment Info Entered as each step is done,
 * then identify and Order Completed when the order is placed.
 */
export function checkoutView({ footfall, navigate }: Shop): View {
  const products = cartProducts();
  const value = cartValue(products);
  const checkoutId = `co-${crypto.getRandomValues(new Uint32Array(1))[0]!.toString(36)}`;

  const shippingStep = (main: HTMLElement): void => {
    main.innerHTML = `<h1>Checkout</h1><p class="price">Your cart: ${money(value)}</p>
      <form id="shipping-form"><h2>1. Shipping</h2>
        <label>Name <input name="name" required autocomplete="name"></label>
        <label>Email <input name="email" type="email" required autocomplete="email"></label>
        <label><input type="radio" name="shipping" value="standard" checked> Standard, free</label>
        <label><input type="radio" name="shipping" value="express"> Express, ${money(SHIPPING.express)}</label>
        <button type="submit">Continue to payment</button>
      </form>`;
    onSubmit(main, '#shipping-form', (form) => {
      const shipping = form.get('shipping') as ShippingMethod;
      checkoutStepCompleted(footfall, { checkout_id: checkoutId, step: 1, shipping_method: shipping });
      paymentStep(main, { name: String(form.get('name')), email: String(form.get('email')), shipping });
    });
  };

  const paymentStep = (main: HTMLElement, customer: { name: string; email: string; shipping: ShippingMethod }): void => {
    const total = value + SHIPPING[customer.shipping];
    main.innerHTML = `<h1>Checkout</h1><p class="price">To pay: ${money(total)}</p>
      <form id="payment-form"><h2>2. Payment</h2>
        <label><input type="radio" name="payment" value="card" checked> Card</label>
        <label><input type="radio" name="payment" value="invoice"> Invoice</label>
        <button type="submit" id="place-order">Place order</button> <span id="order-error" role="alert"></span>
      </form>`;
    onSubmit(main, '#payment-form', async (form) => {
      const button = main.querySelector<HTMLButtonElement>('#place-order')!;
      button.disabled = true;
      paymentInfoEntered(footfall, { checkout_id: checkoutId, step: 2, payment_method: String(form.get('payment')) });
      let order: PlacedOrder;
      try {
        order = await placeOrder({ name: customer.name, email: customer.email, products });
      } catch {
        // No order, so no Order Completed: the shopper may try again.
        button.disabled = false;
        main.querySelector('#order-error')!.textContent = 'Your order could not be placed. Please try again.';
        return;
      }
      // Identify before the order, so that Order Completed carries the customer's id
      // and the journey joins their other devices and channels.
      footfall.identify(order.customerId, { email: customer.email });
      orderCompleted(footfall, {
        order_id: order.orderId,
        checkout_id: checkoutId,
        revenue: value,
        shipping: SHIPPING[customer.shipping],
        total,
        currency: CURRENCY,
        products,
      });
      clearCart();
      // The order is the event that counts most: send it now, not with the next batch.
      void footfall.flush();
      navigate(`orders/${order.orderId}`);
    });
  };

  return {
    title: 'Checkout',
    render(main) {
      if (products.length === 0) main.innerHTML = '<h1>Nothing to check out</h1><p><a href="./">Back to the shop</a></p>';
      else shippingStep(main);
    },
    track: () => {
      if (products.length > 0) checkoutStarted(footfall, { checkout_id: checkoutId, value, revenue: value, currency: CURRENCY, products });
    },
  };
}

/** Calls `handle` with the form's data when it is submitted, instead of posting it. */
function onSubmit(main: HTMLElement, selector: string, handle: (data: FormData) => void | Promise<void>): void {
  const form = main.querySelector<HTMLFormElement>(selector)!;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void handle(new FormData(form));
  });
}
