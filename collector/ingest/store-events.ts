import type { InArgs, InStatement } from '@libsql/client';
import { and, eq, inArray } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import { bulkInsert } from '../db/bulk-insert';
import type { Database } from '../db/open-database';
import { events, quarantine, type NewEventRow, type NewQuarantineRow } from '../db/schema';
import { planIdentityWrites } from '../identity/plan-identity-writes';
import { serializeWrites } from '../identity/serialize-writes';
import { chunks } from '../identity/values-list';
import { eventKey } from './group-commit';

/**
 * Rows per INSERT statement: 24 columns × 400 rows stays well under SQLite's limit
 * of 32,766 bound parameters.
 */
const ROWS_PER_STATEMENT = 400;
const IDS_PER_QUERY = 500;

const insertEvents = bulkInsert<NewEventRow>(events, { onConflictDoNothing: true, returning: ['write_key', 'message_id'] });
const insertQuarantine = bulkInsert<NewQuarantineRow>(quarantine);
const dialect = new SQLiteAsyncDialect();

/**
 * Stores accepted events and quarantined ones in one transaction, together with the
 * identity and session changes the new events imply, so a `200` is only ever
 * answered for what is durably committed.
 *
 * Exactly-once lives in the unique index on (write key, messageId): ids already
 * stored are looked up first so that only new events move identities and sessions,
 * and the insert still skips any conflict (`ON CONFLICT DO NOTHING`), its
 * `RETURNING` telling which rows were new.
 *
 * @returns the {@link eventKey}s of the rows that were newly stored; the rest were
 * duplicates.
 * @example
 * const inserted = await storeEvents(db, rows, quarantined);
 */
export async function storeEvents(db: Database, rows: NewEventRow[], rejected: NewQuarantineRow[]): Promise<ReadonlySet<string>> {
  return serializeWrites(db, async () => {
    const fresh = await unstoredRows(db, rows);
    const identity = fresh.length > 0 ? await planIdentityWrites(db, fresh) : { rows: [], statements: [] };
    const statements: InStatement[] = [];
    for (const chunk of chunks(identity.rows, ROWS_PER_STATEMENT)) statements.push(insertEvents.statement(chunk));
    const insertStatements = statements.length;
    for (const chunk of chunks(rejected, ROWS_PER_STATEMENT)) statements.push(insertQuarantine.statement(chunk));
    for (const query of identity.statements) {
      const { sql, params } = dialect.sqlToQuery(query.getSQL());
      statements.push({ sql, args: params as InArgs });
    }
    const inserted = new Set<string>();
    if (statements.length === 0) return inserted;
    // One write transaction for everything (the raw client: see db/bulk-insert.ts).
    const results = await db.$client.batch(statements, 'write');
    for (let index = 0; index < insertStatements; index++) {
      for (const row of results[index]!.rows) inserted.add(eventKey({ writeKey: String(row['write_key']), messageId: String(row['message_id']) }));
    }
    return inserted;
  });
}

/** `rows` without those already stored and without repeats inside the batch (the first wins). */
async function unstoredRows(db: Database, rows: NewEventRow[]): Promise<NewEventRow[]> {
  const stored = new Set<string>();
  const byKey = new Map<string, string[]>();
  for (const row of rows) {
    const ids = byKey.get(row.writeKey);
    if (ids) ids.push(row.messageId);
    else byKey.set(row.writeKey, [row.messageId]);
  }
  for (const [writeKey, messageIds] of byKey) {
    for (const chunk of chunks([...new Set(messageIds)], IDS_PER_QUERY)) {
      const found = await db
        .select({ messageId: events.messageId })
        .from(events)
        .where(and(eq(events.writeKey, writeKey), inArray(events.messageId, chunk)));
      for (const { messageId } of found) stored.add(`${writeKey}\u0000${messageId}`);
    }
  }
  return rows.filter((row) => {
    const key = `${row.writeKey}\u0000${row.messageId}`;
    if (stored.has(key)) return false;
    stored.add(key);
    return true;
  });
}
