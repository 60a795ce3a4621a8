/*
 * What the two source systems export, as this example reads it. Both know the
 * customer by the shop's account id (`customer_id`): the call-centre agent looks
 * the caller up, the till scans the loyalty card. It is the `userId` the web shop
 * sends with `identify` once the shopper signs in or orders.
 */

/** One call, from the call-centre system's export (`data/calls.json`). */
export interface CallRecord {
  call_id: string;
  customer_id: string;
  /** ISO 8601 */
  started_at: string;
  duration_seconds: number;
  topic: string;
  outcome: string;
}

/** A product bought at the till. */
export interface TillProduct {
  product_id: string;
  sku: string;
  name: string;
  price: number;
  quantity: number;
}

/** One visit to a store, from the tills' export (`data/store-visits.json`). */
export interface StoreVisitRecord {
  visit_id: string;
  customer_id: string;
  store: string;
  /** ISO 8601 */
  arrived_at: string;
  /** What was bought, if anything. */
  purchase: { order_id: string; paid_at: string; currency: string; products: TillProduct[] } | null;
}
