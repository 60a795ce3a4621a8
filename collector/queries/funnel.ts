import { and, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/open-database';
import { events } from '../db/schema';
import { bestAttempt, type FunnelAttempt, type FunnelEvent } from './funnel-attempts';
import { distinctSteps, distinctStepTally } from './funnel-distinct-steps';
import { StepTally, type FunnelStepResult } from './funnel-step-results';
export type { FunnelStepResult } from './funnel-step-results';
import { servedByTimelines, stepTimelines } from './funnel-timelines';
import { fieldEquals, fieldPath, fieldSql } from './json-path';
import { durationField, rangeFields, rangeOf } from './query-input';

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const step = z
  .object({
    event: z.string().min(1).optional(),
    page: z.string().min(1).optional(),
    where: z.record(fieldPath, scalar).optional(),
  })
  .refine((value) => (value.event === undefined) !== (value.page === undefined), 'a step names exactly one of "event" or "page"');

/** `POST /v1/query/funnel` body (CONTRACT §3). */
export const funnelSchema = z.object({
  steps: z.array(step).min(2, 'a funnel has 2 to 10 steps').max(10, 'a funnel has 2 to 10 steps'),
  window: durationField.default(7 * 86_400_000),
  ...rangeFields,
  order: z.enum(['ordered', 'strict', 'any']).default('ordered'),
  breakdown: fieldPath.optional(),
});

export type FunnelParams = z.output<typeof funnelSchema>;

/** `POST /v1/query/funnel` answer. */
export interface FunnelResult {
  steps: FunnelStepResult[];
  breakdown: { value: string; steps: FunnelStepResult[] }[];
}

/**
 * Counts distinct persons through the steps, each once at the furthest step of its
 * best attempt (see `funnel-attempts.ts` for the three orders). Funnels of plain
 * event names in `ordered` or `any` order, without breakdown, read each person's
 * times per name from `event_times` (`funnel-timelines.ts`), walked in typed arrays
 * when every step names a different event (`funnel-distinct-steps.ts`); the others
 * read the candidate events themselves.
 *
 * @example
 * await funnel(db, funnelSchema.parse({ steps: [{ event: 'Product Viewed' }, { event: 'Order Completed' }], window: '7d' }))
 */
export async function funnel(db: Database, params: FunnelParams): Promise<FunnelResult> {
  const { from, to } = rangeOf(params);
  const rules = { steps: params.steps.length, windowMs: params.window, from, to, order: params.order };
  const labels = params.steps.map((s) => s.event ?? s.page ?? '');
  const withMedians = params.order !== 'any';
  if (servedByTimelines(params)) {
    const names = params.steps.map((s) => s.event as string);
    if (distinctSteps(names)) return { steps: (await distinctStepTally(db, names, rules)).results(labels, withMedians), breakdown: [] };
    const attempts: FunnelAttempt[] = [];
    for (const events of await stepTimelines(db, names)) {
      const attempt = bestAttempt(events, rules);
      if (attempt) attempts.push(attempt);
    }
    return { steps: stepResults(labels, attempts, withMedians), breakdown: [] };
  }
  const attempts = await attemptsFromEvents(db, params, from, to);
  const groups = new Map<string, FunnelAttempt[]>();
  if (params.breakdown) {
    for (const attempt of attempts) {
      const value = attempt.breakdown ?? '(none)';
      const group = groups.get(value);
      if (group) group.push(attempt);
      else groups.set(value, [attempt]);
    }
  }
  return {
    steps: stepResults(labels, attempts, withMedians),
    breakdown: [...groups]
      .map(([value, group]) => ({ value, steps: stepResults(labels, group, withMedians) }))
      .sort((a, b) => (b.steps[0]?.count ?? 0) - (a.steps[0]?.count ?? 0) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)),
  };
}

/**
 * Best attempts worked out from the events themselves: the database finds the
 * candidate events (step matches computed in SQL, one flag per step) and hands them
 * over as one JSON text; attempts are worked out per person in order.
 */
