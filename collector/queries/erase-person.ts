import { count, eq, inArray, or, sql } from 'drizzle-orm';
import type { Database } from '../db/open-database';
import { eraseOverviewRows } from '../rollups/overview-rollup';
import { cartSignals, cartStates, eventTimes, events, identities, persons, quarantine, sessions, stepLabels, webhookDeliveries } from '../db/schema';
import { serializeWrites } from '../identity/serialize-writes';

/** `DELETE /v1/people/:id` answer. */
export interface ErasureResult {
  success: true;
  deletedEvents: number;
}

/**
 * Erases a person everywhere in one transaction: their events, identities, sessions,
 * event times, cart state and person row, their abandoned-cart signals and webhook
 * deliveries, every path step label holding one of their ids, and every
 * quarantined event carrying one of their ids (in its id columns or anywhere in its
 * payload). Runs in the ingest write queue, so a batch in flight cannot bring an id
 * back between the read and the delete.
 *
 * @param id any userId or anonymousId of the person; an unknown id still clears quarantine
 * @example
 * await erasePerson(db, 'user-42') // → { success: true, deletedEvents: 17 }
 */
export async function erasePerson(db: Database, id: string): Promise<ErasureResult> {
  return serializeWrites(db, async () => {
    const [found] = await db.select({ personId: identities.personId }).from(identities).where(eq(identities.value, id));
    const ids = new Set([id]);
    let deletedEvents = 0;
    if (found) {
      const own = await db.select({ value: identities.value }).from(identities).where(eq(identities.personId, found.personId));
      for (const row of own) ids.add(row.value);
    }
    const list = [...ids];
    // Rows stored before person ids existed have none: they are found by their ids.
    const theirEvents = or(
      ...(found ? [eq(events.personId, found.personId)] : []),
      inArray(events.anonymousId, list),
      inArray(events.userId, list),
      inArray(events.previousId, list),
    );
    const [counted] = await db.select({ n: count() }).from(events).where(theirEvents);
    deletedEvents = counted?.n ?? 0;
    const inPayload = list.map((value) => sql`instr(${quarantine.payload}, ${JSON.stringify(value)}) > 0`);
    // A page path can hold an id (`/users/jane`); other sessions' steps then read `(erased)`.
    const inLabel = list.map((value) => sql`instr(${stepLabels.label}, ${value}) > 0`);
    // A signal names one of their events, their person when the scan last saw the
    // cart, and their ids in its cart; any of these makes it theirs.
    const theirSignals = or(
      inArray(cartSignals.cartEventId, db.select({ id: events.id }).from(events).where(theirEvents)),
      ...(found ? [eq(cartSignals.personId, found.personId)] : []),
      ...list.map((value) => sql`instr(${cartSignals.cart}, ${JSON.stringify(value)}) > 0`),
    );
    await db.batch([
      // Before the signals and events they are found by.
      db.delete(webhookDeliveries).where(inArray(webhookDeliveries.signalId, db.select({ id: cartSignals.id }).from(cartSignals).where(theirSignals))),
      db.delete(cartSignals).where(theirSignals),
      db.delete(quarantine).where(or(inArray(quarantine.anonymousId, list), inArray(quarantine.userId, list), ...inPayload)),
      db.delete(stepLabels).where(or(...inLabel)),
      // Before their events: the rollups' share is counted from them.
      ...eraseOverviewRows(theirEvents ?? sql`false`).map((statement) => db.run(statement)),
      db.delete(events).where(theirEvents),
      ...(found
        ? [
            db.delete(sessions).where(eq(sessions.personId, found.personId)),
            db.delete(cartStates).where(eq(cartStates.personId, found.personId)),
            db.delete(eventTimes).where(eq(eventTimes.personId, found.personId)),
            db.delete(identities).where(eq(identities.personId, found.personId)),
            db.delete(persons).where(eq(persons.id, found.personId)),
          ]
        : []),
    ]);
    return { success: true, deletedEvents };
  });
}
