import type { Database } from '../db/open-database';
import type { Logger } from '../http/error-handler';
import type { RetrySchedule } from './retry-schedule';
import { scanAbandonedCarts } from './scan-carts';
import { webhookWorker, type WebhookTarget } from './webhook-worker';

/** The abandoned-cart signal's settings (`FOOTFALL_CART_IDLE`, `FOOTFALL_SIGNAL_INTERVAL`, `FOOTFALL_WEBHOOK_*`). */
export interface SignalSettings {
  /** @default 3600000 (1 h) */
  cartIdleMs: number;
  /** Time between scans; 0 turns the signal off. @default 30000 */
  intervalMs: number;
  webhook?: WebhookTarget | undefined;
}

export interface SignalRunnerOptions extends SignalSettings {
  db: Database;
  /** Told the ids of new signals (the live feed pokes its poller). */
  onSignals?: (ids: number[]) => void;
  /** How often due webhook retries are looked for. @default 1000 */
  webhookPollMs?: number;
  schedule?: RetrySchedule;
  /** @default 24 h, see `ScanOptions.maxLateMs` */
  maxLateMs?: number;
  now?: () => number;
  fetch?: typeof fetch;
  log?: Logger;
}

export interface SignalRunner {
  /** Stops both loops, cuts an in-flight webhook short (it is sent again later) and waits for them. */
  stop(): Promise<void>;
}

/**
 * Runs the abandoned-cart signal in a long-lived process: a scan every
 * `intervalMs`, and, with a webhook, a delivery loop that sends new signals at once
 * and retries when due. Failures are logged (by kind, never with data) and the loops
 * go on.
 *
 * @example
 * const runner = startSignalRunner({ db, cartIdleMs: 3_600_000, intervalMs: 30_000, onSignals: () => live.carts.poke() });
 * await runner.stop();
 */
export function startSignalRunner(options: SignalRunnerOptions): SignalRunner {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  const stopping = new AbortController();
  const deliver = options.webhook
    ? webhookWorker({ db: options.db, target: options.webhook, now, log, ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.schedule ? { schedule: options.schedule } : {}) })
    : undefined;

  const scan = loop(options.intervalMs, log, 'scan', async () => {
    const ids = await scanAbandonedCarts(options.db, { idleMs: options.cartIdleMs, now: now(), webhook: !!deliver, maxLateMs: options.maxLateMs });
    if (ids.length === 0) return;
    options.onSignals?.(ids);
    sending?.kick();
  });
  const sending = deliver ? loop(options.webhookPollMs ?? 1000, log, 'webhook', () => deliver(stopping.signal)) : undefined;
  if (options.intervalMs > 0) scan.kick();
  sending?.kick();

  return {
    async stop() {
      stopping.abort();
      await Promise.all([scan.stop(), sending?.stop()]);
    },
  };
}

/** A task run every `everyMs` (never two at once), that `kick` runs now. */
function loop(everyMs: number, log: Logger, name: string, task: () => Promise<unknown>) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let failing = false;
  const run = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = task()
      .then(
        () => {
          if (failing) log(`abandoned-cart signal: ${name} works again`);
          failing = false;
        },
        (error: unknown) => {
          // Once per outage, by kind only: driver errors quote statements and payloads.
          if (!failing) log(`abandoned-cart signal: ${name} failed (${error instanceof Error ? error.name : 'error'}); retrying`);
          failing = true;
        },
      )
      .finally(() => {
        running = undefined;
        if (stopped || everyMs <= 0) return;
        timer = setTimeout(run, again ? 0 : everyMs);
        again = false;
      });
  };
  return {
    kick: run,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
