import type { Hono } from 'hono';
import { createApp } from '../../collector/app';
import { loadConfig } from '../../collector/config/load-config';
import { migrateDatabase } from '../../collector/db/migrate';
import { openDatabase, type DatabaseHandle } from '../../collector/db/open-database';

export interface TestApp {
  app: Hono;
  database: DatabaseHandle;
  /** Current value of the collector's clock (epoch ms); tests move it. */
  clock: { now: number };
}

/** The collector app over a migrated in-memory libSQL database, with a settable clock. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await openDatabase({ url: ':memory:' });
  await migrateDatabase(database.db);
  const clock = { now: Date.parse('2026-11-23T12:00:00.000Z') };
  const config = loadConfig(env);
  const app = createApp({
    db: database.db,
    keys: config.keys,
    ipPolicy: config.ipPolicy,
    trustedProxyHops: config.trustedProxyHops,
    rateLimits: config.rateLimits,
    now: () => clock.now,
    log: () => undefined,
  });
  return { app, database, clock };
}

/** `Authorization` header value for a write key (Basic, key as user name). */
export function basicAuth(writeKey: string): string {
  return `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
}

/** POSTs JSON to the app and returns status, headers and parsed body. */
export async function postJson(
  app: Hono,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const response = await app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}
