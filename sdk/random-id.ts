import { formatUuid, hex, uint32 } from './uuid-format.js';

/**
 * A random (version 4) UUID for `anonymousId` and `sessionId`. Built from
 * `crypto.getRandomValues`, which exists everywhere, rather than
 * `crypto.randomUUID`, which exists only in secure contexts and plenty of
 * small shops still serve plain http.
 * @returns e.g. `'3b241101-e2bb-4255-8caf-4136c566a962'`
 * @example
 * const anonymousId = randomId();
 */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // variant 10
  return formatUuid([0, 4, 8, 12].map((at) => hex(uint32(bytes, at), 8)).join(''));
}
