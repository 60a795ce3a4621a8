import { open } from 'node:fs/promises';

/**
 * Makes every transaction committed so far on a WAL-mode SQLite file durable, by
 * flushing its write-ahead log to disk (`fdatasync`) on libuv's thread pool.
 *
 * Why: with `PRAGMA synchronous = FULL`, SQLite fsyncs the log inside every COMMIT,
 * and @libsql/client runs COMMIT synchronously on the main thread — under the
 * ingest bench that wait was 15% of the collector's main thread, time in which no
 * request could be read or parsed. With `synchronous = NORMAL` a commit only
 * writes the log (SQLite still syncs it before each checkpoint and when it starts
 * reusing the file), and this flush gives back FULL's guarantee for the
 * transactions it covers while the main thread goes on with the next requests.
 * Calling it after a commit and before answering keeps "a 200 means durable".
 *
 * @param databasePath the database file; its log is `<path>-wal`
 * @returns resolves once everything committed before the call is on disk
 * @example
 * const syncCommitted = walSync('./data/footfall.db');
 * await client.batch(statements, 'write');
 * await syncCommitted();
 */
export function walSync(databasePath: string): () => Promise<void> {
  const logPath = `${databasePath}-wal`;
  return async () => {
    let log;
    try {
      log = await open(logPath, 'r');
    } catch (error) {
      // No log: the last connection closed and checkpointed it into the database
      // file, which SQLite synced before deleting it. Nothing is left to flush.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    try {
      // Any descriptor of the file flushes all of its written pages, including
      // those SQLite wrote through its own descriptor.
      await log.datasync();
    } finally {
      await log.close();
    }
  };
}
