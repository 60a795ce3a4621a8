import { eq } from 'drizzle-orm';
import type { Database } from '../db/open-database';
import { identities } from '../db/schema';

/** A person's ids, split by how each was first seen. */
export interface PersonIds {
  personId: number;
  userIds: string[];
  anonymousIds: string[];
}

/**
 * Finds the person any of whose userIds or anonymousIds is `id`.
 *
 * @param id a userId, anonymousId or alias previousId
 * @returns the person's ids (sorted), or undefined when no one has used `id`
 * @example
 * const person = await findPerson(db, 'user-42');
 */
export async function findPerson(db: Database, id: string): Promise<PersonIds | undefined> {
  const [found] = await db.select({ personId: identities.personId }).from(identities).where(eq(identities.value, id));
  if (!found) return undefined;
  const all = await db
    .select({ value: identities.value, kind: identities.kind })
    .from(identities)
    .where(eq(identities.personId, found.personId))
    .orderBy(identities.value);
  return {
    personId: found.personId,
    userIds: all.filter((row) => row.kind === 'user').map((row) => row.value),
    anonymousIds: all.filter((row) => row.kind === 'anonymous').map((row) => row.value),
  };
}