async function attemptsFromEvents(db: Database, params: FunnelParams, from: number, to: number): Promise<FunnelAttempt[]> {
  const matches = params.steps.map(stepCondition);
  const flags = sql.join(
    matches.map((condition, index) => sql`(case when ${condition} then ${1 << index} else 0 end)`),
    sql` + `,
  );
  // Only the step-1 event's value is ever used (the attempt's start).
  const breakdown = params.breakdown ? sql`case when ${matches[0]} then ${fieldSql(params.breakdown)} end` : sql`null`;
  // Steps that name events and nothing more are answered from the events_person_events
  // index alone, already in (person, time, id) order: no sort and no row read but
  // for breakdown values. Other steps read columns the index lacks, where the
  // planner's own choice is better.
  const namedOnly = params.steps.every((step) => step.event !== undefined && step.where === undefined);
  const source = namedOnly ? sql`${events} indexed by events_person_events` : sql`${events}`;
  // Each person's candidate events in (time, id) order, all persons in one JSON text:
  // moving a row out of SQLite costs microseconds (5M events: 220k rows took ~0.8 s),
  // parsing one more array entry far less. Without a breakdown an event is just its
  // time and flags, flat: [t1, m1, t2, m2, …]. The literal `bot = 0` and `is not
  // null` match the partial index.
  //
  // Events of one millisecond may be taken in either order (CONTRACT §3), and when
  // the steps are plain event names two such events of one name match alike: then
  // `flatEvents` only checks the time order, saving SQLite a sort per person (5M
  // events: ~190 ms). A breakdown (the first event's value) or filters keep id order.
  const order = sql`order by ${events.timestamp}, ${events.id}`;
  const perPerson = params.breakdown
    ? sql`json_group_array(json_array(${events.timestamp}, ${flags}, ${breakdown}) ${order})`
    : sql`'[' || group_concat(${events.timestamp} || ',' || (${flags}), ',' ${namedOnly ? sql`` : order}) || ']'`;
  const [result] = await db.all<{ persons: string }>(sql`
    select '[' || coalesce(group_concat(events, ','), '') || ']' as persons from (
      select ${perPerson} as events
      from ${source}
      where ${events.bot} = 0 and ${events.personId} is not null and ${and(
        gte(events.timestamp, from),
        lt(events.timestamp, to + params.window),
        // strict needs every event of the person: any one between two steps breaks them.
        params.order === 'strict' ? undefined : or(...matches),
      )}
      group by ${events.personId})`);
  const rules = { steps: params.steps.length, windowMs: params.window, from, to, order: params.order };
  const attempts: FunnelAttempt[] = [];
  for (const person of JSON.parse(result?.persons ?? '[]') as (number[] | [number, number, unknown][])[]) {
    const attempt = bestAttempt(params.breakdown ? withBreakdowns(person as [number, number, unknown][]) : flatEvents(person as number[]), rules);
    if (attempt) attempts.push(attempt);
  }
  return attempts;
}

/** `[t1, m1, t2, m2, …]` → events without breakdown values, in time order. */
function flatEvents(flat: readonly number[]): FunnelEvent[] {
  const out: FunnelEvent[] = [];
  let sorted = true;
  for (let index = 0; index < flat.length; index += 2) {
    const timestamp = flat[index] as number;
    if (out.length > 0 && timestamp < (out[out.length - 1] as FunnelEvent).timestamp) sorted = false;
    out.push({ timestamp, matches: flat[index + 1] as number, breakdown: null });
  }
  return sorted ? out : out.sort((a, b) => a.timestamp - b.timestamp);
}

/** `[[t, m, value], …]` → events with their breakdown values as strings. */
function withBreakdowns(rows: readonly [number, number, unknown][]): FunnelEvent[] {
  return rows.map(([timestamp, matches, value]) => ({ timestamp, matches, breakdown: value === null ? null : String(value) }));
}

/** SQL matching one step: a named event, or a page view by path; plus its `where`. */
function stepCondition(definition: FunnelParams['steps'][number]): SQL {
  const base =
    definition.event !== undefined
      ? eq(events.event, definition.event)
      : and(eq(events.type, 'page'), eq(events.pagePath, definition.page as string));
  const filters = Object.entries(definition.where ?? {}).map(([path, value]) => fieldEquals(path, value));
  return and(base, ...filters) as SQL;
}

/**
 * Counts, conversions and median step times of a set of best attempts.
 *
 * @param withMedians false for `any`, whose steps have no order to time
 */
export function stepResults(labels: readonly string[], attempts: readonly FunnelAttempt[], withMedians: boolean): FunnelStepResult[] {
  const tally = new StepTally(labels.length);
  for (const attempt of attempts) tally.add(attempt.reached, attempt.times);
  return tally.results(labels, withMedians);
}
