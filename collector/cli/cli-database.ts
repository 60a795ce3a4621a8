import { migrateDatabase } from '../db/migrate';
import { openDatabase, type DatabaseHandle } from '../db/open-database';

/** The database URL the CLI reads: `FOOTFALL_DB_URL`, default `file:./data/footfall.db`. */
export function cliDatabaseUrl(env: NodeJS.ProcessEnv): string {
  return env['FOOTFALL_DB_URL'] || 'file:./data/footfall.db';
}

/**
 * Opens the database the CLI reports on: `FOOTFALL_DB_URL` (default
 * `file:./data/footfall.db`), migrated so that a fresh file answers too.
 *
 * @example
 * const { db, client } = await cliDatabase(process.env);
 */
export async function cliDatabase(env: NodeJS.ProcessEnv): Promise<DatabaseHandle> {
  const handle = await openDatabase({ url: cliDatabaseUrl(env), authToken: env['FOOTFALL_DB_AUTH_TOKEN'] });
  await migrateDatabase(handle.db);
  return handle;
}
