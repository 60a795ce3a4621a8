import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/open-database';

/** `GET /v1/people?search=…` query string. */
export const peopleSearchSchema = z.object({
  /** Any userId, anonymousId or alias id (exact), or an `email` trait (any case). */
  search: z.string().trim().min(1).max(320),
  /** @default 20 */
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export type PeopleSearchParams = z.output<typeof peopleSearchSchema>;

/** One person found, enough to tell them apart and open their journey. */
export interface PersonSummary {
  userIds: string[];
  anonymousIds: string[];
  /** The latest `email` trait of their identify calls, if any. */
  email: string | null;
  /** Stored times of their first and latest events (bots included: it is their own record), ISO-8601. */
  firstSeen: string | null;
  lastSeen: string | null;
  events: number;
}

/** `GET /v1/people` answer, most recently seen first. */
export interface PeopleSearchResult {
  people: PersonSummary[];
}

/**
 * Finds persons by one of their ids or by the `email` trait of an identify call.
 * Email matching is case-insensitive (addresses are, in practice) and served by the
 * `events_identify_email` expression index: the query must spell the expression
 * exactly as the index does for SQLite to use it.
 *
 * @example
 * await searchPeople(db, peopleSearchSchema.parse({ search: 'ada@example.com' }))
 */
export async function searchPeople(db: Database, params: PeopleSearchParams): Promise<PeopleSearchResult> {
  const found = await db.all<{ person_id: number }>(sql`
    select person_id from identities where value = ${params.search}
    union
    select person_id from events
      where type = 'identify' and lower(traits ->> 'email') = lower(${params.search}) and person_id is not null`);
  const people = await Promise.all(found.map((row) => summaryOf(db, row.person_id)));
  people.sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? '') || (a.userIds[0] ?? a.anonymousIds[0] ?? '').localeCompare(b.userIds[0] ?? b.anonymousIds[0] ?? ''));
  return { people: people.slice(0, params.limit) };
}

async function summaryOf(db: Database, personId: number): Promise<PersonSummary> {
  const [ids, [span], [email]] = await Promise.all([
    db.all<{ value: string; kind: string }>(sql`select value, kind from identities where person_id = ${personId} order by value`),
    db.all<{ first: number | null; last: number | null; n: number }>(sql`
      select min(timestamp) as first, max(timestamp) as last, count(*) as n from events where person_id = ${personId}`),
    db.all<{ email: string }>(sql`
      select traits ->> 'email' as email from events
      where person_id = ${personId} and type = 'identify' and traits ->> 'email' is not null
      order by timestamp desc, id desc limit 1`),
  ]);
  return {
    userIds: ids.filter((id) => id.kind === 'user').map((id) => id.value),
    anonymousIds: ids.filter((id) => id.kind === 'anonymous').map((id) => id.value),
    email: email ? String(email.email) : null,
    firstSeen: span?.first == null ? null : new Date(Number(span.first)).toISOString(),
    lastSeen: span?.last == null ? null : new Date(Number(span.last)).toISOString(),
    events: Number(span?.n ?? 0),
  };
}
