import { sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Database } from '../db/open-database';
import { cartHistoryOf, inCartHistory } from '../identity/cart-history';
import { cartStateOf } from '../identity/cart-state';
import { serializeWrites } from '../identity/serialize-writes';
import { uuidv7 } from '../../sdk/uuidv7';

export interface ScanOptions {
  /** A cart is abandoned once its latest activity is this old with no order after it (ms). */
  idleMs: number;
  /** The scan's clock (epoch ms). */
  now: number;
  /**
   * Carts idle longer than `idleMs + maxLateMs` are too old to signal: the history
   * before signals were turned on, or carts that went idle while no collector ran.
   * @default 86400000 (24 h)
   */
  maxLateMs?: number;
  /** Also queue each new signal's webhook delivery. @default false */
  webhook?: boolean;
}

const PAGE = 500;
const CART_EVENTS = inCartHistory('e');

/**
 * One pass of the abandoned-cart signal: each person whose latest cart activity
 * (`cart_states`) is at least `idleMs` old, with products in the cart and no
 * `Order Completed` at or after it, gets one signal for their cart — their cart
 * events since their last order — unless that cart has one already.
 *
 * "Already" is decided by the cart's events, not the person id (merges change it):
 * a signal names the cart's first cart event, so a cart that grew after its signal,
 * or that a merge joined to another, is recognised by any signalled event in it.
 * The insert re-checks both conditions in the same statement, and `cart_event_id`
 * is unique, so two collector processes scanning at once signal a cart once.
 *
 * @returns the ids of the new signals, in id order
 * @example
 * const ids = await scanAbandonedCarts(db, { idleMs: 3_600_000, now: Date.now(), webhook: true });
 */
export async function scanAbandonedCarts(db: Database, options: ScanOptions): Promise<number[]> {
  const newest = options.now - options.idleMs;
  const oldest = newest - (options.maxLateMs ?? 86_400_000);
  const created: number[] = [];
  let after: [number, number] = [oldest, -1];
  for (;;) {
    // Carts whose signal covers their latest activity are skipped by index; the
    // rest are new, or changed since (grown, merged) and checked by their events.
    const candidates = await db.all<{ person_id: number; last_activity: number; cart: string | null }>(sql`
      select cs.person_id, cs.last_activity, cs.cart from cart_states cs
      where cs.last_activity <= ${newest} and cs.last_activity >= ${after[0]} and (cs.last_activity, cs.person_id) > (${after[0]}, ${after[1]})
        and cs.next_order is null and (cs.cart is null or json_array_length(cs.cart, '$.products') > 0)
        and not exists (select 1 from cart_signals s where s.person_id = cs.person_id and s.covered_activity = cs.last_activity)
      order by cs.last_activity, cs.person_id limit ${PAGE}`);
    const writes: SQL[] = [];
    const inserts: number[] = [];
    for (const candidate of candidates) {
      const cart = candidate.cart ?? (await replayedCart(db, candidate.person_id));
      if (cart === undefined) continue;
      const planned = await planSignal(db, candidate.person_id, candidate.last_activity, cart, options);
      if (planned.insert) inserts.push(writes.length);
      writes.push(...planned.statements);
    }
    // One write transaction per page: a first scan over a busy day signals thousands
    // of carts, and a commit each would cost ~1 ms apiece.
    if (writes.length > 0) {
      const results = await serializeWrites(db, () => db.batch(writes.map((write) => db.all(write)) as unknown as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]));
      for (const index of inserts) for (const row of results[index] as { id: number }[]) created.push(row.id);
    }
    const last = candidates.at(-1);
    if (!last || candidates.length < PAGE) return created;
    after = [last.last_activity, last.person_id];
  }
}

/**
 * The writes for one candidate: its cart's signal (and webhook delivery), or, when the
 * cart already has one, that the signal covers the latest activity (and who holds it now).
 */
async function planSignal(db: Database, person: number, activity: number, cart: string, options: ScanOptions): Promise<{ statements: SQL[]; insert: boolean }> {
  // The cart: the person's cart events after their last order before the activity.
  // A signalled event sorts first, else the cart's first event.
  const [first] = await db.all<{ id: number; signal: number | null }>(sql`
    select e.id, s.id as signal from events e indexed by events_cart_history
    left join cart_signals s on s.cart_event_id = e.id
    where ${CART_EVENTS} and e.person_id = ${person} and e.timestamp <= ${activity}
      and e.timestamp > coalesce((select max(o.timestamp) from events o indexed by events_cart_history
        where ${inCartHistory('o')} and o.person_id = ${person} and o.event = 'Order Completed' and o.timestamp < ${activity}), -1e18)
    order by s.id is null, e.timestamp, e.id limit 1`);
  if (!first) return { statements: [], insert: false };
  if (first.signal !== null) {
    return { statements: [sql`update cart_signals set person_id = ${person}, covered_activity = ${activity} where id = ${first.signal}`], insert: false };
  }
  const cartId = uuidv7();
  // Both conditions again, inside the write: the cart is still idle and unordered,
  // and no event of it is signalled (another process may have been quicker).
  const statements = [
    sql`insert into cart_signals (cart_id, cart_event_id, person_id, covered_activity, cart, created_at)
      select ${cartId}, ${first.id}, ${person}, ${activity}, coalesce(cs.cart, ${cart}), ${options.now}
      from cart_states cs where cs.person_id = ${person} and cs.last_activity = ${activity} and cs.next_order is null
        and not exists (select 1 from events e indexed by events_cart_history join cart_signals s on s.cart_event_id = e.id
          where ${CART_EVENTS} and e.person_id = ${person} and e.timestamp >= (select min(f.timestamp) from events f where f.id = ${first.id}))
      on conflict do nothing
      returning id`,
  ];
  if (options.webhook) {
    statements.push(sql`insert into webhook_deliveries (signal_id, status, attempts, next_attempt_at, created_at)
      select id, 'pending', 0, ${options.now}, ${options.now} from cart_signals where cart_id = ${cartId} returning signal_id`);
  }
  return { statements, insert: true };
}

/**
 * The cart of a `cart_states` row migration 0008 filled without one, worked out from
 * the person's events; undefined when it holds no product.
 */
async function replayedCart(db: Database, person: number): Promise<string | undefined> {
  const history = await cartHistoryOf(db, [person]);
  const state = cartStateOf(history.events.get(person) ?? [], history.ids.get(person) ?? [], -Infinity, Infinity);
  return state && state.cart.products.length > 0 ? JSON.stringify(state.cart) : undefined;
}
