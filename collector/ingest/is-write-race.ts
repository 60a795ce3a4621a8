/** Result codes that mean another writer got there first, not that the data is bad. */
const RACE_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_CONSTRAINT', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

/**
 * Whether a failed ingest transaction lost a race with another collector process
 * sharing the database (a busy lock, or identity rows the other process inserted
 * between this one's reads and its write). Such a transaction rolled back whole
 * and is safe to plan and run again; event rows themselves never conflict, as
 * they are inserted with ON CONFLICT DO NOTHING.
 */
export function isWriteRace(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && RACE_CODES.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
