import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/open-database';
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
 * @example
 * await paths(db, pathsSchema.parse({ start: 'Product Viewed', depth: 3, limit: 5 }))
 */
export async function paths(db: Database, params: PathsParams): Promise<PathsResult> {
  const { from, to } = rangeOf(params);
  const rows = await db.all<{ session: number; type: string; event: string | null; path: string | null; name: string | null }>(sql`
    select s.id as session, e.type as type, e.event as event, e.page_path as path, e.name as name
    from sessions s cross join events e on e.person_id = s.person_id and e.timestamp >= s.start and e.timestamp <= s."end"
    where s.start >= ${from} and s.start < ${to} and e.bot = 0 and e.type in ('track', 'page', 'screen')
    order by s.id, e.timestamp, e.id`);
  const counts = new Map<string, number>();
  let total = 0;
  let steps: string[] = [];
  rows.forEach((row, index) => {
    steps.push(row.type === 'track' ? (row.event ?? '') : `page ${row.path ?? row.name ?? ''}`);
    if (rows[index + 1]?.session === row.session) return;
    const begin = params.start === undefined ? 0 : steps.indexOf(params.start);
    if (begin !== -1) {
      const path = steps.slice(begin, begin + params.depth);
      if (path.length < params.depth) path.push(PATH_END);
      const key = JSON.stringify(path);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      total++;
    }
    steps = [];
  });
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, params.limit);
  const listed = ranked.reduce((sum, [, count]) => sum + count, 0);
  return { total, paths: ranked.map(([key, count]) => ({ steps: JSON.parse(key) as string[], count })), other: total - listed };
}
