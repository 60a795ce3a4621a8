import { sql } from 'drizzle-orm';
import type { Database } from '../db/open-database';
import type { FunnelEvent } from './funnel-attempts';

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
 * Each person's step events with a time in `[from, until)`, in time order, read from
 * `event_times`: one text per event name, `person:t,t,…;person:…` in person order,
 * merged by person. Only persons with a step-1 event are built. Events of one
 * millisecond come in any order, which CONTRACT §3 allows for plain names.
 *
 * @example
 * for (const events of await stepTimelines(db, ['Product Viewed', 'Order Completed'], from, to + window)) bestAttempt(events, rules);
 */
export async function stepTimelines(db: Database, names: readonly string[], from: number, until: number): Promise<FunnelEvent[][]> {
  const masks = new Map<string, number>();
  names.forEach((name, step) => masks.set(name, (masks.get(name) ?? 0) | (1 << step)));
  const lists: { mask: number; text: string; at: number; person: number }[] = [];
  for (const [name, mask] of masks) {
    const [row] = await db.all<{ times: string | null }>(sql`
      select group_concat(person_id || ':' || times, ';') as times from event_times where event = ${name}`);
    const text = row?.times ?? '';
    lists.push({ mask, text, at: 0, person: text ? readNumber(text, 0) : Infinity });
  }
  const first = lists.filter((list) => (list.mask & 1) !== 0);
  const out: FunnelEvent[][] = [];
  for (;;) {
    let person = Infinity;
    for (const list of first) person = Math.min(person, list.person);
    if (person === Infinity) break;
    const events: FunnelEvent[] = [];
    let sorted = true;
    for (const list of lists) {
      while (list.person < person) skipPerson(list);
      if (list.person !== person) continue;
      const before = events.length;
      readTimes(list, events, from, until);
      if (before > 0 && events.length > before) sorted = false;
    }
    if (!sorted || !inTimeOrder(events)) events.sort((a, b) => a.timestamp - b.timestamp);
    out.push(events);
  }
  return out;
}

/** Moves `list` past its current person without reading their times. */
function skipPerson(list: { text: string; at: number; person: number }): void {
  const end = list.text.indexOf(';', list.at);
  nextPerson(list, end);
}

/** Appends the current person's times within `[from, until)` and moves to the next person. */
function readTimes(list: { mask: number; text: string; at: number; person: number }, events: FunnelEvent[], from: number, until: number): void {
  const { text, mask } = list;
  let index = text.indexOf(':', list.at) + 1;
  let value = 0;
  let negative = false; // times before 1970
  for (; index <= text.length; index++) {
    const code = index < text.length ? text.charCodeAt(index) : 59;
    if (code >= 48 && code <= 57) {
      value = value * 10 + (code - 48);
      continue;
    }
    if (code === 45) {
      negative = true;
      continue;
    }
    const timestamp = negative ? -value : value;
    if (timestamp >= from && timestamp < until) events.push({ timestamp, matches: mask, breakdown: null });
    value = 0;
    negative = false;
    if (code === 59) break;
  }
  nextPerson(list, index < text.length ? index : -1);
}

function nextPerson(list: { text: string; at: number; person: number }, separator: number): void {
  if (separator < 0) {
    list.at = list.text.length;
    list.person = Infinity;
    return;
  }
  list.at = separator + 1;
  list.person = readNumber(list.text, list.at);
}

function readNumber(text: string, at: number): number {
  const end = text.indexOf(':', at);
  return Number(text.slice(at, end));
}

function inTimeOrder(events: readonly FunnelEvent[]): boolean {
  for (let index = 1; index < events.length; index++) if ((events[index] as FunnelEvent).timestamp < (events[index - 1] as FunnelEvent).timestamp) return false;
  return true;
}
