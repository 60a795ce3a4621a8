import { and, eq, gte, lt, min, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/open-database';
import { events } from '../db/schema';
import { timeField } from './query-input';

const PERIOD_MS = { day: 86_400_000, week: 7 * 86_400_000 } as const;

/** `POST /v1/query/retention` body. */
export const retentionSchema = z.object({
  from: timeField,
  to: timeField,
  period: z.enum(['day', 'week']).default('week'),
  /** `on`: active in period n; `on_or_after`: active in period n or any later one. */
  mode: z.enum(['on', 'on_or_after']).default('on'),
  /** Only this event counts as coming back (any event when absent). */
  event: z.string().min(1).optional(),
});

export type RetentionParams = z.output<typeof retentionSchema>;

/** One cohort: persons whose first event ever fell in its period. */
export interface RetentionCohort {
  start: string;
  size: number;
  /** Persons active in period n after the cohort's (index n; n = 0 is the cohort's own). */
  retained: number[];
  /** `retained[n] / size`. */
  rates: number[];
}

/**
 * Cohort retention: persons grouped by the period (counted from `from`) of their
 * first stored event ever, then counted per later period in which they come back,
 * up to `to`.
 *
 * @example
 * await retention(db, retentionSchema.parse({ from: '2026-10-05', to: '2026-12-28', period: 'week' }))
 */
export async function retention(db: Database, params: RetentionParams): Promise<{ period: string; cohorts: RetentionCohort[] }> {
  const size = PERIOD_MS[params.period];
  const periods = Math.max(0, Math.ceil((params.to - params.from) / size));
  const firsts = await db
    .select({ personId: events.personId, first: min(events.timestamp) })
    .from(events)
    .where(eq(events.bot, false))
    .groupBy(events.personId)
    .having(and(gte(min(events.timestamp), params.from), lt(min(events.timestamp), params.to)));
  const active = await db
    .selectDistinct({ personId: events.personId, bucket: sql<number>`cast((${events.timestamp} - ${params.from}) / ${size} as integer)` })
    .from(events)
    .where(and(eq(events.bot, false), gte(events.timestamp, params.from), lt(events.timestamp, params.to), params.event ? eq(events.event, params.event) : undefined));
  const bucketsOf = new Map<number, Set<number>>();
  for (const row of active) bucketsOf.set(row.personId as number, (bucketsOf.get(row.personId as number) ?? new Set()).add(row.bucket));
  const cohorts = Array.from({ length: periods }, (_, index) => ({ members: [] as number[], index }));
  for (const row of firsts) cohorts[Math.floor(((row.first as number) - params.from) / size)]?.members.push(row.personId as number);
  return {
    period: params.period,
    cohorts: cohorts.map(({ members, index }) => {
      const retained = Array.from({ length: periods - index }, (_, n) =>
        members.filter((person) => {
          const buckets = bucketsOf.get(person);
          if (!buckets) return false;
          if (params.mode === 'on') return buckets.has(index + n);
          return [...buckets].some((bucket) => bucket >= index + n);
        }).length,
      );
      return {
        start: new Date(params.from + index * size).toISOString(),
        size: members.length,
        retained,
        rates: retained.map((count) => (members.length ? count / members.length : 0)),
      };
    }),
  };
}
