import { take, type Bucket, type Rate } from './token-bucket';

/** Buckets kept at most; the least recently used are forgotten first (they are full again by then, mostly). */
const MAX_TRACKED = 50_000;

/**
 * Token buckets by name (a write key, a client address), in memory: each collector
 * process or edge isolate limits what reaches it.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();

  constructor(
    readonly rate: Rate,
    readonly now: () => number,
  ) {}

  /**
   * Counts one request for `name`.
   *
   * @returns 0 to go ahead, else the whole seconds to wait (for `Retry-After`).
   */
  hit(name: string): number {
    const now = this.now();
    let bucket = this.#buckets.get(name);
    if (bucket) {
      // Re-insert so the Map's order stays least-recently-used first.
      this.#buckets.delete(name);
    } else {
      bucket = { tokens: this.rate.burst, updatedAt: now };
      if (this.#buckets.size >= MAX_TRACKED) this.#buckets.delete(this.#buckets.keys().next().value!);
    }
    this.#buckets.set(name, bucket);
    const waitMs = take(bucket, this.rate, now);
    return waitMs === 0 ? 0 : Math.max(1, Math.ceil(waitMs / 1000));
  }
}
