import { createClient } from '@libsql/client/web';
import { drizzle } from 'drizzle-orm/libsql/web';
import type { Context, Hono } from 'hono';
import { createApp } from './app';
import { loadConfig } from './config/load-config';
import * as schema from './db/schema';

/** Environment bindings as edge runtimes pass them (Workers' `env`) or `process.env`. */
export type EdgeBindings = Record<string, string | undefined>;

let cached: { bindings: EdgeBindings; app: Hono } | undefined;

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
};
export default edge;

/** Builds the app once per isolate (per set of bindings). */
export function appFor(bindings: EdgeBindings): Hono {
  if (cached?.bindings === bindings) return cached.app;
  const config = loadConfig(bindings);
  const client = createClient({ url: config.databaseUrl, authToken: config.databaseAuthToken });
  const app = createApp({
    db: drizzle(client, { schema }),
    keys: config.keys,
    ipPolicy: config.ipPolicy,
    trustedProxyHops: config.trustedProxyHops,
    rateLimits: config.rateLimits,
    peerAddress: cloudflarePeer,
  });
  cached = { bindings, app };
  return app;
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
