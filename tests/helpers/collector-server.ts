import type { Client } from '@libsql/client';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../collector/config/load-config';
import { startCollector as start, type StartOptions } from '../../collector/node/start-collector';

export interface TestCollector {
  /** e.g. `http://127.0.0.1:40123` */
  url: string;
  /** The real libSQL file the collector writes, opened by the same client. */
  db: Client;
  /** Path of that database file. */
  dbFile: string;
  close(): Promise<void>;
}

export interface TestCollectorOptions {
  /** Environment for `loadConfig` (keys); development defaults when empty. */
  env?: Record<string, string>;
  /** Serve the example storefront at /shop/. @default true */
  examples?: boolean;
  /** The abandoned-cart signal (scan, webhook). @default off */
  signals?: StartOptions['signals'];
}

/**
 * Starts the real collector on 127.0.0.1 (a free port) over a fresh libSQL file in
 * a temporary folder, exactly as `footfall serve` does.
 */
export async function startCollector(options: TestCollectorOptions = {}): Promise<TestCollector> {
  const folder = await mkdtemp(join(tmpdir(), 'footfall-test-'));
  const dbFile = join(folder, 'footfall.db');
  const config = loadConfig(options.env ?? {});
  const collector = await start({
    port: 0,
    databaseUrl: `file:${dbFile}`,
    keys: config.keys,
    ipPolicy: config.ipPolicy,
    trustedProxyHops: config.trustedProxyHops,
    rateLimits: config.rateLimits,
    examples: options.examples ?? true,
    ...(options.signals ? { signals: options.signals } : {}),
    log: () => undefined,
  });
  return {
    url: collector.url,
    db: collector.database.client,
    dbFile,
    close: async () => {
      await collector.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
