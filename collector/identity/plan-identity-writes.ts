import { inArray, sql, type SQLWrapper } from 'drizzle-orm';
import type { Database } from '../db/open-database';
import { eventTimes, events, identities, persons, sessions, type NewEventRow } from '../db/schema';
import { linkIdentities, type KnownIdentity } from './link-identities';
import { planCartWrites } from './plan-cart-writes';
import { planSessionWrites } from './plan-session-writes';
import { mergeOverviewRows } from '../rollups/overview-rollup';
import { chunks } from './values-list';

/** New event rows with their person set, and the writes that keep the derived tables. */
export interface IdentityWrites {
  rows: NewEventRow[];
  statements: SQLWrapper[];
}

const IDS_PER_QUERY = 500;

/**
 * Reads what the identities and sessions tables say about a batch of *new* events and
 * returns the statements that bring them up to date, to run in the same batch (one
 * transaction) as the events' insert:
 *
 * - each event's `person_id`, new persons and identities;
 * - merges: when the batch links known persons, the losers' identities, events and
 *   event times are re-keyed to the survivor (so a device's earlier anonymous events join the person)
 *   and the losers' rows in `persons` go;
 * - the affected persons' sessions, recomputed from the first one the batch touches;
 * - the cart state of persons whose cart or ids the batch changes.
 *
 * Callers serialise it with the batch (`serializeWrites`) so nothing changes between.
 *
 * @param rows events that are not yet stored (duplicates already left out); each
 *   gets its `personId` set
 * @example
 * const { rows: keyed, statements } = await planIdentityWrites(db, fresh);
 */
export async function planIdentityWrites(db: Database, rows: NewEventRow[]): Promise<IdentityWrites> {
  const known = await knownIdentities(db, rows);
  const plan = linkIdentities(rows, known, firstPersonId());
  // In place: the rows are this transaction's own, and a copy of every 25-field row
  // was 6% of what the collector allocated under the ingest bench. A retried
  // transaction plans again and sets them afresh.
  rows.forEach((row, index) => (row.personId = plan.personOf[index] as number));
  const keyed = rows as (NewEventRow & { personId: number })[];
  const statements: SQLWrapper[] = [];
  const now = Math.min(...rows.map((row) => row.receivedAt));
  for (const chunk of chunks(plan.newPersons, IDS_PER_QUERY)) {
    statements.push(db.insert(persons).values(chunk.map((id) => ({ id, createdAt: now }))));
  }
  for (const chunk of chunks(plan.newIdentities, IDS_PER_QUERY)) {
    // No ON CONFLICT here: an identity this plan believed new but another collector
    // process stored meanwhile must fail the transaction, so that it is planned
    // again with that identity known instead of splitting the person.
    statements.push(db.insert(identities).values(chunk));
  }
  for (const [survivor, losers] of groupMerges(plan.merges)) {
    statements.push(
      db.update(identities).set({ personId: survivor }).where(inArray(identities.personId, losers)),
      db.update(events).set({ personId: survivor }).where(inArray(events.personId, losers)),
      db.delete(persons).where(inArray(persons.id, losers)),
      db.delete(sessions).where(inArray(sessions.personId, losers)),
      // `where true` keeps SQLite from reading ON CONFLICT as a join constraint.
      db.run(sql`insert into ${eventTimes} (event, person_id, times)
        select event, ${survivor}, times from ${eventTimes} where ${inArray(eventTimes.personId, losers)} and true
        on conflict (event, person_id) do update set times = times || ',' || excluded.times`),
      db.delete(eventTimes).where(inArray(eventTimes.personId, losers)),
      ...mergeOverviewRows(survivor, losers).map((statement) => db.run(statement)),
    );
  }
  statements.push(...(await planSessionWrites(db, keyed, plan.merges)));
  statements.push(...(await planCartWrites(db, keyed, plan.merges, plan.newIdentities)));
  return { rows: keyed, statements };
}

async function knownIdentities(db: Database, rows: readonly NewEventRow[]): Promise<Map<string, KnownIdentity>> {
  const ids = new Set<string>();
  for (const row of rows) {
    for (const id of [row.anonymousId, row.userId, row.previousId]) if (id) ids.add(id);
  }
  const known = new Map<string, KnownIdentity>();
  for (const chunk of chunks([...ids], IDS_PER_QUERY)) {
    const found = await db
      .select({ value: identities.value, personId: identities.personId })
      .from(identities)
      .where(inArray(identities.value, chunk));
    for (const row of found) known.set(row.value, { personId: row.personId });
  }
  return known;
}

/** survivor → the persons merging into it. */
function groupMerges(merges: ReadonlyMap<number, number>): Map<number, number[]> {
  const bySurvivor = new Map<number, number[]>();
  for (const [loser, survivor] of merges) bySurvivor.set(survivor, [...(bySurvivor.get(survivor) ?? []), loser]);
  return bySurvivor;
}

/**
 * The first id for the persons a plan creates: milliseconds × 2048 plus 11 random
 * bits. Ids stay time-ordered (index locality) and below 2^53 until 2109, and two
 * collector processes sharing a database almost never pick the same one; when they
 * do, the primary key refuses the second and its transaction is planned again.
 */
function firstPersonId(): number {
  return Date.now() * 2048 + Math.floor(Math.random() * 2048);
}
