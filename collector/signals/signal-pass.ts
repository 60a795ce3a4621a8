import type { Database } from '../db/open-database';
import type { Logger } from '../http/error-handler';
import { scanAbandonedCarts } from './scan-carts';
import type { SignalSettings } from './signal-runner';
import { webhookWorker } from './webhook-worker';

/**
 * One pass of the abandoned-cart signal, for runtimes without long-lived timers
 * (the Workers Cron Trigger in `edge.ts`): one scan, then the due webhook
 * deliveries, new and retried, until none is due or `budgetMs` has passed (what the
 * budget cuts short is sent on the next pass). Retries are therefore at most as
 * frequent as the trigger.
 *
 * @returns how many signals were created and webhook attempts made
 * @example
 * ctx.waitUntil(runSignalPass(db, config.signals));
 */
export async function runSignalPass(
  db: Database,
  settings: SignalSettings,
  options: { now?: () => number; budgetMs?: number; log?: Logger; fetch?: typeof fetch } = {},
): Promise<{ signals: number; attempts: number }> {
  const now = options.now ?? Date.now;
  const ids = await scanAbandonedCarts(db, { idleMs: settings.cartIdleMs, now: now(), webhook: !!settings.webhook });
  if (!settings.webhook) return { signals: ids.length, attempts: 0 };
  const deliver = webhookWorker({ db, target: settings.webhook, now, ...(options.log ? { log: options.log } : {}), ...(options.fetch ? { fetch: options.fetch } : {}) });
  const attempts = await deliver(AbortSignal.timeout(options.budgetMs ?? 20_000));
  return { signals: ids.length, attempts };
}
