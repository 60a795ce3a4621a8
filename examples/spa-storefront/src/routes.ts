import type { FootfallClient } from 'footfall';
import { findProduct } from './catalogue';
import type { Routes } from './router';
import { cartView } from './views/cart-view';
import { checkoutView } from './views/checkout-view';
import { confirmationView } from './views/confirmation-view';
import { notFoundView } from './views/not-found-view';
import { productListView } from './views/product-list-view';
import { productView } from './views/product-view';

/** What views need of the app: the Footfall client and the router. */
export interface Shop {
  footfall: FootfallClient;
  navigate(href: string): void;
}

/**
 * The shop's routes, below its base URL: `''` (all products, `?category=Boots`),
 * `products/:id`, `cart`, `checkout`, `orders/:id`.
 */
export const shopRoutes =
  (shop: Shop): Routes =>
  (path, query) => {
    const [section, id, ...rest] = path.split('/');
    if (rest.length > 0) return notFoundView();
    switch (section) {
      case '':
        return productListView(query.get('category'));
      case 'products': {
        const product = id ? findProduct(id) : undefined;
        return product ? productView(shop, product) : notFoundView();
      }
      case 'cart':
        return cartView(shop);
      case 'checkout':
        return checkoutView(shop);
      case 'orders':
        return id ? confirmationView(id) : notFoundView();
      default:
        return notFoundView();
    }
  };
