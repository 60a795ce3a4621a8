import { and, desc, eq, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { KeyRing } from '../config/keys';
import type { Database } from '../db/open-database';
import { cartSignals, webhookDeliveries } from '../db/schema';
import { ApiError } from '../http/api-error';
import { requireKey } from '../http/bearer-auth';
import { parseQuery } from '../queries/query-input';
import { signalJson, type CartSignal } from './signal-json';

/** `GET /v1/signals/abandoned-carts` query string. */
export const signalListSchema = z.object({
  /** Only signals whose webhook delivery is in this state; `none`: no delivery (no webhook then). */
  status: z.enum(['pending', 'delivered', 'failed', 'none']).optional(),
  /** Signals with a smaller id: the next page. */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** A signal with the state of its webhook delivery. */
export interface ListedSignal extends CartSignal {
  delivery: {
    status: 'pending' | 'delivered' | 'failed';
    attempts: number;
    nextAttemptAt: string | null;
    lastStatus: number | null;
    lastError: string | null;
    deliveredAt: string | null;
  } | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Abandoned-cart signals and their webhook deliveries, to be mounted at `/v1`:
 *
 * - `GET /signals/abandoned-carts?status=failed&limit=100&before=<id>` (read key):
 *   newest first, `{ signals: [...] }`, each with its `delivery` (null without one);
 * - `POST /signals/abandoned-carts/:cartId/redeliver` (admin key): sends the signal's
 *   webhook again from the first attempt, whatever became of it.
 *
 * @example
 * app.route('/v1', signalRoutes({ db, keys }));
 */
export function signalRoutes(deps: { db: Database; keys: KeyRing }): Hono {
  const { db } = deps;
  const routes = new Hono();
  routes.get('/signals/abandoned-carts', requireKey(deps.keys, 'read'), async (c) => {
    const params = parseQuery(signalListSchema, c.req.query());
    const where: (SQL | undefined)[] = [params.before ? lt(cartSignals.id, params.before) : undefined];
    if (params.status === 'none') where.push(isNull(webhookDeliveries.signalId));
    else if (params.status) where.push(eq(webhookDeliveries.status, params.status));
    const rows = await db
      .select({ signal: cartSignals, delivery: webhookDeliveries })
      .from(cartSignals)
      .leftJoin(webhookDeliveries, eq(webhookDeliveries.signalId, cartSignals.id))
      .where(and(...where))
      .orderBy(desc(cartSignals.id))
      .limit(params.limit);
    const signals = rows.map(({ signal, delivery }): ListedSignal => ({
      ...signalJson(signal),
      delivery: delivery && {
        status: delivery.status,
        attempts: delivery.attempts,
        nextAttemptAt: delivery.status === 'pending' ? iso(delivery.nextAttemptAt) : null,
        lastStatus: delivery.lastStatus,
        lastError: delivery.lastError,
        deliveredAt: iso(delivery.deliveredAt),
      },
    }));
    return c.json({ signals });
  });
  routes.post('/signals/abandoned-carts/:cartId/redeliver', requireKey(deps.keys, 'admin'), async (c) => {
    const [signal] = await db.select({ id: cartSignals.id }).from(cartSignals).where(eq(cartSignals.cartId, c.req.param('cartId')));
    if (!signal) throw new ApiError(404, 'not_found', 'No abandoned-cart signal has this cartId.');
    const now = Date.now();
    // A delivery in flight keeps its lease (the resend waits for it to expire), and
    // its holder's result no longer matches `attempts`, so it cannot undo the reset.
    await db.run(sql`insert into ${webhookDeliveries} (signal_id, status, attempts, next_attempt_at, created_at)
      values (${signal.id}, 'pending', 0, ${now}, ${now})
      on conflict (signal_id) do update set status = 'pending', attempts = 0, next_attempt_at = ${now}, delivered_at = null`);
    return c.json({ success: true, status: 'pending' });
  });
  return routes;
}
