import { sql, type SQLWrapper } from 'drizzle-orm';
import type { Database } from '../db/open-database';
import { sessions, type NewEventRow, type NewSessionRow } from '../db/schema';
import { sessionize, type SessionEvent } from './sessionize';
import { stepChars, stepLabel } from './step-codes';
import { chunks, valuesList } from './values-list';

/** "From the beginning of time": merged persons are sessionized afresh. */
const EVERYTHING = -8.64e15;
const PERSONS_PER_QUERY = 400;
const ROWS_PER_INSERT = 500;

interface TimedEvent extends SessionEvent {
  id: number;
  personId: number;
  /** Its path step (see `stepLabel`), null when it is none. */
  step: string | null;
}

/**
 * The statements that bring the `sessions` of every person a batch touches up to
 * date. Sessionizing is a left-to-right scan, so an event at time t can only change
 * the session holding t and those after it: each person's sessions are recomputed
 * from the start of the session at or before their earliest new event (one step
 * further back when the previous session ends at that very millisecond). Events may
 * arrive late or out of order; in the usual case only the open session is re-read.
 *
 * @param rows new events with `personId` set
 * @param merges loser → survivor person ids decided for this batch
 * @example
 * statements.push(...(await planSessionWrites(db, keyedRows, plan.merges)));
 */
export async function planSessionWrites(
  db: Database,
  rows: readonly (NewEventRow & { personId: number })[],
  merges: ReadonlyMap<number, number>,
): Promise<SQLWrapper[]> {
  const earliest = new Map<number, number>();
  for (const row of rows) {
    if (row.bot) continue;
    earliest.set(row.personId, Math.min(earliest.get(row.personId) ?? Infinity, row.timestamp));
  }
  const from = new Map<number, number>();
  for (const [loser, survivor] of merges) from.set(loser, EVERYTHING).set(survivor, EVERYTHING);
  const partial = [...earliest].filter(([person]) => !from.has(person));
  for (const chunk of chunks(partial, PERSONS_PER_QUERY)) {
    for (const [person, start] of await recomputeFrom(db, chunk)) from.set(person, start);
  }
  if (from.size === 0) return [];
  const stored = await storedEvents(db, [...from]);
  const byPerson = new Map<number, TimedEvent[]>();
  const add = (event: TimedEvent): void => {
    const owner = merges.get(event.personId) ?? event.personId;
    const timeline = byPerson.get(owner);
    if (timeline) timeline.push(event);
    else byPerson.set(owner, [event]);
  };
  stored.forEach(add);
  // Not yet inserted: they will get ids above every stored one, in batch order.
  rows.forEach((row, index) => {
    if (!row.bot) add(timedEvent(row, Number.MAX_SAFE_INTEGER - rows.length + index));
  });
  const labels = new Set<string>();
  for (const timeline of byPerson.values()) for (const event of timeline) if (event.step !== null) labels.add(event.step);
  const chars = await stepChars(db, labels);
  const fresh: NewSessionRow[] = [];
  for (const [personId, timeline] of byPerson) {
    timeline.sort((a, b) => a.timestamp - b.timestamp || a.id - b.id);
    for (const { firstIndex, ...span } of sessionize(timeline)) {
      let steps = '';
      for (const event of timeline.slice(firstIndex, firstIndex + span.eventCount)) if (event.step !== null) steps += chars.get(event.step);
      fresh.push({ personId, ...span, steps });
    }
  }
  const statements: SQLWrapper[] = chunks([...from], PERSONS_PER_QUERY).map(
    (chunk) =>
      db.run(sql`with v(p, r) as (${valuesList(chunk)})
        delete from ${sessions} where ${sessions.id} in
          (select s.id from v cross join ${sessions} s on s.person_id = v.p and s.start >= v.r)`),
  );
  for (const chunk of chunks(fresh, ROWS_PER_INSERT)) statements.push(db.insert(sessions).values(chunk));
  return statements;
}

/** For each (person, earliest new time): where its sessions must be recomputed from. */
async function recomputeFrom(db: Database, persons: [number, number][]): Promise<Map<number, number>> {
  const found = await db.all<{ p: number; m: number; s: number | null; prev: number | null }>(sql`
    with v(p, m) as (${valuesList(persons)}),
    b as (select v.p as p, v.m as m,
            (select max(start) from sessions where person_id = v.p and start <= v.m) as s from v)
    select b.p as p, b.m as m, b.s as s,
      (select case when "end" >= b.s then start end from sessions
        where person_id = b.p and start < b.s order by start desc limit 1) as prev
    from b`);
  return new Map(found.map((row) => [Number(row.p), Number(row.prev ?? row.s ?? row.m)]));
}

/** Stored non-bot events of each person at or after its recompute time. */
async function storedEvents(db: Database, from: [number, number][]): Promise<TimedEvent[]> {
  const out: TimedEvent[] = [];
  for (const chunk of chunks(from, PERSONS_PER_QUERY)) {
    const found = await db.all<Record<string, unknown>>(sql`
      with v(p, r) as (${valuesList(chunk)})
      select e.id, e.person_id, e.timestamp, e.channel, e.campaign_source, e.campaign_medium, e.campaign_name,
        e.type, e.event, e.page_path, e.name
      from v cross join events e on e.person_id = v.p and e.timestamp >= v.r
      where e.bot = 0`);
    for (const row of found) {
      out.push({
        id: Number(row['id']),
        personId: Number(row['person_id']),
        timestamp: Number(row['timestamp']),
        channel: (row['channel'] as string | null) ?? null,
        campaignSource: (row['campaign_source'] as string | null) ?? null,
        campaignMedium: (row['campaign_medium'] as string | null) ?? null,
        campaignName: (row['campaign_name'] as string | null) ?? null,
        step: stepLabel({ type: String(row['type']), event: row['event'] as string | null, pagePath: row['page_path'] as string | null, name: row['name'] as string | null }),
      });
    }
  }
  return out;
}

/** A new row as the scan sees it, built in one object (no spread: this runs once per ingested event). */
function timedEvent(row: NewEventRow & { personId: number }, id: number): TimedEvent {
  return {
    id,
    personId: row.personId,
    timestamp: row.timestamp,
    channel: row.channel ?? null,
    campaignSource: row.campaignSource ?? null,
    campaignMedium: row.campaignMedium ?? null,
    campaignName: row.campaignName ?? null,
    step: stepLabel(row),
  };
}
