import type { Product } from 'footfall/ecommerce';

/** The shop's currency: every price and every e-commerce event is in it. */
export const CURRENCY = 'EUR';

/** A product of the shop, with the fields its e-commerce events carry. */
export interface ShopProduct extends Product {
  product_id: string;
  sku: string;
  name: string;
  category: string;
  price: number;
  currency: typeof CURRENCY;
}

const product = (product_id: string, sku: string, name: string, category: string, price: number): ShopProduct => ({
  product_id,
  sku,
  name,
  category,
  price,
  currency: CURRENCY,
});

/** A real shop fetches this from its API; a constant keeps the example about tracking. */
export const CATALOGUE: readonly ShopProduct[] = [
  product('sneaker-1', 'FFS-SNK-001', 'Trail Runner', 'Sneakers', 89),
  product('sneaker-2', 'FFS-SNK-002', 'City Sneaker', 'Sneakers', 79),
  product('boot-1', 'FFS-BOT-001', 'Chelsea Boot', 'Boots', 149),
  product('sandal-1', 'FFS-SDL-001', 'Cork Sandal', 'Sandals', 49),
  product('socks-1', 'FFS-ACC-001', 'Merino Socks', 'Accessories', 15),
];

/** The catalogue's categories, in catalogue order. */
export const CATEGORIES: readonly string[] = [...new Set(CATALOGUE.map((p) => p.category))];

/** The product with this id, if the shop sells it. */
export function findProduct(id: string): ShopProduct | undefined {
  return CATALOGUE.find((p) => p.product_id === id);
}

/** A price as the shopper reads it, e.g. `€89.00`. */
export function money(amount: number): string {
  return new Intl.NumberFormat('en', { style: 'currency', currency: CURRENCY }).format(amount);
}
