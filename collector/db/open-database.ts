import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as schema from './schema';
import { walSync } from './wal-sync';

/** The drizzle handle; `$client` is the raw client, for the ingest hot path's batches. */
export type Database = LibSQLDatabase<typeof schema> & { $client: Client };

/** A database handle: drizzle for queries, the raw client for batches and shutdown. */
export interface DatabaseHandle {
  db: Database;
  client: Client;
  /**
   * Present when the database was opened with `deferredSync` and is a local WAL
   * file: flushes the transactions committed so far to disk. Await it after a
   * commit before telling anyone the data is durable.
   */
  syncCommitted?: () => Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Any URL @libsql/client accepts: `file:…`, `:memory:`, `libsql://…`, `http://…`. */
  url: string;
  authToken?: string | undefined;
  /**
   * For a local file: commit without waiting for the disk (`synchronous = NORMAL`)
   * and return {@link DatabaseHandle.syncCommitted} to flush off the main thread
   * instead (see `wal-sync.ts`). Remote and in-memory databases ignore it.
   * @default false (every commit waits for the disk, SQLite's FULL)
   */
  deferredSync?: boolean;
}

/**
 * Opens the collector's database on Node, creating the folder of a `file:` URL.
 *
 * @example
 * const { db, client } = await openDatabase({ url: 'file:./data/footfall.db' });
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const filePath = localFilePath(options.url);
  if (filePath) await mkdir(dirname(filePath), { recursive: true });
  const client = createClient({
    url: options.url,
    authToken: options.authToken,
    // Several collector processes may share one file: wait for the writer's lock
    // rather than fail a client's request with SQLITE_BUSY.
    timeout: 10_000,
  });
  if (filePath) {
    // WAL lets reporting queries read while ingestion writes; the setting is stored
    // in the file, so one statement covers every pooled connection.
    const mode = await client.execute('PRAGMA journal_mode = WAL');
    if (options.deferredSync && String(mode.rows[0]?.[0]).toLowerCase() === 'wal') {
      // Per connection, not stored in the file. The client reuses one connection
      // for its one-call-at-a-time work; a further one it might open (for an
      // interactive transaction) keeps FULL, which is only slower, never less safe.
      await client.execute('PRAGMA synchronous = NORMAL');
      // A checkpoint runs inside the COMMIT that crosses the threshold, on the main
      // thread, with two fsyncs. At 4,000 pages (16 MB of log) instead of 1,000,
      // index pages rewritten by many commits are copied once: COMMIT's share of
      // the main thread fell from ~3.1 to ~1.6 ms per commit under the ingest bench.
      await client.execute('PRAGMA wal_autocheckpoint = 4000');
      return { db: drizzle(client, { schema }), client, syncCommitted: walSync(filePath) };
    }
  }
  return { db: drizzle(client, { schema }), client };
}

/** The filesystem path of a `file:` URL, or undefined for memory and remote URLs. */
export function localFilePath(url: string): string | undefined {
  if (!url.startsWith('file:')) return undefined;
  const path = url.slice('file:'.length).replace(/^\/\/(?=\/)/, '').split('?')[0];
  return path && path !== ':memory:' ? path : undefined;
}
