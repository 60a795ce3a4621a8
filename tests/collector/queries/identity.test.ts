import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../helpers/test-app';
import { ingest } from './ingest-helpers';
import { generateEvents, shuffled } from './seeded-events';
import { expectedPersons, storedEvents, type StoredEvent } from './stored-rows';

const IDLE = 30 * 60_000;
const DAY = 24 * 3_600_000;

/** Sessions written out plainly, independent of collector/identity/sessionize.ts. */
function expectedSessions(events: StoredEvent[]): { start: number; end: number; count: number; source: string | null }[] {
  const out: { start: number; end: number; count: number; source: string | null }[] = [];
  for (const e of events) {
    const last = out[out.length - 1];
    const split =
      !last || e.timestamp - last.end > IDLE || e.timestamp - last.start > DAY || (e.campaignSource !== null && e.campaignSource !== last.source);
    if (split) out.push({ start: e.timestamp, end: e.timestamp, count: 1, source: e.campaignSource });
    else {
      last.end = e.timestamp;
      last.count++;
    }
  }
  return out;
}

describe('identity at ingest', () => {
  it('gives one person to every id linked by identify/alias, re-keying earlier events', async () => {
    const t = await createTestApp();
    await ingest(t.app, [
      { type: 'page', messageId: 'a1', anonymousId: 'phone', name: 'Home', timestamp: '2026-11-01T10:00:00Z' },
      { type: 'page', messageId: 'b1', anonymousId: 'laptop', name: 'Home', timestamp: '2026-11-01T11:00:00Z' },
    ]);
    await ingest(t.app, [{ type: 'identify', messageId: 'a2', anonymousId: 'phone', userId: 'u1', timestamp: '2026-11-01T10:05:00Z' }]);
    await ingest(t.app, [{ type: 'alias', messageId: 'b2', previousId: 'laptop', userId: 'u1', timestamp: '2026-11-01T11:05:00Z' }]);
    const rows = await storedEvents(t.database.client);
    expect(new Set(rows.map((row) => row.personId)).size).toBe(1);
    const persons = await t.database.client.execute('select count(*) as n from persons');
    expect(Number(persons.rows[0]?.['n'])).toBe(1);
    const sessions = await t.database.client.execute('select start, "end", event_count from sessions order by start');
    expect(sessions.rows.map((row) => Number(row['event_count']))).toEqual([2, 2]);
  });

  it('matches an independent computation of persons and sessions, whatever the arrival order', async () => {
    const generated = generateEvents(11, 120);
    const t = await createTestApp();
    const arriving = shuffled(generated, 5);
    await ingest(t.app, arriving, 37);
    await ingest(t.app, arriving.slice(0, 100), 50); // retries: duplicates change nothing
    const rows = await storedEvents(t.database.client);
    expect(rows).toHaveLength(generated.length);
    // The data really holds what the test is about: two-device persons and bots.
    const anonymousIdsOf = new Map<number, Set<string>>();
    for (const row of rows) if (row.anonymousId) anonymousIdsOf.set(row.personId, (anonymousIdsOf.get(row.personId) ?? new Set()).add(row.anonymousId));
    expect([...anonymousIdsOf.values()].filter((ids) => ids.size === 2).length).toBeGreaterThan(5);
    expect(rows.filter((row) => row.bot).length).toBeGreaterThan(5);
    const expected = expectedPersons(rows);
    const personOfKey = new Map<string, number>();
    const keyOfPerson = new Map<number, string>();
    for (const row of rows) {
      const key = expected.get(row.id) as string;
      expect(personOfKey.get(key) ?? row.personId).toBe(row.personId);
      expect(keyOfPerson.get(row.personId) ?? key).toBe(key);
      personOfKey.set(key, row.personId);
      keyOfPerson.set(row.personId, key);
    }
    const stored = await t.database.client.execute('select person_id, start, "end", event_count, campaign_source from sessions order by person_id, start, id');
    const actual = stored.rows.map((row) => ({
      person: Number(row['person_id']),
      start: Number(row['start']),
      end: Number(row['end']),
      count: Number(row['event_count']),
      source: (row['campaign_source'] as string | null) ?? null,
    }));
    const wanted = [...personOfKey.values()]
      .sort((a, b) => a - b)
      .flatMap((person) => expectedSessions(rows.filter((row) => row.personId === person && !row.bot)).map((s) => ({ person, ...s })));
    expect(actual).toEqual(wanted);
  });
});
