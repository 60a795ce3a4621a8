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
  return () => {
    const random = fill(new Uint8Array(10));
    const ms = now();
    if (ms > lastMs) {
      lastMs = ms;
      counter = seed(random);
    } else if (counter < COUNTER_MAX) {
      counter += 1;
    } else {
      lastMs += 1;
      counter = seed(random);
    }
    return format(lastMs, counter, random);
  };
}

/** 41 random bits: the 42-bit counter with its top bit clear. */
function seed(random: Uint8Array): number {
  let value = (random[0] ?? 0) & 0x01;
  for (let i = 1; i < 6; i++) value = value * 256 + (random[i] ?? 0);
  return value;
}

function format(ms: number, counter: number, random: Uint8Array): string {
  const bytes = new Uint8Array(16);
  let ts = ms;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ts % 256;
    ts = Math.floor(ts / 256);
  }
  const high = Math.floor(counter / TWO_30);
  const low = counter % TWO_30;
  bytes[6] = 0x70 | (high >>> 8);
  bytes[7] = high & 0xff;
  bytes[8] = 0x80 | ((low >>> 24) & 0x3f);
  bytes[9] = (low >>> 16) & 0xff;
  bytes[10] = (low >>> 8) & 0xff;
  bytes[11] = low & 0xff;
  bytes.set(random.subarray(6, 10), 12);
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
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
