import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import type { KeyRing } from './config/keys';
import type { RateLimits } from './config/load-config';
import { RateLimiter } from './guard/rate-limiter';
import type { Database } from './db/open-database';
import { ApiError } from './http/api-error';
import type { PeerAddress } from './http/client-address';
import { errorHandler, type Logger } from './http/error-handler';
import { ingestCors } from './http/ingest-cors';
import { createGroupCommit } from './ingest/group-commit';
import { ingestRoutes } from './ingest/ingest-routes';
import { isWriteRace } from './ingest/is-write-race';
import { storeEvents } from './ingest/store-events';
import { queryRoutes } from './http/query-routes';
import { createLiveHub, type LiveHub } from './live/live-hub';
import { liveRoutes } from './live/live-routes';
import { signalRoutes } from './signals/signal-routes';
import type { IpPolicy } from './privacy/truncate-ip';
import { uuidv7 } from '../sdk/uuidv7';

export interface AppOptions {
  /** A migrated database (see `db/migrate.ts`). */
  db: Database;
  keys: KeyRing;
  /** @default console.error */
  log?: Logger;
  /** @default Date.now */
  now?: () => number;
  /** How client addresses are stored. @default 'truncate' */
  ipPolicy?: IpPolicy;
  /** Reverse proxies whose `X-Forwarded-For` entry is believed. @default 0 */
  trustedProxyHops?: number;
  /** The runtime's view of the connection's peer address (Node: the socket's). */
  peerAddress?: PeerAddress;
  /** Ingestion rate limits; none when absent. */
  rateLimits?: RateLimits;
  /**
   * The live feeds behind `/v1/live/*`; pass one to close its streams on shutdown.
   * @default createLiveHub(db)
   */
  live?: LiveHub;
  /**
   * Flushes committed transactions to disk when the database defers that
   * (`openDatabase({ deferredSync: true })` on a file): ingestion and erasure await
   * it before answering. Absent, every commit is durable by itself.
   */
  syncCommitted?: (() => Promise<void>) | undefined;
}

/**
 * Builds the collector as a Hono app, without listening: `server.ts` serves it on
 * Node, an edge entry exports it as a fetch handler, and tests call `app.request()`.
 *
 * @example
 * const app = createApp({ db, keys: loadConfig(process.env).keys });
 * const response = await app.request('/healthz');
 */
export function createApp(options: AppOptions): Hono {
  const log = options.log ?? ((message: string) => console.error(message));
  const now = options.now ?? Date.now;
  const { perKey, perClient } = options.rateLimits ?? {};
  const live = options.live ?? createLiveHub(options.db, { log });
  const app = new Hono();
  app.onError(errorHandler(log));
  app.notFound((c) => c.json(new ApiError(404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`).toBody(), 404));

  app.get('/healthz', async (c) => {
    // Reading the events table proves both that the database answers and that the
    // migrations have run.
    await options.db.run(sql`select 1 from events limit 1`);
    return c.json({ ok: true });
  });

  app.use('/v1/*', ingestCors(options.keys));
  app.route(
    '/v1',
    ingestRoutes({
      store: createGroupCommit(
        async (rows, rejected) => {
          const inserted = await storeEvents(options.db, rows, rejected);
          // Committed: the live feed reads them now instead of at its next poll.
          if (inserted.size > 0) live.events.poke();
          return inserted;
        },
        { isRetryable: isWriteRace, ...(options.syncCommitted ? { sync: options.syncCommitted } : {}) },
      ),
      keys: options.keys,
      newMessageId: uuidv7,
      now,
      ipPolicy: options.ipPolicy ?? 'truncate',
      trustedProxyHops: options.trustedProxyHops ?? 0,
      peerAddress: options.peerAddress,
      limiters: {
        perKey: perKey && new RateLimiter(perKey, now),
        perClient: perClient && new RateLimiter(perClient, now),
      },
    }),
  );
  app.route('/v1', queryRoutes({ db: options.db, keys: options.keys, syncCommitted: options.syncCommitted }));
  app.route('/v1', liveRoutes({ live, keys: options.keys }));
  app.route('/v1', signalRoutes({ db: options.db, keys: options.keys }));
  return app;
}
