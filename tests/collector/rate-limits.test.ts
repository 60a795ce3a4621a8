import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../collector/guard/rate-limiter';
import { parseRate, take } from '../../collector/guard/token-bucket';
import { startCollector } from '../helpers/collector-server';
import { basicAuth, createTestApp, postJson } from '../helpers/test-app';

describe('token bucket', () => {
  it('allows the burst, then one request per 1/rate seconds', () => {
    const bucket = { tokens: 3, updatedAt: 0 };
    const rate = { perSecond: 2, burst: 3 };
    expect([take(bucket, rate, 0), take(bucket, rate, 0), take(bucket, rate, 0)]).toEqual([0, 0, 0]);
    expect(take(bucket, rate, 0)).toBe(500);
    expect(take(bucket, rate, 250)).toBe(250);
    expect(take(bucket, rate, 500)).toBe(0);
    expect(take(bucket, rate, 10_000)).toBe(0);
    expect(bucket.tokens).toBe(2);
  });

  it('parses settings and explains a bad one', () => {
    expect(parseRate('X', '50')).toEqual({ perSecond: 50, burst: 200 });
    expect(parseRate('X', '0.5:3')).toEqual({ perSecond: 0.5, burst: 3 });
    expect(parseRate('X', 'off')).toBeUndefined();
    expect(() => parseRate('X', 'fast')).toThrow('X must look like "50" (per second), "50:400" (per second : burst) or "off", got "fast"');
  });

  it('limits each name on its own and answers whole seconds to wait', () => {
    const clock = { now: 0 };
    const limiter = new RateLimiter({ perSecond: 0.5, burst: 1 }, () => clock.now);
    expect([limiter.hit('a'), limiter.hit('b'), limiter.hit('a')]).toEqual([0, 0, 2]);
    clock.now = 2_000;
    expect(limiter.hit('a')).toBe(0);
  });
});

describe('429 with Retry-After', () => {
  const event = (messageId: string) => ({ batch: [{ type: 'track', messageId, anonymousId: 'a', event: 'E' }] });

  it('per write key, recovering once the wait is over', async () => {
    const t = await createTestApp({ FOOTFALL_RATE_LIMIT_PER_KEY: '1:2' });
    const auth = { authorization: basicAuth('dev_write_key') };
    const statuses = [];
    for (const id of ['a', 'b', 'c']) statuses.push((await postJson(t.app, '/v1/batch', event(id), auth)).status);
    expect(statuses).toEqual([200, 200, 429]);
    const limited = await postJson(t.app, '/v1/batch', event('c'), auth);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.body).toEqual({ success: false, error: { code: 'rate_limited', message: expect.stringContaining('write key') } });
    t.clock.now += 1_000;
    expect((await postJson(t.app, '/v1/batch', event('c'), auth)).status).toBe(200);
    expect((await t.database.client.execute('select count(*) as n from events')).rows[0]!.n).toBe(3);
  });

  it('per client address on a real server, exposed to browsers', async () => {
    const collector = await startCollector({ examples: false, env: { FOOTFALL_RATE_LIMIT_PER_CLIENT: '0.1:2' } });
    try {
      const statuses: Array<[number, string | null, string | null]> = [];
      for (const id of ['x', 'y', 'z']) {
        const response = await fetch(`${collector.url}/v1/batch`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain', origin: 'https://shop.example' },
          body: JSON.stringify({ writeKey: 'dev_write_key', ...event(id) }),
        });
        statuses.push([response.status, response.headers.get('retry-after'), response.headers.get('access-control-expose-headers')]);
      }
      expect(statuses).toEqual([
        [200, null, 'Retry-After'],
        [200, null, 'Retry-After'],
        [429, '10', 'Retry-After'],
      ]);
    } finally {
      await collector.close();
    }
  });
});
