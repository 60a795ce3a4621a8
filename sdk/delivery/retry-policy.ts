/** First retry delay before jitter. */
export const BACKOFF_BASE_MS = 1000;
/** Longest wait between attempts: a collector down for hours is tried every 5 minutes. */
export const BACKOFF_CAP_MS = 300_000;
/** Events older than this are given up: a week-old page view is noise, not a journey. */
export const MAX_EVENT_AGE_MS = 7 * 86_400_000;

/**
 * How long to wait before retry number `attempt` (1 for the first retry):
 * doubling from 1 s up to 5 minutes, with "equal jitter" (half the delay
 * fixed, half random) so that many visitors cut off by one outage do not all
 * come back in the same second.
 * @param attempt 1-based retry number
 * @param random uniform source in [0, 1)
 * @default random Math.random
 * @returns milliseconds to wait
 * @example
 * backoff(1) // 500–1000
 * backoff(20) // 150000–300000
 */
export function backoff(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
  return ceiling / 2 + (random() * ceiling) / 2;
}

/** What to do with a batch after an answer: done, try again later, or give it up. */
export type Verdict = 'sent' | 'retry' | 'drop';

/**
 * Classify an answer by its status (0: the request itself failed). Retry
 * timeouts (408), rate limits (429), server errors (5xx) and network
 * failures; drop any other 4xx, which retrying cannot fix (the collector
 * keeps what it rejects). 3xx counts as a drop: the SDK is not redirected.
 * @param status HTTP status, 0 for a network error
 * @returns the verdict
 * @example
 * classify(503) // 'retry'
 * classify(400) // 'drop'
 */
export function classify(status: number): Verdict {
  if (status >= 200 && status < 300) return 'sent';
  return status === 0 || status === 408 || status === 429 || status >= 500 ? 'retry' : 'drop';
}

/**
 * Milliseconds a `Retry-After` header asks for, honoured on 429 and 503 only
 * (RFC 9110 §10.2.3: delay-seconds or an HTTP date). Capped at the backoff
 * cap, so a broken header cannot silence a site for days.
 * @param status HTTP status of the answer
 * @param header the header's value, if any
 * @param now epoch ms
 * @returns the wait, or `undefined` when there is nothing to honour
 * @example
 * retryAfterMs(429, '2', Date.now()) // 2000
 */
export function retryAfterMs(status: number, header: string | null | undefined, now: number): number | undefined {
  return status === 429 || status === 503 ? parseRetryAfter(header, now, BACKOFF_CAP_MS) : undefined;
}

/**
 * Milliseconds a `Retry-After` value asks for (RFC 9110 §10.2.3: delay-seconds or
 * an HTTP date), capped at `capMs`. Shared with the collector's webhook retries.
 * @param header the header's value, if any
 * @param now epoch ms
 * @param capMs the longest wait honoured
 * @returns the wait, or `undefined` when absent, unreadable or in the past
 * @example
 * parseRetryAfter('120', Date.now(), 3_600_000) // 120000
 */
export function parseRetryAfter(header: string | null | undefined, now: number, capMs: number): number | undefined {
  if (!header) return undefined;
  const ms = /^\d+$/.test(header.trim()) ? Number(header) * 1000 : Date.parse(header) - now;
  return ms >= 0 ? Math.min(ms, capMs) : undefined;
}

/**
 * Whether an event captured at `capturedAt` is too old to send.
 * @param capturedAt epoch ms of the call
 * @param now epoch ms
 * @returns true once {@link MAX_EVENT_AGE_MS} has passed
 * @example
 * isExpired(Date.now() - 8 * 86_400_000, Date.now()) // true
 */
export function isExpired(capturedAt: number, now: number): boolean {
  return now - capturedAt > MAX_EVENT_AGE_MS;
}
