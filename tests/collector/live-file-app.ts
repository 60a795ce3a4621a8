import type { Hono } from 'hono';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../collector/app';
import { loadConfig } from '../../collector/config/load-config';
import { migrateDatabase } from '../../collector/db/migrate';
import { openDatabase, type DatabaseHandle } from '../../collector/db/open-database';
import { createLiveHub, type LiveHub, type LiveOptions } from '../../collector/live/live-hub';
import { basicAuth } from '../helpers/test-app';

/** The collector app over a migrated libSQL file, with its live hub at hand. */
export interface FileApp {
  /** `file:` URL of the database, for a second connection or collector. */
  url: string;
  app: Hono;
  database: DatabaseHandle;
  live: LiveHub;
  /** POSTs a batch with the development write key; resolves to how many were accepted. */
  ingest(batch: Record<string, unknown>[]): Promise<number>;
  close(): Promise<void>;
}

/** Builds the app over a fresh file in a temporary folder (no listening: `app.request`). */
export async function fileApp(live: LiveOptions = {}): Promise<FileApp> {
  const folder = await mkdtemp(join(tmpdir(), 'footfall-live-app-'));
  const url = `file:${join(folder, 'f.db')}`;
  const database = await openDatabase({ url });
  await migrateDatabase(database.db);
  const hub = createLiveHub(database.db, live);
  const app = createApp({ db: database.db, keys: loadConfig({}).keys, live: hub, log: () => undefined });
  return {
    url,
    app,
    database,
    live: hub,
    async ingest(batch) {
      const response = await app.request('/v1/batch', { method: 'POST', headers: { 'content-type': 'application/json', authorization: basicAuth('dev_write_key') }, body: JSON.stringify({ batch }) });
      return ((await response.json()) as { accepted: number }).accepted;
    },
    async close() {
      hub.close();
      database.client.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
