import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/open-database';
import { identities } from '../db/schema';

/** A person's ids, split by how each was first seen. */
export interface PersonIds {
  personId: number;
  userIds: string[];
  anonymousIds: string[];
}

/**
 * Finds the person any of whose userIds or anonymousIds is `id`, in one query (the
 * person is looked up inside it: journeys are read one at a time and a round trip
 * is a fair share of their cost).
 *
 * @param id a userId, anonymousId or alias previousId
 * @returns the person's ids (sorted), or undefined when no one has used `id`
 * @example
 * const person = await findPerson(db, 'user-42');
 */
export async function findPerson(db: Database, id: string): Promise<PersonIds | undefined> {
  const owner = db.select({ personId: identities.personId }).from(identities).where(eq(identities.value, id));
  const all = await db
    .select({ value: identities.value, kind: identities.kind, personId: identities.personId })
    .from(identities)
    .where(eq(identities.personId, sql`(${owner})`))
    .orderBy(identities.value);
  const [first] = all;
  if (!first) return undefined;
  return {
    personId: first.personId,
    userIds: all.filter((row) => row.kind === 'user').map((row) => row.value),
    anonymousIds: all.filter((row) => row.kind === 'anonymous').map((row) => row.value),
  };
}
