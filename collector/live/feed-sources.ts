import { asc, gt, max } from 'drizzle-orm';
import type { Database } from '../db/open-database';
import { cartSignals, events } from '../db/schema';
import { signalJson } from '../signals/signal-json';
import type { FeedItem, FeedSource } from './tail';

/** An event as `GET /v1/live/events` sends it (`data:` of `event: event`). */
export interface LiveEvent {
  id: number;
  messageId: string;
  type: string;
  event: string | null;
  name: string | null;
  /** Stored (skew-corrected) event time, ISO-8601. */
  timestamp: string;
  receivedAt: string;
  anonymousId: string | null;
  userId: string | null;
  channel: string | null;
  pagePath: string | null;
  properties: Record<string, unknown> | null;
  context: Record<string, unknown> | null;
}

/**
 * The `events` table as a feed: every stored event, bots flagged.
 *
 * @example
 * new Tail(eventsSource(db), { event: 'event' })
 */
export function eventsSource(db: Database): FeedSource {
  return {
    async latestId() {
      const [row] = await db.select({ id: max(events.id) }).from(events);
      return row?.id ?? 0;
    },
    async after(after, limit) {
      const rows = await db
        .select({
          id: events.id,
          messageId: events.messageId,
          type: events.type,
          event: events.event,
          name: events.name,
          timestamp: events.timestamp,
          receivedAt: events.receivedAt,
          anonymousId: events.anonymousId,
          userId: events.userId,
          channel: events.channel,
          pagePath: events.pagePath,
          properties: events.properties,
          context: events.context,
          bot: events.bot,
        })
        .from(events)
        .where(gt(events.id, after))
        .orderBy(asc(events.id))
        .limit(limit);
      return rows.map(({ bot, ...row }): FeedItem => {
        const live: LiveEvent = { ...row, timestamp: new Date(row.timestamp).toISOString(), receivedAt: new Date(row.receivedAt).toISOString() };
        return { id: row.id, data: JSON.stringify(live), bot };
      });
    },
  };
}

/**
 * The `cart_signals` table as a feed: each abandoned-cart signal.
 *
 * @example
 * new Tail(signalsSource(db), { event: 'abandoned_cart' })
 */
export function signalsSource(db: Database): FeedSource {
  return {
    async latestId() {
      const [row] = await db.select({ id: max(cartSignals.id) }).from(cartSignals);
      return row?.id ?? 0;
    },
    async after(after, limit) {
      const rows = await db.select().from(cartSignals).where(gt(cartSignals.id, after)).orderBy(asc(cartSignals.id)).limit(limit);
      return rows.map((row): FeedItem => ({ id: row.id, data: JSON.stringify(signalJson(row)) }));
    },
  };
}
