import type { Client } from '@libsql/client';

/** An `events` row with its JSON columns parsed. */
export type StoredEvent = Record<string, unknown> & { properties: Record<string, unknown>; context: Record<string, unknown> };

/**
 * Wait until the collector stored at least `count` events, then a little
 * longer so that an unwanted extra (a duplicate) would show up too.
 * @param db the collector's database
 * @param count how many rows the test expects
 * @param timeoutMs how long to wait for them
 * @default timeoutMs 10000
 * @returns every row, ordered by stored time then messageId
 * @example
 * const rows = await waitForRows(collector.db, 10);
 */
export async function waitForRows(db: Client, count: number, timeoutMs = 10_000): Promise<StoredEvent[]> {
  const deadline = Date.now() + timeoutMs;
  let rows = await readEvents(db);
  while (rows.length < count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    rows = await readEvents(db);
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  return readEvents(db);
}

async function readEvents(db: Client): Promise<StoredEvent[]> {
  const result = await db.execute('select * from events order by timestamp, message_id');
  return result.rows.map((row) => {
    const plain: Record<string, unknown> = { ...row };
    return {
      ...plain,
      properties: JSON.parse(String(row['properties'] ?? '{}')) as Record<string, unknown>,
      context: JSON.parse(String(row['context'] ?? '{}')) as Record<string, unknown>,
    };
  });
}
