import type { Product } from 'footfall/ecommerce';
import { findProduct } from './catalogue';

/*
 * The cart is the shop's own state, kept in the shop's own localStorage (it is
 * needed for the purchase, whatever the shopper chose about analytics). Footfall
 * only hears about it through the e-commerce events the views send.
 */

const KEY = 'spa-shop:cart';

interface CartLine {
  productId: string;
  quantity: number;
}

function readLines(): CartLine[] {
  try {
    const lines: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(lines) ? (lines as CartLine[]) : [];
  } catch {
    return [];
  }
}

function writeLines(lines: CartLine[]): void {
  localStorage.setItem(KEY, JSON.stringify(lines));
  dispatchEvent(new Event('cart-change'));
}

/** Adds one of the product to the cart. */
export function addToCart(productId: string): void {
  const lines = readLines();
  const line = lines.find((l) => l.productId === productId);
  if (line) line.quantity += 1;
  else lines.push({ productId, quantity: 1 });
  writeLines(lines);
}

/** Takes the product's line out of the cart; returns how many there were. */
export function removeFromCart(productId: string): number {
  const lines = readLines();
  const removed = lines.find((l) => l.productId === productId)?.quantity ?? 0;
  writeLines(lines.filter((l) => l.productId !== productId));
  return removed;
}

/** Empties the cart, after an order. */
export function clearCart(): void {
  writeLines([]);
}

/** The cart as e-commerce products (with `quantity`), in the order they were added. */
export function cartProducts(): Product[] {
  return readLines().flatMap(({ productId, quantity }) => {
    const product = findProduct(productId);
    return product ? [{ ...product, quantity }] : [];
  });
}

/** What the cart's products cost together. */
export function cartValue(products: readonly Product[]): number {
  return products.reduce((sum, p) => sum + (p.price ?? 0) * (p.quantity ?? 1), 0);
}

/** How many items the cart holds, for the header. */
export function cartCount(): number {
  return readLines().reduce((sum, l) => sum + l.quantity, 0);
}
