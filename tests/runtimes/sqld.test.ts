import { createClient, type Client } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollectorProcess, type CollectorProcess } from '../helpers/collector-process';
import { startSqld, type RunningSqld } from '../helpers/sqld';

const event = (messageId: string, extra: Record<string, unknown> = {}) => ({
  type: 'track',
  messageId,
  anonymousId: 'anon-sqld',
  event: 'Product Added',
  ...extra,
});

async function send(collector: CollectorProcess, batch: unknown[]) {
  const response = await fetch(`${collector.url}/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: JSON.stringify({ writeKey: 'dev_write_key', batch }),
  });
  return [response.status, await response.json()];
}

describe('the collector on a libSQL server (sqld), two processes sharing it', () => {
  let sqld: RunningSqld;
  let first: CollectorProcess;
  let second: CollectorProcess;
  let db: Client;
  beforeAll(async () => {
    sqld = await startSqld();
    const env = { FOOTFALL_DB_URL: sqld.url, FOOTFALL_RATE_LIMIT_PER_CLIENT: 'off' };
    // Started together: the migration race on a fresh database must resolve itself.
    [first, second] = await Promise.all([startCollectorProcess(env), startCollectorProcess(env)]);
    db = createClient({ url: sqld.url });
  }, 120_000);
  afterAll(async () => {
    db?.close();
    await Promise.all([first?.stop(), second?.stop()]);
    await sqld?.stop();
  });

  it('stores a valid batch, dedupes its retry and quarantines the invalid event', async () => {
    const batch = [event('q1'), event('q2'), { type: 'track', messageId: 'q3', anonymousId: 'anon-sqld' }];
    expect(await send(first, batch)).toEqual([
      200,
      { success: true, accepted: 2, duplicates: 0, rejected: [{ index: 2, messageId: 'q3', errors: ['event: required for track'] }] },
    ]);
    expect((await send(first, batch))[1]).toMatchObject({ accepted: 0, duplicates: 2 });
    const rows = await db.execute("select message_id from events where message_id like 'q%' order by message_id");
    expect(rows.rows.map((r) => r.message_id)).toEqual(['q1', 'q2']);
    const quarantined = await db.execute("select message_id from quarantine where message_id = 'q3'");
    expect(quarantined.rows).toHaveLength(2);
  });

  it('keeps exactly-once when the same batches reach both processes at once', async () => {
    const batches = Array.from({ length: 20 }, (_, b) => Array.from({ length: 50 }, (_, i) => event(`dual-${b}-${i}`)));
    const answers = await Promise.all(batches.flatMap((batch) => [send(first, batch), send(second, batch)]));
    expect(answers.every(([status]) => status === 200)).toBe(true);
    const accepted = answers.reduce((sum, [, body]) => sum + (body as { accepted: number }).accepted, 0);
    const duplicates = answers.reduce((sum, [, body]) => sum + (body as { duplicates: number }).duplicates, 0);
    expect([accepted, duplicates]).toEqual([1_000, 1_000]);
    const rows = await db.execute("select count(*) as n, count(distinct message_id) as ids from events where message_id like 'dual-%'");
    expect([rows.rows[0]!.n, rows.rows[0]!.ids]).toEqual([1_000, 1_000]);
  });

  it('keeps a new visitor one person when its first events reach both processes at once', async () => {
    const visitors = Array.from({ length: 100 }, (_, v) => `racer-${v}`);
    const answers = await Promise.all(
      visitors.flatMap((anonymousId) => [
        send(first, [event(`${anonymousId}-a`, { anonymousId })]),
        send(second, [event(`${anonymousId}-b`, { anonymousId })]),
      ]),
    );
    expect(answers.map(([status]) => status)).toEqual(answers.map(() => 200));
    const split = await db.execute(
      "select anonymous_id, count(distinct person_id) as persons, count(*) as n from events where anonymous_id like 'racer-%' group by anonymous_id having persons != 1 or n != 2",
    );
    expect(split.rows).toEqual([]);
    const identities = await db.execute(
      "select count(*) as n from identities i join events e on e.anonymous_id = i.value and e.person_id = i.person_id where i.value like 'racer-%'",
    );
    expect(identities.rows[0]!.n).toBe(200);
  });
});
