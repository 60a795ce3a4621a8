import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileApp, type FileApp } from './live-file-app';

const READ = { authorization: 'Bearer dev_read_key' };

describe('live feed memory bounds', () => {
  let t: FileApp;
  beforeAll(async () => {
    t = await fileApp({ pollMs: 50, pingMs: 60_000, maxBacklogBytes: 16_384, maxSubscribers: 3 });
  });
  afterAll(() => t.close());

  const ingest = async (prefix: string, count: number) => {
    const batch = Array.from({ length: count }, (_, n) => ({ type: 'track', messageId: `${prefix}-${n}`, anonymousId: 'a', event: 'Big', properties: { blob: 'x'.repeat(1000) } }));
    expect(await t.ingest(batch)).toBe(count);
  };

  it('drops a subscriber that stops reading once it is 16 KB behind, and keeps serving one that reads', async () => {
    const stalled = await t.app.request('/v1/live/events', { headers: READ });
    const reading = await t.app.request('/v1/live/events', { headers: READ });
    expect([stalled.status, reading.status, t.live.events.size]).toEqual([200, 200, 2]);
    const reader = reading.body!.getReader();
    let received = '';
    const decoder = new TextDecoder();
    const readAll = (async () => {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) received += decoder.decode(chunk.value, { stream: true });
    })();
    const count = async (expected: number) => {
      const deadline = Date.now() + 5000;
      while ((received.match(/^event: event$/gm) ?? []).length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return (received.match(/^event: event$/gm) ?? []).length;
    };
    // 40 events of ~1.2 KB each: about 48 KB, three times the allowance, in one batch:
    // written to both (a reader that keeps up must not be dropped for one big batch).
    await ingest('big', 40);
    expect(await count(40)).toBe(40);
    expect(t.live.events.size).toBe(2);
    // At the next batch the stalled one is still 48 KB behind: dropped; the reader is not.
    await ingest('more', 2);
    expect(await count(42)).toBe(42);
    expect(t.live.events.size).toBe(1);
    // The stalled stream errored: what it held was freed, not kept for a reader that never comes.
    await expect(stalled.body!.getReader().read()).rejects.toThrow('SSE subscriber fell behind');
    reader.cancel();
    await readAll;
  });

  it('answers 503 with Retry-After past maxSubscribers', async () => {
    const open = await Promise.all([1, 2, 3].map(() => t.app.request('/v1/live/abandoned-carts', { headers: READ })));
    expect(open.map((r) => r.status)).toEqual([200, 200, 200]);
    const refused = await t.app.request('/v1/live/abandoned-carts', { headers: READ });
    expect([refused.status, refused.headers.get('retry-after'), (await refused.json()).error.code]).toEqual([503, '30', 'unavailable']);
    for (const response of open) await response.body!.cancel();
    expect(t.live.carts.size).toBe(0);
  });
});
