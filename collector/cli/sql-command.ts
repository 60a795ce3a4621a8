import { createClient, LibsqlError, type InValue, type ResultSet } from '@libsql/client';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { localFilePath } from '../db/open-database';
import { cliDatabaseUrl } from './cli-database';
import { printTable } from './print-table';
import { UsageError } from './query-command';

const USAGE = 'usage: footfall sql "select …" | --file query.sql [--param name=value]… [--json]';

/**
 * `footfall sql`: one read-only SQL statement on the embedded database file of
 * `FOOTFALL_DB_URL`, its rows printed as a table (or, with `--json`, as an array of
 * objects): for analysts on machines without the sqlite3 shell. `--param id=x`
 * binds `:id` (as text).
 *
 * @returns the exit code
 * @example
 * await sqlCommand(['select event, count(*) as n from events group by 1'])
 * await sqlCommand(['--file', 'journey.sql', '--param', 'id=user-42'])
 */
export async function sqlCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { file: { type: 'string' }, param: { type: 'string', multiple: true }, json: { type: 'boolean', default: false } },
  });
  if (values.file && positionals.length > 0) throw new UsageError(`a statement or --file, not both (${USAGE})`);
  const statement = values.file ? await readStatement(values.file) : positionals.join(' ');
  if (!statement.trim()) throw new UsageError(USAGE);
  const url = cliDatabaseUrl(process.env);
  const file = localFilePath(url);
  // Read-only is enforced by SQLite's query_only on an embedded file's connection; a
  // libSQL server takes no such pragma (and its 'read' batches still wrote in a test).
  if (!file) throw new UsageError(`reads an embedded database file only (FOOTFALL_DB_URL is not file:…); use your libSQL server's own shell`);
  // Opening a missing file would create an empty database; say what is wrong instead.
  if (!existsSync(file)) throw new UsageError(`no database at ${file} (set FOOTFALL_DB_URL)`);
  const client = createClient({ url });
  try {
    // Only a statement's first command runs, so it cannot turn query_only off again.
    const [, result] = await client.batch(['PRAGMA query_only = ON', { sql: statement, args: bindings(values.param ?? []) }], 'read');
    process.stdout.write(values.json ? `${JSON.stringify(asObjects(result!), null, 2)}\n` : asTable(result!));
    return 0;
  } catch (error) {
    if (!(error instanceof LibsqlError)) throw error;
    const reason = error.message.replace(/^(\w+: )+/, '');
    throw new UsageError(error.code === 'SQLITE_READONLY' ? `read-only, nothing was changed (${reason})` : reason);
  } finally {
    client.close();
  }
}

async function readStatement(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
  }
}

/** `name=value` pairs → named arguments (`:name` in the statement). */
function bindings(pairs: string[]): Record<string, InValue> {
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf('=');
      if (at < 1) throw new UsageError(`--param ${pair}: expected name=value`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

type Cell = string | number | null;

/** A value as a table or JSON shows it: big integers as numbers when exact, blobs by size. */
function cell(value: unknown): Cell {
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof ArrayBuffer) return `<blob, ${value.byteLength} bytes>`;
  return String(value);
}

function asTable(result: ResultSet): string {
  return printTable(result.columns, result.rows.map((row) => result.columns.map((_, i) => cell(row[i]))));
}

function asObjects(result: ResultSet): Record<string, Cell>[] {
  return result.rows.map((row) => Object.fromEntries(result.columns.map((column, i) => [column, cell(row[i])])));
}
