import { eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/open-database';
import { sessionPathDays, sessions, stepLabels } from '../db/schema';
import { stepChar, stepLabelsOf } from '../identity/step-codes';
import { rangeFields, rangeOf } from './query-input';

/** `POST /v1/query/paths` body. */
export const pathsSchema = z.object({
  /** Steps per path, the start included. */
  depth: z.number().int().min(1).max(10).default(4),
  /** How many paths to list before "other". */
  limit: z.number().int().min(1).max(100).default(10),
  /** An event name: paths begin at its first occurrence in each session; sessions without it are left out. */
  start: z.string().min(1).optional(),
  ...rangeFields,
});

export type PathsParams = z.output<typeof pathsSchema>;

/** `POST /v1/query/paths` answer: `total = Σ paths[].count + other`. */
export interface PathsResult {
  /** Sessions counted: those starting in `[from, to)` (and holding `start`, when given). */
  total: number;
  paths: { steps: string[]; count: number }[];
  /** Sessions whose path is not among the listed ones. */
  other: number;
}

/** Marks a path whose session ended before `depth` steps. */
export const PATH_END = '(end)';

/**
 * The most common paths through sessions (the `sessions` table kept at ingest), as
 * sequences of steps: a track event's name, or `page <path>` for page and screen
 * views; identify, alias and group are not steps. Each counted session has exactly
 * one path, so the listed paths plus `other` add up to `total`.
 *
 * Each session keeps its steps as one character per step (`sessions.steps`, kept at
 * ingest), so a path is a substring and SQLite groups the sessions itself; only the
 * distinct paths come back to be decoded. Whole days of the range are counted from
 * `session_path_days`, the partial days at its ends from `sessions`.
 *
 * @example
 * await paths(db, pathsSchema.parse({ start: 'Product Viewed', depth: 3, limit: 5 }))
 */
export async function paths(db: Database, params: PathsParams): Promise<PathsResult> {
  const { from, to } = rangeOf(params);
  let first: string | undefined;
  if (params.start !== undefined) {
    const [found] = await db.select({ id: stepLabels.id }).from(stepLabels).where(eq(stepLabels.label, params.start));
    if (!found) return { total: 0, paths: [], other: 0 };
    first = stepChar(found.id);
  }
  const begin = first === undefined ? sql`1` : sql`instr(steps, ${first})`;
  const groups = await db.all<{ path: string; count: number }>(sql`
    with g as materialized (${stepsCounted(from, to)})
    select substr(steps, ${begin}, ${params.depth}) as path, sum(n) as count from g
    where ${begin} > 0
    group by path`);
  const labels = await stepLabelsOf(db, groups.map((group) => group.path));
  const counts = new Map<string, number>();
  let total = 0;
  for (const group of groups) {
    const path = [...group.path].map((char) => labels.get(char) as string);
    if (path.length < params.depth) path.push(PATH_END);
    // Erased labels can make two groups read alike.
    const key = JSON.stringify(path);
    counts.set(key, (counts.get(key) ?? 0) + Number(group.count));
    total += Number(group.count);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, params.limit);
  const listed = ranked.reduce((sum, [, count]) => sum + count, 0);
  return { total, paths: ranked.map(([key, count]) => ({ steps: JSON.parse(key) as string[], count })), other: total - listed };
}

const DAY = 86_400_000;

/**
 * `(steps, n)`: how many sessions starting in `[from, to)` have each steps string
 * (several rows may share one). Materialised by the caller, so that its start test
 * runs once per row rather than pushed down into every session or day.
 */
function stepsCounted(from: number, to: number): SQL {
  const firstDay = Math.ceil(from / DAY);
  const endDay = Math.floor(to / DAY);
  // A few partial days of sessions: found by their start, whatever the planner guesses.
  const fromSessions = (start: number, end: number) => sql`select ${sessions.steps} as steps, count(*) as n
    from ${sessions} indexed by sessions_start where ${sessions.start} >= ${start} and ${sessions.start} < ${end} and ${sessions.steps} <> '' group by ${sessions.steps}`;
  // No whole day in the range (so under two days): the sessions themselves.
  if (firstDay >= endDay) return fromSessions(from, to);
  // The day counts are read in (steps, day) order, so grouping them needs no sort.
  return sql`select ${sessionPathDays.steps} as steps, sum(${sessionPathDays.sessions}) as n from ${sessionPathDays}
      where ${sessionPathDays.day} >= ${firstDay} and ${sessionPathDays.day} < ${endDay} group by ${sessionPathDays.steps}
    union all ${fromSessions(from, firstDay * DAY)}
    union all ${fromSessions(endDay * DAY, to)}`;
}
