import { productAdded, productViewed } from 'footfall/ecommerce';
import { money, type ShopProduct } from '../catalogue';
import { addToCart } from '../cart';
import type { View } from '../router';
import type { Shop } from '../routes';

/** One product: Product Viewed when shown, Product Added from its button. */
export function productView({ footfall }: Shop, product: ShopProduct): View {
  return {
    title: product.name,
    render(main) {
      main.innerHTML = `<h1>${product.name}</h1>
        <p>${product.category} · <a href="products/${product.product_id}#reviews">Reviews</a></p>
        <p class="price">${money(product.price)}</p>
        <button type="button" id="add-to-cart">Add to cart</button> <span id="added" role="status"></span>
        <p><a id="go-to-cart" href="cart">View cart</a></p>
        <section id="reviews"><h2>Reviews</h2><p>“Comfortable from the first day.” ★★★★★</p></section>`;
      main.querySelector('#add-to-cart')?.addEventListener('click', () => {
        addToCart(product.product_id);
        productAdded(footfall, { ...product, quantity: 1 });
        main.querySelector('#added')!.textContent = 'Added to your cart.';
      });
    },
    track: () => productViewed(footfall, product),
  };
}
