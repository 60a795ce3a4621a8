import { inArray, type SQLWrapper } from 'drizzle-orm';
import type { Database } from '../db/open-database';
import { cartStates, type NewCartStateRow, type NewEventRow } from '../db/schema';
import { cartHistoryOf } from './cart-history';
import { CART_HISTORY_EVENTS, PRODUCT_FIELDS, cartStateOf, firstIdOf, type CartEvent, type CartIdentity } from './cart-state';
import { chunks } from './values-list';

const PERSONS_PER_STATEMENT = 500;
const ROWS_PER_INSERT = 200;

/**
 * The statements that bring `cart_states` up to date for a batch: every person whose
 * cart or ids the batch can change — a new cart event, a merge, a new id — has their
 * state worked out afresh from their stored cart events and ids plus the batch's.
 * Persons the batch only browses for are left alone, so a page view costs nothing.
 *
 * @param rows new events with `personId` set
 * @param merges loser → survivor person ids decided for this batch
 * @param newIdentities ids this batch stores
 * @example
 * statements.push(...(await planCartWrites(db, keyedRows, plan.merges, plan.newIdentities)));
 */
export async function planCartWrites(
  db: Database,
  rows: readonly (NewEventRow & { personId: number })[],
  merges: ReadonlyMap<number, number>,
  newIdentities: readonly (CartIdentity & { personId: number })[],
): Promise<SQLWrapper[]> {
  const owner = (person: number): number => merges.get(person) ?? person;
  const persons = new Set<number>();
  for (const row of rows) if (!row.bot && row.event && CART_HISTORY_EVENTS.includes(row.event)) persons.add(owner(row.personId));
  for (const survivor of merges.values()) persons.add(survivor);
  for (const identity of newIdentities) persons.add(owner(identity.personId));
  if (persons.size === 0) return [];
  const read = [...persons, ...merges.keys()];
  const stored = await cartHistoryOf(db, read);
  const events = new Map<number, CartEvent[]>();
  const ids = new Map<number, CartIdentity[]>();
  for (const person of read) {
    events.set(owner(person), [...(events.get(owner(person)) ?? []), ...(stored.events.get(person) ?? [])]);
    ids.set(owner(person), [...(ids.get(owner(person)) ?? []), ...(stored.ids.get(person) ?? [])]);
  }
  rows.forEach((row, index) => {
    if (row.bot || !row.event || !CART_HISTORY_EVENTS.includes(row.event)) return;
    const properties = row.properties ?? {};
    events.get(owner(row.personId))?.push({
      // Not yet inserted: they will get ids above every stored one, in batch order.
      id: Number.MAX_SAFE_INTEGER - rows.length + index,
      timestamp: row.timestamp,
      event: row.event,
      product: Object.fromEntries(PRODUCT_FIELDS.map((field) => [field, Object.hasOwn(properties, field) ? properties[field] : undefined])),
    });
  });
  for (const identity of newIdentities) ids.get(owner(identity.personId))?.push({ kind: identity.kind, value: identity.value });
  const fresh: NewCartStateRow[] = [];
  for (const person of persons) {
    const state = cartStateOf(events.get(person) ?? [], ids.get(person) ?? [], -Infinity, Infinity);
    if (state) fresh.push({ personId: person, lastActivity: state.at, firstId: firstIdOf(state.cart), nextOrder: state.nextOrder, cart: JSON.stringify(state.cart) });
  }
  const statements: SQLWrapper[] = chunks(read, PERSONS_PER_STATEMENT).map((chunk) => db.delete(cartStates).where(inArray(cartStates.personId, chunk)));
  for (const chunk of chunks(fresh, ROWS_PER_INSERT)) statements.push(db.insert(cartStates).values(chunk));
  return statements;
}
