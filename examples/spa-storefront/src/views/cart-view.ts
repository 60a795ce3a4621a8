import { cartViewed, productRemoved } from 'footfall/ecommerce';
import { money } from '../catalogue';
import { cartProducts, cartValue, removeFromCart } from '../cart';
import type { View } from '../router';
import type { Shop } from '../routes';

/** The cart: Cart Viewed when shown, Product Removed from each line's button. */
export function cartView({ footfall }: Shop): View {
  const render = (main: HTMLElement): void => {
    const products = cartProducts();
    if (products.length === 0) {
      main.innerHTML = '<h1>Your cart is empty</h1><p><a href="./">Find some shoes</a></p>';
      return;
    }
    const rows = products.map(
      (p) => `<tr><td>${p.name}</td><td>${p.quantity}</td><td>${money((p.price ?? 0) * (p.quantity ?? 1))}</td>
        <td><button type="button" class="link" data-remove="${p.product_id}">Remove</button></td></tr>`,
    );
    main.innerHTML = `<h1>Your cart</h1><table>${rows.join('')}</table>
      <p class="price">Total ${money(cartValue(products))}</p>
      <p><a id="go-to-checkout" href="checkout">Checkout</a></p>`;
    main.querySelectorAll<HTMLButtonElement>('[data-remove]').forEach((button) =>
      button.addEventListener('click', () => {
        const product = products.find((p) => p.product_id === button.dataset['remove']);
        if (!product) return;
        productRemoved(footfall, { ...product, quantity: removeFromCart(button.dataset['remove']!) });
        render(main);
      }),
    );
  };
  return { title: 'Cart', render, track: () => cartViewed(footfall, { products: cartProducts() }) };
}
