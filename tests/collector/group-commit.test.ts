import { describe, expect, it } from 'vitest';
import type { NewEventRow } from '../../collector/db/schema';
import { createGroupCommit, eventKey, type StoreGroup } from '../../collector/ingest/group-commit';

const row = (messageId: string): NewEventRow => ({ writeKey: 'k', messageId, type: 'track', timestamp: 0, receivedAt: 0 });

/** A store that records each transaction and treats every key not seen before as new. */
function fakeStore(delayMs = 5) {
  const stored = new Set<string>();
  const transactions: string[][] = [];
  const store: StoreGroup = async (rows) => {
    transactions.push(rows.map((r) => r.messageId));
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    const inserted = new Set<string>();
    for (const r of rows) {
      const key = eventKey(r);
      if (!stored.has(key)) inserted.add(key);
      stored.add(key);
    }
    return inserted;
  };
  return { store, transactions };
}

describe('group commit', () => {
  it('commits a lone request at once and answers its count', async () => {
    const { store, transactions } = fakeStore();
    const submit = createGroupCommit(store);
    expect(await submit({ rows: [row('a'), row('b')], rejected: [] })).toBe(2);
    expect(transactions).toEqual([['a', 'b']]);
  });

  it('lets requests that arrive during a commit share the next transaction', async () => {
    const { store, transactions } = fakeStore(20);
    const submit = createGroupCommit(store);
    const first = submit({ rows: [row('a')], rejected: [] });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = [submit({ rows: [row('b')], rejected: [] }), submit({ rows: [row('c'), row('d')], rejected: [] })];
    expect(await Promise.all([first, ...later])).toEqual([1, 1, 2]);
    expect(transactions).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('credits a messageId carried by two requests of one group to the first only', async () => {
    const { store } = fakeStore();
    const submit = createGroupCommit(store);
    const answers = await Promise.all([
      submit({ rows: [row('x'), row('y')], rejected: [] }),
      submit({ rows: [row('y'), row('z')], rejected: [] }),
    ]);
    expect(answers).toEqual([2, 1]);
    expect(await submit({ rows: [row('x')], rejected: [] })).toBe(0);
  });

  it('splits groups at maxRows without splitting a request', async () => {
    const { store, transactions } = fakeStore();
    const submit = createGroupCommit(store, { maxRows: 3 });
    await Promise.all([
      submit({ rows: [row('1'), row('2')], rejected: [] }),
      submit({ rows: [row('3'), row('4')], rejected: [] }),
      submit({ rows: [row('5')], rejected: [] }),
    ]);
    expect(transactions).toEqual([['1', '2'], ['3', '4', '5']]);
  });

  it('retries a retryable failure, and fails only the group of a final one', async () => {
    let calls = 0;
    const store: StoreGroup = async (rows) => {
      calls++;
      if (rows.some((r) => r.messageId === 'race') && calls < 3) throw Object.assign(new Error('race'), { retry: true });
      if (rows.some((r) => r.messageId === 'broken')) throw new Error('disk full');
      return new Set(rows.map(eventKey));
    };
    const submit = createGroupCommit(store, { isRetryable: (error) => (error as { retry?: boolean }).retry === true });
    expect(await submit({ rows: [row('race')], rejected: [] })).toBe(1);
    expect(calls).toBe(3);
    await expect(submit({ rows: [row('broken')], rejected: [] })).rejects.toThrow('disk full');
    expect(await submit({ rows: [row('fine')], rejected: [] })).toBe(1);
  });

  it('answers a group only after its flush, while the next group is already committed', async () => {
    const { store, transactions } = fakeStore(1);
    const flushes: Array<() => void> = [];
    const sync = (): Promise<void> => new Promise((resolve) => flushes.push(resolve));
    const submit = createGroupCommit(store, { sync });
    const answered: string[] = [];
    const first = submit({ rows: [row('a')], rejected: [] }).then((n) => answered.push(`a:${n}`));
    await until(() => flushes.length === 1);
    const second = submit({ rows: [row('b'), row('c')], rejected: [] }).then((n) => answered.push(`bc:${n}`));
    // The second group commits while the first one's flush is still pending.
    await until(() => flushes.length === 2);
    expect(transactions).toEqual([['a'], ['b', 'c']]);
    expect(answered).toEqual([]);
    flushes[1]!();
    await second;
    expect(answered).toEqual(['bc:2']);
    flushes[0]!();
    await first;
    expect(answered).toEqual(['bc:2', 'a:1']);
  });

  it('fails the group whose flush fails, and only that group', async () => {
    const { store } = fakeStore(1);
    let flushes = 0;
    const sync = async (): Promise<void> => {
      flushes++;
      if (flushes === 1) throw new Error('EIO');
    };
    const submit = createGroupCommit(store, { sync });
    await expect(submit({ rows: [row('lost')], rejected: [] })).rejects.toThrow('EIO');
    expect(await submit({ rows: [row('kept')], rejected: [] })).toBe(1);
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let tries = 0; !condition(); tries++) {
    if (tries > 200) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
