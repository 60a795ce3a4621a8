import { sql } from 'drizzle-orm';
import type { Database } from '../db/open-database';
import type { FunnelEvent } from './funnel-attempts';
import { append, numberList, type NumberList } from './funnel-step-results';

/** What a funnel asks of `event_times`: plain event names, no filters, no breakdown. */
export interface TimelineShape {
  steps: readonly { event?: string | undefined; page?: string | undefined; where?: Record<string, unknown> | undefined }[];
  order: 'ordered' | 'strict' | 'any';
  breakdown?: string | undefined;
}

/**
 * Whether `event_times` can answer the funnel: every step a plain event name, no
 * breakdown (it needs the step-1 event's fields) and not `strict` (it needs every
 * event of the person, of any type). Other funnels read the events.
 */
export function servedByTimelines(params: TimelineShape): boolean {
  return params.order !== 'strict' && params.breakdown === undefined && params.steps.every((step) => step.event !== undefined && step.where === undefined);
}

/**
 * One event name's rows of `event_times` in person order, read person by person:
 * `ids` is `person,person,…`, `times` the matching `t,t,…;t,…` (UTF-8 bytes).
 */
export interface TimeList {
  /** Bit k set when the name is step k's. */
  mask: number;
  ids: Uint8Array;
  times: Uint8Array;
  /** Where the person after the current one starts in `ids`. */
  idAt: number;
  /** Where the current person's times start in `times`. */
  timeAt: number;
  /** The current person; Infinity past the end. */
  person: number;
}

/**
 * One list per distinct name among `names`, all of `event_times`' persons. Every
 * time is read, whatever the range: an attempt's steps lie between its step-1 time
 * (checked against `[from, to)`) and its window's end, so other times never count.
 *
 * One row per name because moving a row out of SQLite costs microseconds (5M
 * events: ~620k rows); ids and times in two aggregates because joining them per row
 * doubled SQLite's time; blobs because turning 32 MB of UTF-8 into a JavaScript
 * string cost another ~40 ms (5M events, four names: ~165 → ~80 ms in all). The rows
 * come in primary key order, (event, person id), which both aggregates follow.
 */
export async function readTimeLists(db: Database, names: readonly string[]): Promise<TimeList[]> {
  const masks = new Map<string, number>();
  names.forEach((name, step) => masks.set(name, (masks.get(name) ?? 0) | (1 << step)));
  const lists: TimeList[] = [];
  for (const [name, mask] of masks) {
    const [row] = await db.all<{ ids: ArrayBuffer | null; times: ArrayBuffer | null }>(sql`
      select cast(group_concat(person_id) as blob) as ids, cast(group_concat(times, ';') as blob) as times
      from event_times where event = ${name}`);
    const list = { mask, ids: bytes(row?.ids), times: bytes(row?.times), idAt: 0, timeAt: 0, person: -Infinity };
    nextId(list);
    lists.push(list);
  }
  return lists;
}

/** The smallest current person of `lists`; Infinity when all are read. */
export function nextPerson(lists: readonly TimeList[]): number {
  let person = Infinity;
  for (const list of lists) if (list.person < person) person = list.person;
  return person;
}

/**
 * Moves `list` to `person` and reads their times into `into` (emptied first; left
 * empty when the list lacks them), in time order: times are stored in arrival order,
 * sorted here when that differs.
 */
export function readPersonTimes(list: TimeList, person: number, into: NumberList): void {
  into.length = 0;
  const { times } = list;
  while (list.person < person) {
    list.timeAt = times.indexOf(59, list.timeAt) + 1 || times.length;
    nextId(list);
  }
  if (list.person !== person) return;
  // Digits up to a `,` (next time) or `;` (next person); `-` only before 1970.
  const end = times.length;
  let index = list.timeAt;
  let previous = -Infinity;
  let sorted = true;
  for (;;) {
    const negative = times[index] === 45;
    if (negative) index++;
    let value = 0;
    let code = 0;
    while (index < end && (code = times[index] as number) !== 44 && code !== 59) {
      value = value * 10 + (code - 48);
      index++;
    }
    const time = negative ? -value : value;
    if (time < previous) sorted = false;
    previous = time;
    append(into, time);
    if (index >= end || code === 59) break;
    index++;
  }
  if (!sorted) into.values.subarray(0, into.length).sort();
  list.timeAt = index + 1;
  nextId(list);
}

/**
 * Each person's step events, in time order, for the general `bestAttempt`. Only
 * persons with a step-1 event are built. Events of one millisecond come in any
 * order, which CONTRACT §3 allows for plain names.
 *
 * @example
 * for (const events of await stepTimelines(db, ['Product Viewed', 'Product Viewed'])) bestAttempt(events, rules);
 */
export async function stepTimelines(db: Database, names: readonly string[]): Promise<FunnelEvent[][]> {
  const lists = await readTimeLists(db, names);
  const first = lists.filter((list) => (list.mask & 1) !== 0);
  const times = numberList();
  const out: FunnelEvent[][] = [];
  for (let person = nextPerson(first); person !== Infinity; person = nextPerson(first)) {
    const events: FunnelEvent[] = [];
    for (const list of lists) {
      readPersonTimes(list, person, times);
      for (let index = 0; index < times.length; index++) events.push({ timestamp: times.values[index] as number, matches: list.mask, breakdown: null });
    }
    if (lists.length > 1) events.sort((a, b) => a.timestamp - b.timestamp);
    out.push(events);
  }
  return out;
}

/** Reads the next person id into `list.person` (Infinity past the end). */
function nextId(list: TimeList): void {
  const { ids } = list;
  if (list.idAt >= ids.length) {
    list.person = Infinity;
    return;
  }
  let value = 0;
  let index = list.idAt;
  for (; index < ids.length; index++) {
    const code = ids[index] as number;
    if (code === 44) break;
    value = value * 10 + (code - 48);
  }
  // The merge by person relies on the primary key's order; never misread silently.
  if (value <= list.person) throw new Error('event_times: rows out of person order');
  list.person = value;
  list.idAt = index + 1;
}

function bytes(value: ArrayBuffer | null | undefined): Uint8Array {
  return value ? new Uint8Array(value) : new Uint8Array(0);
}
