import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/open-database';
import { CART_HISTORY_EVENTS, PRODUCT_FIELDS, type CartEvent, type CartIdentity, type ProductFields } from './cart-state';
import { chunks, valuesList } from './values-list';

const PERSONS_PER_QUERY = 1000;

/** Stored cart events and ids of some persons, by person id. */
export interface CartHistory {
  events: Map<number, CartEvent[]>;
  ids: Map<number, CartIdentity[]>;
}

/**
 * `events_cart_history`'s partial-index condition, spelled as in the index: SQLite
 * only uses a partial index when the query repeats its WHERE terms literally (bound
 * parameters do not match), hence constant SQL text.
 */
export const inCartHistory = (alias: string) =>
  sql.raw(`${alias}.event in (${CART_HISTORY_EVENTS.map((event) => `'${event}'`).join(', ')}) and ${alias}.bot = 0 and ${alias}.person_id is not null`);

/** Each product field as JSON (`json()` keeps a number a number and an object an object). */
const PRODUCT_JSON = sql.raw(`json_array(${PRODUCT_FIELDS.map((field) => `json(e.properties -> '$.${field}')`).join(', ')})`);

/**
 * Reads the non-bot cart events (with the product fields of adds and removes, not
 * whole payloads) and the ids of the given persons.
 *
 * @example
 * const { events, ids } = await cartHistoryOf(db, [7, 9]);
 */
export async function cartHistoryOf(db: Database, persons: readonly number[]): Promise<CartHistory> {
  const history: CartHistory = { events: new Map(), ids: new Map() };
  for (const chunk of chunks(persons, PERSONS_PER_QUERY)) {
    const list = valuesList(chunk.map((person) => [person]));
    // One JSON text per chunk: moving a row out of SQLite costs more than parsing it.
    const [found] = await db.all<{ events: string }>(sql`
      with v(p) as (${list})
      select '[' || coalesce(group_concat(json_array(e.person_id, e.id, e.timestamp, e.event,
          case when e.event in ('Product Added', 'Product Removed') then ${PRODUCT_JSON} end), ','), '') || ']' as events
      from v cross join events e indexed by events_cart_history on e.person_id = v.p
      where ${inCartHistory('e')}`);
    addEvents(history, found?.events);
    const ids = await db.all<{ p: number; kind: CartIdentity['kind']; value: string }>(sql`
      with v(p) as (${list})
      select i.person_id as p, i.kind as kind, i.value as value from v cross join identities i on i.person_id = v.p`);
    for (const row of ids) push(history.ids, Number(row.p), { kind: row.kind, value: row.value });
  }
  return history;
}

/**
 * The same history for the persons a query selects, in one statement (the persons
 * never leave SQLite: binding thousands of ids costs more than reading their events),
 * keeping only events before `before`.
 *
 * @param persons a `select` of one column of person ids
 * @param before events at or after it are left out (epoch ms)
 * @example
 * await cartHistoryWhere(db, sql`select person_id from cart_states where cart is null`, Date.now())
 */
export async function cartHistoryWhere(db: Database, persons: SQL, before: number): Promise<CartHistory> {
  const history: CartHistory = { events: new Map(), ids: new Map() };
  const [found] = await db.all<{ events: string | null; ids: string | null }>(sql`
    with v(p) as materialized (${persons})
    select (select '[' || coalesce(group_concat(json_array(e.person_id, e.id, e.timestamp, e.event,
          case when e.event in ('Product Added', 'Product Removed') then ${PRODUCT_JSON} end), ','), '') || ']'
        from v cross join events e indexed by events_cart_history on e.person_id = v.p
        where ${inCartHistory('e')} and e.timestamp < ${before}) as events,
      (select json_group_array(json_array(i.person_id, i.kind, i.value))
        from v cross join identities i on i.person_id = v.p) as ids`);
  addEvents(history, found?.events);
  for (const [person, kind, value] of JSON.parse(found?.ids ?? '[]') as [number, CartIdentity['kind'], string][]) push(history.ids, person, { kind, value });
  return history;
}

/** Adds the events of a `[[person, id, timestamp, event, fields | null], ...]` JSON text. */
function addEvents(history: CartHistory, text: string | null | undefined): void {
  for (const [person, id, timestamp, event, fields] of JSON.parse(text ?? '[]') as [number, number, number, string, unknown[] | null][]) {
    const product = fields ? (Object.fromEntries(PRODUCT_FIELDS.map((field, index) => [field, fields[index]])) as ProductFields) : undefined;
    push(history.events, person, { id, timestamp, event, product });
  }
}

function push<T>(map: Map<number, T[]>, key: number, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
