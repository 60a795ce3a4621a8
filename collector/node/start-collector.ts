import { serve, type ServerType } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AddressInfo } from 'node:net';
import { createApp } from '../app';
import type { KeyRing } from '../config/keys';
import type { RateLimits } from '../config/load-config';
import type { Logger } from '../http/error-handler';
import type { IpPolicy } from '../privacy/truncate-ip';
import { migrateDatabase } from '../db/migrate';
import { openDatabase, type DatabaseHandle } from '../db/open-database';
import { createLiveHub, type LiveOptions } from '../live/live-hub';
import { startSignalRunner, type SignalRunnerOptions } from '../signals/signal-runner';
import { mountAssets } from './mount-assets';
import { mountDashboard } from './mount-dashboard';

export interface StartOptions {
  port: number;
  /** @default '127.0.0.1'; pass '0.0.0.0' to listen on every interface. */
  hostname?: string;
  databaseUrl: string;
  databaseAuthToken?: string | undefined;
  keys: KeyRing;
  /** @default 'truncate' */
  ipPolicy?: IpPolicy;
  /** @default 0 */
  trustedProxyHops?: number;
  /** Ingestion rate limits. @default none */
  rateLimits?: RateLimits;
  /** Serve the example storefront at `/shop/`. @default false */
  examples?: boolean;
  /**
   * The real-time abandoned-cart signal (scan, webhook); `loadConfig(env).signals`
   * gives it from the environment. @default off
   */
  signals?: Omit<SignalRunnerOptions, 'db' | 'onSignals' | 'log'>;
  /** Tuning of the live feeds (`/v1/live/*`). @default production values */
  live?: Omit<LiveOptions, 'log'>;
  log?: Logger;
}

export interface RunningCollector {
  /** Base URL, e.g. `http://127.0.0.1:8787`. */
  url: string;
  database: DatabaseHandle;
  /**
   * Stops the signal's timers (an in-flight webhook is cut short and sent again
   * later), ends open live streams, stops accepting connections, lets open requests
   * finish, then closes the database.
   */
  close(): Promise<void>;
}

/**
 * Opens and migrates the database, then serves the collector on Node.
 *
 * @example
 * const collector = await startCollector({ port: 0, databaseUrl: ':memory:', keys });
 * console.log(collector.url);
 */
export async function startCollector(options: StartOptions): Promise<RunningCollector> {
  // Deferred sync: commits on a local file are flushed off the main thread, and
  // every answer that promises durability waits for that flush (db/wal-sync.ts).
  const database = await openDatabase({ url: options.databaseUrl, authToken: options.databaseAuthToken, deferredSync: true });
  await migrateDatabase(database.db);
  const log = options.log ?? ((message: string) => console.error(message));
  const live = createLiveHub(database.db, { ...options.live, log });
  const app = createApp({
    live,
    db: database.db,
    syncCommitted: database.syncCommitted,
    keys: options.keys,
    ipPolicy: options.ipPolicy ?? 'truncate',
    trustedProxyHops: options.trustedProxyHops ?? 0,
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    peerAddress: (c) => getConnInfo(c).remote.address,
    ...(options.log ? { log: options.log } : {}),
  });
  mountAssets(app, { examples: options.examples ?? false });
  mountDashboard(app);

  const hostname = options.hostname ?? '127.0.0.1';
  const server = await listen(app.fetch, options.port, hostname);
  const { port } = server.address() as AddressInfo;
  const signals =
    options.signals && options.signals.intervalMs > 0
      ? startSignalRunner({ ...options.signals, db: database.db, log, onSignals: () => live.carts.poke() })
      : undefined;
  return {
    url: `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`,
    database,
    close: async () => {
      await signals?.stop();
      // Open streams would keep server.close() waiting for ever.
      live.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A stream's connection turns idle only once its end is written, after close()
      // swept the idle ones: sweep until none is left instead of waiting for keep-alive.
      const sweep = 'closeIdleConnections' in server ? setInterval(() => server.closeIdleConnections(), 20) : undefined;
      await closed;
      clearInterval(sweep);
      database.client.close();
    },
  };
}

function listen(fetch: (request: Request) => Response | Promise<Response>, port: number, hostname: string): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname }, () => resolve(server));
    server.once('error', reject);
  });
}
