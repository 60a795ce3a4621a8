import { migrate } from 'drizzle-orm/libsql/migrator';
import { fileURLToPath } from 'node:url';
import type { Database } from './open-database';

/** The committed drizzle-kit migrations, beside this file. */
export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

const ATTEMPTS = 4;

/**
 * Brings the schema up to date. Safe to run at every start and from several
 * processes: drizzle records applied migrations in `__drizzle_migrations`, and when
 * two processes race on a fresh database the loser's transaction fails and is
 * retried, by which time it finds the migrations applied.
 */
export async function migrateDatabase(db: Database): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await migrate(db, { migrationsFolder });
      return;
    } catch (error) {
      if (attempt >= ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}
