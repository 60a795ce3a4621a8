/** A rate: `perSecond` sustained, up to `burst` at once. */
export interface Rate {
  perSecond: number;
  burst: number;
}

/** A token bucket's state: tokens left at `updatedAt` (epoch ms). */
export interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Takes one token from a bucket refilled continuously at `rate`.
 *
 * @returns 0 when the request may go ahead (the bucket is updated), else how many
 * milliseconds until a token will be there (the bucket is left as it is).
 * @example
 * const bucket = { tokens: 2, updatedAt: 0 };
 * take(bucket, { perSecond: 1, burst: 2 }, 0) // 0, one token left
 */
export function take(bucket: Bucket, rate: Rate, now: number): number {
  const elapsedSeconds = Math.max(0, now - bucket.updatedAt) / 1000;
  const tokens = Math.min(rate.burst, bucket.tokens + elapsedSeconds * rate.perSecond);
  bucket.updatedAt = now;
  if (tokens >= 1) {
    bucket.tokens = tokens - 1;
    return 0;
  }
  bucket.tokens = tokens;
  return Math.ceil(((1 - tokens) / rate.perSecond) * 1000);
}

/**
 * Parses a rate setting: `"50"` (per second, burst 4× that), `"50:400"` (rate and
 * burst), or `"off"`.
 *
 * @returns the rate, or undefined for `off`.
 */
export function parseRate(name: string, value: string): Rate | undefined {
  const text = value.trim().toLowerCase();
  if (text === 'off' || text === '0') return undefined;
  const [rateText, burstText] = text.split(':');
  const perSecond = Number(rateText);
  const burst = burstText === undefined ? perSecond * 4 : Number(burstText);
  if (!(perSecond > 0) || !Number.isFinite(perSecond) || !(burst >= 1) || !Number.isFinite(burst)) {
    throw new Error(`${name} must look like "50" (per second), "50:400" (per second : burst) or "off", got "${value}"`);
  }
  return { perSecond, burst };
}
