import { randomId } from './random-id.js';
import type { StateStore } from './state-store.js';

/** Who the visitor is, as far as this browser knows. */
export interface Identity {
  /** The anonymousId, created on first use. Call only with consent. */
  anonymousId(): string;
  /** The userId from `identify` or `alias`, if any. */
  userId(): string | undefined;
  setUserId(userId: string): void;
  /** Forget both ids. */
  forget(): void;
}

/**
 * Identity on top of the state store, which decides whether anything reaches
 * storage: `anonymousId()` is only called for granted events.
 * @param store where ids are kept
 * @returns the identity of this visitor
 * @example
 * const identity = createIdentity(createStateStore());
 * identity.anonymousId();
 */
export function createIdentity(store: StateStore): Identity {
  return {
    anonymousId() {
      let id = store.get('anonymousId');
      if (id === undefined) store.set('anonymousId', (id = randomId()));
      return id;
    },
    userId: () => store.get('userId'),
    setUserId: (id) => store.set('userId', id),
    forget() {
      store.set('anonymousId', undefined);
      store.set('userId', undefined);
    },
  };
}
