import type { View } from '../router';

/** After the order: its id comes from the URL (`orders/:id`), so a reload keeps it. */
export function confirmationView(orderId: string): View {
  return {
    title: 'Thank you',
    render(main) {
      main.innerHTML = '<h1>Thank you!</h1><p>Your order <strong id="order-id"></strong> is on its way.</p><p><a href="./">Back to the shop</a></p>';
      // textContent: the id comes from the address bar, so it is never parsed as HTML.
      main.querySelector('#order-id')!.textContent = orderId;
    },
  };
}
