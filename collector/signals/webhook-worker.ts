import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/open-database';
import { cartSignals, webhookDeliveries } from '../db/schema';
import type { Logger } from '../http/error-handler';
import { classify, parseRetryAfter } from '../../sdk/delivery/retry-policy';
import { DEFAULT_RETRY_SCHEDULE, retryDelay, type RetrySchedule } from './retry-schedule';
import { signalJson } from './signal-json';
import { webhookPoster, type Outcome } from './webhook-post';

/** Where cart signals are POSTed (`FOOTFALL_WEBHOOK_URL`, `FOOTFALL_WEBHOOK_SECRET`). */
export interface WebhookTarget {
  url: string;
  /** `whsec_<base64>` or any string of 16 bytes or more; never logged. */
  secret: string;
}

export interface WebhookWorkerOptions {
  db: Database;
  target: WebhookTarget;
  /** @default Date.now */
  now?: () => number;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** @default DEFAULT_RETRY_SCHEDULE */
  schedule?: RetrySchedule;
  /** How long one process holds a delivery it is sending; more than `timeoutMs`. @default 60000 */
  leaseMs?: number;
  /** An attempt without an answer by then failed (and is retried). @default 10000 */
  timeoutMs?: number;
  log?: Logger;
}

/**
 * Sends due webhook deliveries, one at a time, until none is due or `stop` aborts:
 * each is claimed by a lease in one statement (two processes never send the same
 * delivery at once), signed (Standard Webhooks), POSTed, and recorded. A 2xx ends
 * it (never sent again); 408, 429, 5xx and network errors are retried on the
 * schedule, honouring `Retry-After`; any other answer, or the last attempt, marks
 * it `failed` and logs it (by webhook id, never the payload or the secret).
 *
 * @returns a pass: resolves to the number of attempts it made
 * @example
 * const deliver = webhookWorker({ db, target: { url, secret } });
 * await deliver();
 */
export function webhookWorker(options: WebhookWorkerOptions): (stop?: AbortSignal) => Promise<number> {
  const { db } = options;
  const now = options.now ?? Date.now;
  const schedule = options.schedule ?? DEFAULT_RETRY_SCHEDULE;
  const post = webhookPoster({ ...options, now });
  const log = options.log ?? (() => undefined);

  return async (stop) => {
    let attempts = 0;
    while (!stop?.aborted) {
      const at = now();
      const due = sql`select signal_id from webhook_deliveries where status = 'pending' and next_attempt_at <= ${at}
        and (lease_until is null or lease_until <= ${at}) order by next_attempt_at limit 1`;
      // Looked for with a read first: the claim is a write, and an idle collector
      // should not take the database's write lock every second.
      if ((await db.all(due)).length === 0) return attempts;
      const [claimed] = await db.all<{ signal_id: number; attempts: number }>(sql`
        update webhook_deliveries set lease_until = ${at + (options.leaseMs ?? 60_000)}, attempts = attempts + 1
        where signal_id = (${due}) returning signal_id, attempts`);
      if (!claimed) continue;
      attempts++;
      const [row] = await db.select().from(cartSignals).where(eq(cartSignals.id, claimed.signal_id));
      const outcome = row ? await post(signalJson(row), stop) : { status: 0 as const, error: 'erased' };
      await record(db, claimed, outcome, now(), schedule, log);
    }
    return attempts;
  };
}

/** Writes an attempt's outcome, unless the lease was lost meanwhile (`attempts` moved on). */
async function record(db: Database, claimed: { signal_id: number; attempts: number }, outcome: Outcome, at: number, schedule: RetrySchedule, log: Logger): Promise<void> {
  const own = sql`${webhookDeliveries.signalId} = ${claimed.signal_id} and ${webhookDeliveries.attempts} = ${claimed.attempts}`;
  if (outcome === 'stopped') {
    // Shutdown cut it short: it does not count, and the next start sends it again.
    await db.update(webhookDeliveries).set({ attempts: claimed.attempts - 1, leaseUntil: null }).where(own);
    return;
  }
  const error = 'error' in outcome ? outcome.error : `HTTP ${outcome.status}`;
  const verdict = 'error' in outcome && outcome.error === 'erased' ? 'drop' : classify(outcome.status);
  const lastStatus = outcome.status === 0 ? null : outcome.status;
  if (verdict === 'sent') {
    await db.update(webhookDeliveries).set({ status: 'delivered', deliveredAt: at, leaseUntil: null, lastStatus, lastError: null }).where(own);
  } else if (verdict === 'retry' && claimed.attempts < schedule.attempts) {
    const asked = 'retryAfter' in outcome ? parseRetryAfter(outcome.retryAfter, at, schedule.maxDelayMs) : undefined;
    const nextAttemptAt = at + Math.max(retryDelay(claimed.attempts, schedule), asked ?? 0);
    await db.update(webhookDeliveries).set({ nextAttemptAt, leaseUntil: null, lastStatus, lastError: error }).where(own);
  } else {
    await db.update(webhookDeliveries).set({ status: 'failed', leaseUntil: null, lastStatus, lastError: error }).where(own);
    log(`webhook: delivery of cart signal ${claimed.signal_id} failed after ${claimed.attempts} attempt(s) (${error}); kept as failed in webhook_deliveries`);
  }
}
