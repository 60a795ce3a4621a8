import type { Product } from 'footfall/ecommerce';

/** What the checkout sends to the shop's backend. */
export interface OrderRequest {
  email: string;
  name: string;
  products: Product[];
}

/** What the backend answers: the order's id and the customer's account id. */
export interface PlacedOrder {
  orderId: string;
  customerId: string;
}

/**
 * Stands in for the shop's backend, which would store the order and answer with
 * its id and the customer's account id. The id is made from the email here, so
 * that the same shopper is the same customer on every device and in the
 * call-centre and till data of `examples/server-import` (ada@example.com is
 * `cust-bef5cfd2` there).
 */
export async function placeOrder(request: OrderRequest): Promise<PlacedOrder> {
  const orderId = `ord-${crypto.getRandomValues(new Uint32Array(1))[0]!.toString(36)}`;
  return { orderId, customerId: `cust-${fnv1a(request.email.trim().toLowerCase())}` };
}

/** FNV-1a, 32 bits, as 8 hex digits: a short stable id, not a secret. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}
