/** The ids one new event brings: each may be absent. */
export interface EventIds {
  anonymousId?: string | null | undefined;
  userId?: string | null | undefined;
  previousId?: string | null | undefined;
}

/** What the identities table already says about an id. */
export interface KnownIdentity {
  personId: number;
}

/** The identity changes a batch of new events implies. */
export interface IdentityPlan {
  /** Person of each input event, by position. */
  personOf: number[];
  /** Ids seen for the first time, with their kind and person. */
  newIdentities: { value: string; kind: 'user' | 'anonymous'; personId: number }[];
  /** Persons created by this batch. */
  newPersons: number[];
  /** Existing persons folded into another: loser id → survivor id. */
  merges: Map<number, number>;
}

/**
 * Decides persons for a batch of new events. Every id an event carries (anonymousId,
 * userId, alias previousId) belongs to one person; ids already known bring their
 * persons along, and when a batch links several known persons the smallest (oldest)
 * id survives and the others merge into it.
 *
 * Pure: the caller reads `known` beforehand and writes the plan in one transaction.
 *
 * @param events new events' ids, in batch order
 * @param known the identities table's rows for every id in `events`
 * @param nextPersonId first id to give a new person
 * @example
 * linkIdentities([{ anonymousId: 'a', userId: 'u' }], new Map([['u', { personId: 7 }]]), 8)
 * // → { personOf: [7], newIdentities: [{ value: 'a', kind: 'anonymous', personId: 7 }], newPersons: [], merges: Map {} }
 */
export function linkIdentities(events: readonly EventIds[], known: ReadonlyMap<string, KnownIdentity>, nextPersonId: number): IdentityPlan {
  const sets = new UnionFind();
  const personNode = (id: number): string => `\u0000person:${id}`;
  for (const [value, identity] of known) sets.union(value, personNode(identity.personId));
  for (const event of events) {
    const ids = idsOf(event);
    for (const id of ids) sets.union(ids[0] as string, id);
  }
  // Each component's person: the smallest known person in it, else a new one.
  const personOfRoot = new Map<string, number>();
  for (const identity of known.values()) {
    const root = sets.find(personNode(identity.personId));
    const current = personOfRoot.get(root);
    if (current === undefined || identity.personId < current) personOfRoot.set(root, identity.personId);
  }
  const merges = new Map<number, number>();
  for (const identity of known.values()) {
    const survivor = personOfRoot.get(sets.find(personNode(identity.personId))) as number;
    if (survivor !== identity.personId) merges.set(identity.personId, survivor);
  }
  const newPersons: number[] = [];
  const personOf = events.map((event) => {
    const root = sets.find(idsOf(event)[0] as string);
    let person = personOfRoot.get(root);
    if (person === undefined) {
      person = nextPersonId++;
      newPersons.push(person);
      personOfRoot.set(root, person);
    }
    return person;
  });
  return { personOf, newIdentities: newIdentitiesOf(events, known, personOf), newPersons, merges };
}

function idsOf(event: EventIds): string[] {
  return [event.anonymousId, event.userId, event.previousId].filter((id): id is string => typeof id === 'string' && id !== '');
}

function newIdentitiesOf(events: readonly EventIds[], known: ReadonlyMap<string, KnownIdentity>, personOf: number[]): IdentityPlan['newIdentities'] {
  const seen = new Map<string, IdentityPlan['newIdentities'][number] & { fromAlias: boolean }>();
  events.forEach((event, index) => {
    const personId = personOf[index] as number;
    const add = (value: string | null | undefined, kind: 'user' | 'anonymous', fromAlias: boolean): void => {
      if (!value || known.has(value)) return;
      const first = seen.get(value);
      if (!first) seen.set(value, { value, kind, personId, fromAlias });
      // A previousId says nothing of its kind: the id's own use elsewhere decides.
      else if (first.fromAlias && !fromAlias) Object.assign(first, { kind, fromAlias });
    };
    add(event.anonymousId, 'anonymous', false);
    add(event.userId, 'user', false);
    add(event.previousId, 'user', true);
  });
  return [...seen.values()].map(({ value, kind, personId }) => ({ value, kind, personId }));
}

/** Disjoint sets over strings, with path halving. */
class UnionFind {
  readonly #parent = new Map<string, string>();

  find(node: string): string {
    let current = node;
    for (;;) {
      const parent = this.#parent.get(current);
      if (parent === undefined || parent === current) return current;
      const grand = this.#parent.get(parent) ?? parent;
      this.#parent.set(current, grand);
      current = grand;
    }
  }

  union(a: string, b: string): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA !== rootB) this.#parent.set(rootB, rootA);
  }
}
