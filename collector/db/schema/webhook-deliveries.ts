import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The webhook delivery of each cart signal, written with the signal when a webhook
 * is configured (see `collector/signals/webhook-worker.ts`). It is the outbox:
 * `pending` until a 2xx answer (`delivered`) or the last attempt (`failed`, kept
 * with its last status and error so the failure stays visible).
 */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    /** `cart_signals.id`: one delivery per signal. */
    signalId: integer('signal_id').primaryKey(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] }).notNull(),
    /** Attempts started so far. */
    attempts: integer('attempts').notNull().default(0),
    /** When the next attempt is due (epoch ms). */
    nextAttemptAt: integer('next_attempt_at').notNull(),
    /**
     * Until when one process holds the delivery (epoch ms): another process leaves it
     * alone meanwhile, so two never send it at once; a crashed holder's lease expires.
     */
    leaseUntil: integer('lease_until'),
    /** HTTP status of the last attempt; null for a network error or timeout. */
    lastStatus: integer('last_status'),
    /** Why the last attempt failed, without the payload (`HTTP 503`, `timeout`, …). */
    lastError: text('last_error'),
    deliveredAt: integer('delivered_at'),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [index('webhook_deliveries_due').on(table.nextAttemptAt).where(sql`${table.status} = 'pending'`)],
);

export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
export type NewWebhookDeliveryRow = typeof webhookDeliveries.$inferInsert;
