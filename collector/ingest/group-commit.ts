import type { NewEventRow, NewQuarantineRow } from '../db/schema';

/** What one request hands over to be stored. */
export interface Submission {
  rows: NewEventRow[];
  rejected: NewQuarantineRow[];
}

/**
 * Stores rows in one transaction and tells which were new, as `eventKey`s. Rows of
 * a group may repeat a key; the store keeps the first.
 */
export type StoreGroup = (rows: NewEventRow[], rejected: NewQuarantineRow[]) => Promise<ReadonlySet<string>>;

export interface GroupCommitOptions {
  /** Rows in one transaction at most; more wait for the next one. @default 5000 */
  maxRows?: number;
  /** Whether a failed transaction is worth running again (e.g. a write race with another process). */
  isRetryable?: (error: unknown) => boolean;
  /** Tries of one group in all. @default 6 */
  attempts?: number;
  /**
   * Makes what `store` committed durable, when the database defers its own flush
   * (`DatabaseHandle.syncCommitted`). A group is answered only once it resolves;
   * meanwhile the next group is already being committed.
   */
  sync?: () => Promise<void>;
}

/** The identity of a stored event: its write key and messageId. */
export function eventKey(row: Pick<NewEventRow, 'writeKey' | 'messageId'>): string {
  return `${row.writeKey}\u0000${row.messageId}`;
}

/**
 * Group commit: requests that arrive while a transaction is being committed wait
 * and then share the next one, so under load many requests cost one commit
 * (one fsync, one identity pass) instead of one each, while an idle collector
 * commits a lone request at once. Every caller's promise settles only after its
 * group is committed (and flushed by `sync`, when given) — a `200` still means
 * durable.
 *
 * @returns `submit`, resolving to how many of the submission's rows were new.
 * @example
 * const submit = createGroupCommit((rows, rejected) => storeEventsReturningKeys(db, rows, rejected));
 * const accepted = await submit({ rows, rejected: [] });
 */
export function createGroupCommit(store: StoreGroup, options: GroupCommitOptions = {}): (submission: Submission) => Promise<number> {
  const maxRows = options.maxRows ?? 5_000;
  const attempts = options.attempts ?? 6;
  let waiting: Pending[] = [];
  let committing = false;

  const commitNext = async (): Promise<void> => {
    committing = true;
    while (waiting.length > 0) {
      const group = takeGroup(waiting, maxRows);
      waiting = waiting.slice(group.length);
      await commitGroup(group, store, attempts, options.isRetryable ?? (() => false), options.sync);
    }
    committing = false;
  };

  return (submission) =>
    new Promise<number>((resolve, reject) => {
      waiting.push({ submission, resolve, reject });
      // Start on a later task so that requests parsed in the same turn join the group.
      if (!committing) {
        committing = true;
        setTimeout(() => void commitNext(), 0);
      }
    });
}

interface Pending {
  submission: Submission;
  resolve: (accepted: number) => void;
  reject: (error: unknown) => void;
}

/** The longest prefix of `waiting` within `maxRows` (at least one submission). */
function takeGroup(waiting: Pending[], maxRows: number): Pending[] {
  let rows = 0;
  let count = 0;
  for (const pending of waiting) {
    const size = pending.submission.rows.length + pending.submission.rejected.length;
    if (count > 0 && rows + size > maxRows) break;
    rows += size;
    count++;
  }
  return waiting.slice(0, count);
}

/**
 * Commits one group. Resolves as soon as the transaction is committed; with `sync`,
 * the group's answers wait for the flush while the caller commits the next group,
 * so the disk's latency overlaps with work instead of adding to it.
 */
async function commitGroup(
  group: Pending[],
  store: StoreGroup,
  attempts: number,
  isRetryable: (error: unknown) => boolean,
  sync: (() => Promise<void>) | undefined,
): Promise<void> {
  const rows = group.flatMap((pending) => pending.submission.rows);
  const rejected = group.flatMap((pending) => pending.submission.rejected);
  for (let attempt = 1; ; attempt++) {
    try {
      const inserted = await store(rows, rejected);
      if (!sync) {
        settle(group, inserted);
        return;
      }
      sync().then(
        () => settle(group, inserted),
        (error: unknown) => {
          for (const pending of group) pending.reject(error);
        },
      );
      return;
    } catch (error) {
      if (attempt < attempts && isRetryable(error)) {
        // Jittered, growing pause: two processes that just collided should not
        // collide again on the next try.
        await new Promise((resolve) => setTimeout(resolve, attempt * (5 + Math.random() * 20)));
        continue;
      }
      for (const pending of group) pending.reject(error);
      return;
    }
  }
}

/** Credits each new row to the first submission that carried it, in arrival order. */
function settle(group: Pending[], inserted: ReadonlySet<string>): void {
  const credited = new Set<string>();
  for (const pending of group) {
    let accepted = 0;
    for (const row of pending.submission.rows) {
      const key = eventKey(row);
      if (inserted.has(key) && !credited.has(key)) {
        credited.add(key);
        accepted++;
      }
    }
    pending.resolve(accepted);
  }
}
