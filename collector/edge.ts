import { createClient } from '@libsql/client/web';
import { drizzle } from 'drizzle-orm/libsql/web';
import type { Context, Hono } from 'hono';
import { createApp } from './app';
import { loadConfig, type CollectorConfig } from './config/load-config';
import type { Database } from './db/open-database';
import * as schema from './db/schema';
import { createLiveHub } from './live/live-hub';
import { runSignalPass } from './signals/signal-pass';

/** Environment bindings as edge runtimes pass them (Workers' `env`) or `process.env`. */
export type EdgeBindings = Record<string, string | undefined>;

interface Collector {
  bindings: EdgeBindings;
  app: Hono;
  db: Database;
  config: CollectorConfig;
}

let cached: Collector | undefined;

/** What Workers pass to `scheduled`: only `waitUntil` is used. */
export interface ScheduledContext {
  waitUntil(promise: Promise<unknown>): void;
}

/**
 * The collector as a fetch handler for edge runtimes (Cloudflare Workers, Deno,
 * Bun, Vercel Edge): the same app as on Node, over `@libsql/client/web` to a remote
 * libSQL database (Turso or sqld) — no filesystem, no native modules.
 *
 * The database must already be migrated (`FOOTFALL_DB_URL=libsql://… npx footfall
 * migrate`), because an edge isolate cannot read the migration files.
 *
 * @example
 * // Cloudflare Workers: export default from './collector/edge';
 * // Deno: Deno.serve(edge.fetch); Bun: Bun.serve({ fetch: edge.fetch })
 */
const edge = {
  fetch(request: Request, env?: unknown): Response | Promise<Response> {
    return appFor(bindingsFrom(env)).fetch(request);
  },
  /**
   * Workers Cron Trigger (`[triggers] crons = ["* * * * *"]`): one pass of the
   * abandoned-cart signal — a scan, then due webhook deliveries — since an isolate
   * keeps no timers between requests. `FOOTFALL_SIGNAL_INTERVAL=off` skips it.
   */
  scheduled(_controller: unknown, env: unknown, ctx: ScheduledContext): void {
    const { db, config } = collectorFor(bindingsFrom(env));
    if (config.signals.intervalMs === 0) return;
    ctx.waitUntil(runSignalPass(db, config.signals, { log: (message) => console.error(message) }));
  },
};
export default edge;

/** Builds the app once per isolate (per set of bindings). */
export function appFor(bindings: EdgeBindings): Hono {
  return collectorFor(bindings).app;
}

function collectorFor(bindings: EdgeBindings): Collector {
  if (cached?.bindings === bindings) return cached;
  const config = loadConfig(bindings);
  const client = createClient({ url: config.databaseUrl, authToken: config.databaseAuthToken });
  const db: Database = drizzle(client, { schema });
  const app = createApp({
    db,
    // A Worker may not feed one request's stream from I/O another request started.
    live: createLiveHub(db, { pollPerStream: true }),
    keys: config.keys,
    ipPolicy: config.ipPolicy,
    trustedProxyHops: config.trustedProxyHops,
    rateLimits: config.rateLimits,
    peerAddress: cloudflarePeer,
  });
  cached = { bindings, app, db, config };
  return cached;
}

/**
 * Workers' second argument is the bindings object; Bun passes its server there and
 * Deno its connection info, so anything without string settings means "use
 * `process.env`" (Deno and Bun both provide it).
 */
function bindingsFrom(env: unknown): EdgeBindings {
  if (typeof env === 'object' && env !== null && typeof (env as EdgeBindings)['FOOTFALL_DB_URL'] === 'string') {
    return env as EdgeBindings;
  }
  return (globalThis as { process?: { env: EdgeBindings } }).process?.env ?? {};
}

/**
 * On Cloudflare the client address is `CF-Connecting-IP`; it is believed only when
 * the request carries Cloudflare's `cf` object, which a client cannot forge.
 */
function cloudflarePeer(c: Context): string | undefined {
  const raw = c.req.raw as Request & { cf?: unknown };
  return raw.cf ? c.req.header('cf-connecting-ip') : undefined;
}
