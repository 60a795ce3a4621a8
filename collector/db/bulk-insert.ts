import type { InArgs, InStatement } from '@libsql/client';
import { getTableColumns, getTableName, type Column } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';

/**
 * A multi-row `INSERT` for a drizzle table, built once per row count and bound with
 * plain arrays.
 *
 * Why not `db.insert(table).values(rows)`: on the ingest hot path drizzle's query
 * builder spent a quarter of the collector's CPU assembling 400-row statements value
 * by value (measured with --cpu-prof under the ingest bench). This keeps drizzle's
 * schema as the single source of columns, names and value mapping, and still binds
 * every value as a parameter: only placeholders are generated, never values.
 */
export interface BulkInsert<Row> {
  /** The statement inserting `rows`; with `returning`, it reports the new rows' columns. */
  statement(rows: readonly Row[]): InStatement;
}

interface ColumnPlan {
  key: string;
  column: Column;
}

/**
 * @param table a drizzle sqlite table
 * @param options `onConflictDoNothing` skips rows that break a unique index;
 *   `returning` lists SQL column names to report for inserted rows.
 * @example
 * const insertEvents = bulkInsert(events, { onConflictDoNothing: true, returning: ['write_key', 'message_id'] });
 * await client.batch([insertEvents.statement(rows)], 'write');
 */
export function bulkInsert<Row extends Record<string, unknown>>(
  table: SQLiteTable,
  options: { onConflictDoNothing?: boolean; returning?: readonly string[] } = {},
): BulkInsert<Row> {
  // Autoincrement keys are left to SQLite.
  const columns: ColumnPlan[] = Object.entries(getTableColumns(table))
    .filter(([, column]) => !(column.primary && (column as Column & { autoIncrement?: boolean }).autoIncrement))
    .map(([key, column]) => ({ key, column }));
  const head = `insert into "${getTableName(table)}" (${columns.map(({ column }) => `"${column.name}"`).join(', ')}) values `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const tail =
    (options.onConflictDoNothing ? ' on conflict do nothing' : '') +
    (options.returning?.length ? ` returning ${options.returning.map((name) => `"${name}"`).join(', ')}` : '');
  const sqlByCount = new Map<number, string>();
  return {
    statement(rows) {
      let sql = sqlByCount.get(rows.length);
      if (sql === undefined) {
        sql = head + Array<string>(rows.length).fill(tuple).join(', ') + tail;
        sqlByCount.set(rows.length, sql);
      }
      const args: unknown[] = [];
      for (const row of rows) for (const { key, column } of columns) args.push(driverValue(column, row[key]));
      return { sql, args: args as InArgs };
    },
  };
}

/** The value SQLite stores for a row field, with the column's default for a missing one. */
function driverValue(column: Column, value: unknown): unknown {
  if (value === undefined || value === null) {
    if (value === undefined && column.hasDefault && column.default !== undefined && typeof column.default !== 'object') {
      return column.mapToDriverValue(column.default);
    }
    return null;
  }
  return column.mapToDriverValue(value);
}
