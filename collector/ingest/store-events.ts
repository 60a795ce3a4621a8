import type { BatchItem } from 'drizzle-orm/batch';
import type { Database } from '../db/open-database';
import { events, quarantine, type NewEventRow, type NewQuarantineRow } from '../db/schema';

/**
 * Rows per INSERT statement: 23 columns × 400 rows stays well under SQLite's limit
 * of 32,766 bound parameters.
 */
const ROWS_PER_STATEMENT = 400;

/**
 * Stores accepted events and quarantined ones in one transaction, so a `200` is only
 * ever answered for what is durably committed.
 *
 * Exactly-once lives in the unique index on (write key, messageId): a row whose id is
 * already stored is skipped (`ON CONFLICT DO NOTHING`), and `RETURNING` tells which
 * rows were new.
 *
 * @returns how many of `rows` were newly stored; the rest were duplicates.
 */
export async function storeEvents(db: Database, rows: NewEventRow[], rejected: NewQuarantineRow[]): Promise<number> {
  const statements: BatchItem<'sqlite'>[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    statements.push(db.insert(events).values(chunk).onConflictDoNothing().returning({ id: events.id }));
  }
  for (let start = 0; start < rejected.length; start += ROWS_PER_STATEMENT) {
    statements.push(db.insert(quarantine).values(rejected.slice(start, start + ROWS_PER_STATEMENT)));
  }
  const [first, ...rest] = statements;
  if (!first) return 0;
  const results = await db.batch([first, ...rest]);
  const insertStatements = Math.ceil(rows.length / ROWS_PER_STATEMENT);
  let inserted = 0;
  for (let index = 0; index < insertStatements; index++) {
    inserted += (results[index] as unknown[]).length;
  }
  return inserted;
}
