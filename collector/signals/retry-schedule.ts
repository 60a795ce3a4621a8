/** When to try a webhook again. */
export interface RetrySchedule {
  /** Attempts in all, the first included. @default 8 */
  attempts: number;
  /** Wait after the first failure; each later wait is 4 times the one before. @default 10000 */
  firstDelayMs: number;
  /** Longest wait, also for `Retry-After`. @default 43200000 (12 h) */
  maxDelayMs: number;
}

/** 8 attempts: waits of about 10 s, 40 s, 2.7 min, 11 min, 43 min, 2.8 h and 11.4 h (~15.5 h in all). */
export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = { attempts: 8, firstDelayMs: 10_000, maxDelayMs: 12 * 3_600_000 };

/**
 * The wait after failed attempt number `attempt` (1-based): `firstDelayMs × 4^(attempt−1)`,
 * capped, ±20% jitter so that receivers coming back from one outage are not all
 * called again in the same second.
 *
 * @param random uniform in [0, 1) @default Math.random
 * @example
 * retryDelay(2, DEFAULT_RETRY_SCHEDULE) // 32000–48000
 */
export function retryDelay(attempt: number, schedule: RetrySchedule, random: () => number = Math.random): number {
  const delay = Math.min(schedule.maxDelayMs, schedule.firstDelayMs * 4 ** (attempt - 1));
  return Math.round(delay * (0.8 + 0.4 * random()));
}
