/** The tail of each database's queue of pending writes. */
const queues = new WeakMap<object, Promise<unknown>>();

/**
 * Runs `work` after every earlier write on the same database has finished.
 *
 * Ingest reads the identities and sessions it is about to change, then writes them in
 * one atomic batch; within a process this queue keeps a second request from reading
 * between the first one's read and write. (An interactive transaction would hold the
 * only connection of an in-memory database and fail concurrent readers.)
 *
 * @param key the database handle writes are serialised on
 * @example
 * const stored = await serializeWrites(db, () => storeEvents(db, rows, []));
 */
export function serializeWrites<T>(key: object, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const result = previous.then(work, work);
  queues.set(
    key,
    result.then(
      () => undefined,
      () => undefined,
    ),
  );
  return result;
}
