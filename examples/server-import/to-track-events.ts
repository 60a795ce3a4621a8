import type { TrackParams } from '@segment/analytics-node';
import type { CallRecord, StoreVisitRecord } from './records';

/*
 * Source records → Segment track calls. Each call's messageId is made from the
 * record's own id, so importing the same export twice stores nothing new: the
 * collector keeps one event per messageId and answers the rest as duplicates.
 */

/** A call becomes `Call Completed` on the `call_center` channel, at the time it started. */
export function callToTrack(call: CallRecord): TrackParams {
  return {
    messageId: `call-center:${call.call_id}`,
    userId: call.customer_id,
    event: 'Call Completed',
    properties: { call_id: call.call_id, topic: call.topic, outcome: call.outcome, duration_seconds: call.duration_seconds },
    context: { channel: 'call_center' },
    timestamp: call.started_at,
  };
}

/**
 * A store visit becomes `Store Visited` on the `store` channel and, when something
 * was bought, an `Order Completed` with the till's order (the same event the web
 * shop sends, so funnels, revenue and attribution count store orders too).
 */
export function storeVisitToTracks(visit: StoreVisitRecord): TrackParams[] {
  const context = { channel: 'store' };
  const visited: TrackParams = {
    messageId: `store:${visit.visit_id}`,
    userId: visit.customer_id,
    event: 'Store Visited',
    properties: { visit_id: visit.visit_id, store: visit.store },
    context,
    timestamp: visit.arrived_at,
  };
  const { purchase } = visit;
  if (!purchase) return [visited];
  const revenue = purchase.products.reduce((sum, p) => sum + p.price * p.quantity, 0);
  const ordered: TrackParams = {
    messageId: `store:${purchase.order_id}`,
    userId: visit.customer_id,
    event: 'Order Completed',
    properties: { order_id: purchase.order_id, store: visit.store, revenue, total: revenue, currency: purchase.currency, products: purchase.products },
    context,
    timestamp: purchase.paid_at,
  };
  return [visited, ordered];
}
