import { describe, expect, it } from 'vitest';
import {
  backoff,
  BACKOFF_CAP_MS,
  classify,
  isExpired,
  MAX_EVENT_AGE_MS,
  retryAfterMs,
} from '../../sdk/delivery/retry-policy';

describe('backoff', () => {
  // Independent of the implementation: the ceiling doubles from 1 s and stops at 5 min.
  const ceilings = [1000, 2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000];

  it('waits half the ceiling with random() = 0', () => {
    expect(ceilings.map((_, i) => backoff(i + 1, () => 0))).toEqual(ceilings.map((c) => c / 2));
  });

  it('waits three quarters of the ceiling with random() = 0.5', () => {
    expect(ceilings.map((_, i) => backoff(i + 1, () => 0.5))).toEqual(ceilings.map((c) => (c * 3) / 4));
  });

  it('stays below the ceiling as random() approaches 1', () => {
    const delays = ceilings.map((_, i) => backoff(i + 1, () => 0.999));
    delays.forEach((delay, i) => {
      expect(delay).toBeLessThan(ceilings[i]!);
      expect(delay).toBeCloseTo(ceilings[i]! * 0.9995, 6);
    });
  });

  it('is capped at 5 minutes however many attempts failed', () => {
    expect(BACKOFF_CAP_MS).toBe(300_000);
    expect([10, 20, 50, 1000].map((attempt) => backoff(attempt, () => 0.5))).toEqual([225_000, 225_000, 225_000, 225_000]);
    expect(backoff(1000, () => 0)).toBe(150_000);
    expect(backoff(1000, () => 0.999)).toBeCloseTo(299_850, 6);
  });

  it('uses Math.random by default, within the bounds of the attempt', () => {
    for (let i = 0; i < 200; i++) {
      const delay = backoff(3);
      expect(delay).toBeGreaterThanOrEqual(2000);
      expect(delay).toBeLessThan(4000);
    }
  });
});

describe('classify', () => {
  it('sends on 2xx, retries 408, 429, 5xx and network failures, drops the rest', () => {
    const statuses = [200, 204, 301, 400, 401, 403, 404, 408, 413, 429, 500, 503, 0];
    expect(Object.fromEntries(statuses.map((status) => [status, classify(status)]))).toEqual({
      200: 'sent',
      204: 'sent',
      301: 'drop',
      400: 'drop',
      401: 'drop',
      403: 'drop',
      404: 'drop',
      408: 'retry',
      413: 'drop',
      429: 'retry',
      500: 'retry',
      503: 'retry',
      0: 'retry',
    });
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2025-03-04T05:06:07.000Z');

  it('reads delay-seconds on 429 and 503', () => {
    expect(retryAfterMs(429, '2', now)).toBe(2000);
    expect(retryAfterMs(503, '120', now)).toBe(120_000);
    expect(retryAfterMs(429, ' 7 ', now)).toBe(7000);
    expect(retryAfterMs(429, '0', now)).toBe(0);
  });

  it('reads an HTTP-date as the time left until it', () => {
    expect(retryAfterMs(503, 'Tue, 04 Mar 2025 05:06:37 GMT', now)).toBe(30_000);
  });

  it('ignores a date already past, garbage and a missing header', () => {
    expect(retryAfterMs(429, 'Tue, 04 Mar 2025 05:06:00 GMT', now)).toBeUndefined();
    expect(retryAfterMs(429, 'soon', now)).toBeUndefined();
    expect(retryAfterMs(429, '2 minutes', now)).toBeUndefined();
    expect(retryAfterMs(429, '-5', now)).toBeUndefined();
    expect(retryAfterMs(429, '', now)).toBeUndefined();
    expect(retryAfterMs(429, null, now)).toBeUndefined();
    expect(retryAfterMs(429, undefined, now)).toBeUndefined();
  });

  it('is ignored on statuses other than 429 and 503', () => {
    expect([500, 502, 408, 400, 200, 0].map((status) => retryAfterMs(status, '2', now))).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('is capped at the backoff cap, in seconds and as a date', () => {
    expect(retryAfterMs(429, '86400', now)).toBe(BACKOFF_CAP_MS);
    expect(retryAfterMs(429, '301', now)).toBe(BACKOFF_CAP_MS);
    expect(retryAfterMs(429, '299', now)).toBe(299_000);
    expect(retryAfterMs(503, 'Wed, 05 Mar 2025 05:06:07 GMT', now)).toBe(BACKOFF_CAP_MS);
  });
});

describe('isExpired', () => {
  const now = Date.parse('2025-03-04T05:06:07.000Z');

  it('keeps an event exactly 7 days old and gives up one a millisecond older', () => {
    expect(MAX_EVENT_AGE_MS).toBe(7 * 24 * 60 * 60 * 1000);
    expect(isExpired(now - MAX_EVENT_AGE_MS, now)).toBe(false);
    expect(isExpired(now - MAX_EVENT_AGE_MS - 1, now)).toBe(true);
    expect(isExpired(now, now)).toBe(false);
    expect(isExpired(now - 8 * 86_400_000, now)).toBe(true);
  });
});
