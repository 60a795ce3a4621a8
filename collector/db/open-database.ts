import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as schema from './schema';

/** The drizzle handle; `$client` is the raw client, for the ingest hot path's batches. */
export type Database = LibSQLDatabase<typeof schema> & { $client: Client };

/** A database handle: drizzle for queries, the raw client for batches and shutdown. */
export interface DatabaseHandle {
  db: Database;
  client: Client;
}

export interface OpenDatabaseOptions {
  /** Any URL @libsql/client accepts: `file:…`, `:memory:`, `libsql://…`, `http://…`. */
  url: string;
  authToken?: string | undefined;
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
    await client.execute('PRAGMA journal_mode = WAL');
  }
  return { db: drizzle(client, { schema }), client };
}

/** The filesystem path of a `file:` URL, or undefined for memory and remote URLs. */
export function localFilePath(url: string): string | undefined {
  if (!url.startsWith('file:')) return undefined;
  const path = url.slice('file:'.length).replace(/^\/\/(?=\/)/, '').split('?')[0];
  return path && path !== ':memory:' ? path : undefined;
}
