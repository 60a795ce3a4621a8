import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFlushLock, LEASE_MS, LOCK_NAME, type Lease } from '../../sdk/delivery/flush-lock';

/** A Web Locks manager granting one exclusive lock at a time, in request order. */
function fakeLocks() {
  const log: string[] = [];
  let tail: Promise<unknown> = Promise.resolve();
  const request = vi.fn((name: string, callback: () => Promise<unknown>) => {
    const run = tail.then(async () => {
      log.push(`acquire ${name}`);
      try {
        return await callback();
      } finally {
        log.push(`release ${name}`);
      }
    });
    tail = run.catch(() => undefined);
    return run;
  });
  return { locks: { request } as unknown as LockManager, request, log };
}

/** A lease held by `holder` (another tab) until released; records claims and releases. */
function fakeLease(holder: string | undefined) {
  const claims: { owner: string; until: number; now: number }[] = [];
  const releases: string[] = [];
  const state = { holder };
  const lease: Lease = {
    claim: vi.fn(async (owner: string, until: number, now: number) => {
      claims.push({ owner, until, now });
      if (state.holder !== undefined && state.holder !== owner) return false;
      state.holder = owner;
      return true;
    }),
    release: vi.fn(async (owner: string) => {
      releases.push(owner);
      if (state.holder === owner) state.holder = undefined;
    }),
  };
  return { lease, claims, releases, state };
}

const unusedLease = (): Lease => ({
  claim: vi.fn(() => Promise.reject(new Error('lease must not be used with Web Locks'))),
  release: vi.fn(() => Promise.reject(new Error('lease must not be used with Web Locks'))),
});

describe('flush lock with Web Locks', () => {
  it('runs the flush inside the named lock and resolves once it is done', async () => {
    const { locks, request, log } = fakeLocks();
    const lease = unusedLease();
    const lock = createFlushLock(lease, locks);
    let finish: () => void = () => {};
    let settled = false;
    const held = lock(async () => {
      log.push('flush start');
      await new Promise<void>((resolve) => (finish = resolve));
      log.push('flush end');
    }).then(() => (settled = true));
    await Promise.resolve();
    await Promise.resolve();
    expect(log).toEqual(['acquire footfall:flush', 'flush start']);
    expect(settled).toBe(false);
    finish();
    await held;
    expect(log).toEqual(['acquire footfall:flush', 'flush start', 'flush end', 'release footfall:flush']);
    expect(LOCK_NAME).toBe('footfall:flush');
    expect(request).toHaveBeenCalledTimes(1);
    expect(lease.claim).not.toHaveBeenCalled();
  });

  it('runs two flushes one after the other', async () => {
    const { locks, log } = fakeLocks();
    const lock = createFlushLock(unusedLease(), locks);
    await Promise.all([
      lock(async () => void log.push('first')),
      lock(async () => void log.push('second')),
    ]);
    expect(log).toEqual([
      'acquire footfall:flush',
      'first',
      'release footfall:flush',
      'acquire footfall:flush',
      'second',
      'release footfall:flush',
    ]);
  });
});

describe('flush lock with an IndexedDB lease', () => {
  const start = Date.parse('2025-03-04T05:06:07.000Z');
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(start);
  });
  afterEach(() => vi.useRealTimers());

  it('claims the lease for 2 minutes, flushes, then releases it under the same owner', async () => {
    const { lease, claims, releases, state } = fakeLease(undefined);
    const lock = createFlushLock(lease, undefined);
    const seen: (string | undefined)[] = [];
    await lock(async () => void seen.push(state.holder));
    expect(LEASE_MS).toBe(120_000);
    expect(claims).toHaveLength(1);
    expect(claims[0]!.until).toBe(start + LEASE_MS);
    expect(claims[0]!.now).toBe(start);
    expect(seen).toEqual([claims[0]!.owner]);
    expect(releases).toEqual([claims[0]!.owner]);
    expect(state.holder).toBeUndefined();
  });

  it('waits while another tab holds the lease, and flushes once it is released', async () => {
    const { lease, releases, state } = fakeLease('other-tab');
    const lock = createFlushLock(lease, undefined);
    const flush = vi.fn(async () => {});
    let settled = false;
    const held = lock(flush).then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(3000);
    expect(flush).not.toHaveBeenCalled();
    expect(settled).toBe(false);
    state.holder = undefined; // the other tab is done
    await vi.advanceTimersByTimeAsync(100);
    await held;
    expect(flush).toHaveBeenCalledTimes(1);
    expect(releases).toHaveLength(1);
    expect(state.holder).toBeUndefined();
  });

  it('gives up after 5 s without flushing or releasing the other tab\u2019s lease', async () => {
    const { lease, claims, releases, state } = fakeLease('other-tab');
    const lock = createFlushLock(lease, undefined);
    const flush = vi.fn(async () => {});
    let ran: boolean | undefined;
    void lock(flush).then((result) => (ran = result));
    await vi.advanceTimersByTimeAsync(4900);
    expect(ran).toBeUndefined();
    await vi.advanceTimersByTimeAsync(300);
    expect(ran).toBe(false);
    expect(flush).not.toHaveBeenCalled();
    expect(releases).toEqual([]);
    expect(state.holder).toBe('other-tab');
    // Polled all along, and not after giving up.
    const polls = claims.length;
    expect(polls).toBeGreaterThanOrEqual(50);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(claims).toHaveLength(polls);
  });

  it('releases the lease when the flush throws, and passes the error on', async () => {
    const { lease, releases, claims } = fakeLease(undefined);
    const lock = createFlushLock(lease, undefined);
    await expect(lock(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(releases).toEqual([claims[0]!.owner]);
  });

  it('flushes anyway when the lease cannot be read (no IndexedDB: nothing shared to guard)', async () => {
    const lease: Lease = {
      claim: vi.fn(() => Promise.reject(new DOMException('blocked', 'UnknownError'))),
      release: vi.fn(() => Promise.reject(new DOMException('blocked', 'UnknownError'))),
    };
    const flush = vi.fn(async () => {});
    await expect(createFlushLock(lease, undefined)(flush)).resolves.toBe(true);
    expect(flush).toHaveBeenCalledTimes(1);
    expect(lease.release).toHaveBeenCalledTimes(1);
  });

  it('keeps one owner per lock, so its own lease never blocks it', async () => {
    const { lease, claims } = fakeLease(undefined);
    const lock = createFlushLock(lease, undefined);
    await lock(async () => {});
    await lock(async () => {});
    expect(claims.map((claim) => claim.owner)).toEqual([claims[0]!.owner, claims[0]!.owner]);
    const other = createFlushLock(lease, undefined);
    await other(async () => {});
    expect(claims[2]!.owner).not.toBe(claims[0]!.owner);
  });
});
