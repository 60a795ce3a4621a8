import { migrate } from 'drizzle-orm/libsql/migrator';
import { fileURLToPath } from 'node:url';
import type { Database } from './open-database';

/** The committed drizzle-kit migrations, beside this file. */
export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Brings the schema up to date. Safe to run at every start and from several
 * processes: drizzle records applied migrations in `__drizzle_migrations`.
 */
export async function migrateDatabase(db: Database): Promise<void> {
  await migrate(db, { migrationsFolder });
}
