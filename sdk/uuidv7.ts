import { formatUuid, hex, uint32 } from './uuid-format.js';

/** Fills a byte array with cryptographically strong random values. */
export type RandomFill = (bytes: Uint8Array) => Uint8Array;

/** Largest value of the 42-bit counter (12 bits of rand_a + 30 of rand_b). */
const COUNTER_MAX = 2 ** 42 - 1;
const TWO_30 = 2 ** 30;

/**
 * Make a UUIDv7 generator (RFC 9562 §5.7). Ids sort by creation time; within
 * one millisecond they stay strictly increasing through a 42-bit counter
 * (RFC 9562 §6.2 method 1) seeded randomly with its top bit clear, so there is
 * room to count up. If the clock goes backwards or the counter overflows, the
 * last timestamp is reused or advanced, so order never breaks.
 * @param now clock in epoch milliseconds
 * @default now Date.now
 * @param fill random source
 * @default fill crypto.getRandomValues
 * @returns a function returning a new id on each call
 * @example
 * const next = createUuidv7();
 * next(); // '0190b6c4-52a1-7c3e-9a4f-0b1c2d3e4f50'
 */
export function createUuidv7(
  now: () => number = Date.now,
  fill: RandomFill = (bytes) => crypto.getRandomValues(bytes),
): () => string {
  let lastMs = -1;
  let counter = 0;
  // Random bytes are drawn 64 ids at a time: getRandomValues is the costliest
  // step of an id. Read in place, not through a subarray per id (an allocation).
  let pool: Uint8Array = new Uint8Array(0);
  let at = 0;
  return () => {
    if (at === pool.length) (pool = fill(new Uint8Array(640))), (at = 0);
    const ms = now();
    if (ms > lastMs || counter >= COUNTER_MAX) {
      lastMs = Math.max(ms, lastMs + 1);
      // 41 random bits: the 42-bit counter with its top bit clear, so there is room to count up.
      counter = (pool[at]! & 1) * 2 ** 40 + pool[at + 1]! * 2 ** 32 + uint32(pool, at + 2);
    } else {
      counter += 1;
    }
    at += 10;
    // 48-bit time | version 7 + 12 counter bits | variant 10 + 30 counter bits | 32 random bits
    return formatUuid(hex(lastMs, 12) + hex(0x7000 + Math.floor(counter / TWO_30), 4) + hex(2 ** 31 + (counter % TWO_30), 8) + hex(uint32(pool, at - 4), 8));
  };
}

let shared: (() => string) | undefined;

/**
 * A new UUIDv7 from the page-wide generator (made on first use, so that ids of
 * every client on the page share one monotonic sequence).
 * @returns e.g. `'0190b6c4-52a1-7c3e-9a4f-0b1c2d3e4f50'`
 * @example
 * const messageId = uuidv7();
 */
export function uuidv7(): string {
  shared ??= createUuidv7();
  return shared();
}
