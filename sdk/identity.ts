import { randomId } from './random-id.js';
import type { KeyValueStorage } from './storage.js';

/** localStorage keys the SDK writes, and only after consent is granted. */
export const STORAGE_KEYS = {
  anonymousId: 'footfall:anonymousId',
  userId: 'footfall:userId',
} as const;

/** Who the visitor is, as far as this browser knows. */
export interface Identity {
  /** The anonymousId, created and stored on first use. Call only with consent. */
  anonymousId(): string;
  /** The userId from `identify`, if any. */
  userId(): string | undefined;
  /** Remember a userId; stored durably only when `persist` is true. */
  setUserId(userId: string, persist: boolean): void;
  /** Write the in-memory userId to storage (when consent arrives later). */
  persist(): void;
  /** Forget both ids, in memory and in storage. */
  forget(): void;
}

/**
 * Identity kept in memory and mirrored to storage. Nothing is written until
 * the consent gate says so: `anonymousId()` is only called for granted events.
 * @param storage where ids survive page loads
 * @returns the identity of this visitor
 * @example
 * const identity = createIdentity(safeStorage());
 * identity.anonymousId();
 */
export function createIdentity(storage: KeyValueStorage): Identity {
  let anonymousId: string | undefined;
  let userId: string | undefined;
  let userIdLoaded = false;
  return {
    anonymousId() {
      anonymousId ??= storage.getItem(STORAGE_KEYS.anonymousId) ?? undefined;
      if (anonymousId === undefined) {
        anonymousId = randomId();
        storage.setItem(STORAGE_KEYS.anonymousId, anonymousId);
      }
      return anonymousId;
    },
    userId() {
      if (!userIdLoaded) {
        userId ??= storage.getItem(STORAGE_KEYS.userId) ?? undefined;
        userIdLoaded = true;
      }
      return userId;
    },
    setUserId(id, persist) {
      userId = id;
      userIdLoaded = true;
      if (persist) storage.setItem(STORAGE_KEYS.userId, id);
    },
    persist() {
      if (userId !== undefined) storage.setItem(STORAGE_KEYS.userId, userId);
    },
    forget() {
      anonymousId = undefined;
      userId = undefined;
      userIdLoaded = true;
      storage.removeItem(STORAGE_KEYS.anonymousId);
      storage.removeItem(STORAGE_KEYS.userId);
    },
  };
}
