/**
 * Runs a flush while no other tab of the origin flushes; resolves when it is
 * done, with `false` if it gave up waiting and did not run it.
 */
export type FlushLock = (flush: () => Promise<void>) => Promise<boolean>;

/** The Web Locks name: one flusher per origin. */
export const LOCK_NAME = 'footfall:flush';

/** How long a lease holds without renewal: longer than a flush may take (each send times out at 30 s). */
export const LEASE_MS = 120_000;
/** How long a tab waits for another's lease before giving up this flush (it tries again later). */
const LEASE_WAIT_MS = 5000;
const LEASE_POLL_MS = 100;

/** The lease of {@link IdbStore}, for browsers without Web Locks. */
export interface Lease {
  claim(owner: string, until: number, now: number): Promise<boolean>;
  release(owner: string): Promise<void>;
}

/**
 * One flusher per origin at a time, so that no event is in flight from two
 * tabs: each flush reads the shared queue, sends and deletes what was
 * acknowledged while it holds the lock, and the next tab reads after that.
 * Web Locks where the browser has them (they are missing on plain-HTTP pages,
 * being secure-context only, and in browsers before 2022); otherwise a lease
 * in IndexedDB, taken atomically in a transaction and expiring on its own if
 * its tab dies. A tab that cannot get the lease in 5 s gives this flush up.
 * @param lease the IndexedDB lease, used only without Web Locks
 * @param locks the Web Locks manager
 * @default locks navigator.locks
 * @returns the lock
 * @example
 * const lock = createFlushLock(idbStore);
 * await lock(async () => { … });
 */
export function createFlushLock(lease: Lease, locks: LockManager | undefined = globalThis.navigator?.locks): FlushLock {
  if (locks) return async (flush) => (await locks.request(LOCK_NAME, flush), true);
  const owner = Math.random().toString(36).slice(2);
  return async (flush) => {
    const deadline = Date.now() + LEASE_WAIT_MS;
    // A lease that cannot be read means no shared queue either (memory only): nothing to guard.
    while (!(await lease.claim(owner, Date.now() + LEASE_MS, Date.now()).catch(() => true))) {
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, LEASE_POLL_MS));
    }
    try {
      await flush();
      return true;
    } finally {
      await lease.release(owner).catch(() => undefined);
    }
  };
}
