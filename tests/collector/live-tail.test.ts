import { describe, expect, it } from 'vitest';
import { sseStream } from '../../collector/live/sse-stream';
import { Tail, type FeedItem, type FeedSource } from '../../collector/live/tail';

describe('Tail over a failing source', () => {
  it('logs an outage once and its end once, then sends what it missed, in order', async () => {
    const rows: FeedItem[] = [1, 2, 3, 4].map((id) => ({ id, data: `{"n":${id}}` }));
    let failures = 0;
    let down = false;
    const source: FeedSource = {
      latestId: async () => 1,
      after: async (after, limit) => {
        if (down) {
          failures++;
          throw Object.assign(new Error('SQLITE_BUSY: select … where payload = "secret-value"'), { name: 'LibsqlError' });
        }
        return rows.filter((row) => row.id > after).slice(0, limit);
      },
    };
    const logged: string[] = [];
    const tail = new Tail(source, { event: 'event', pollMs: 10, log: (line) => logged.push(line) });
    const stream = sseStream({ pingMs: 60_000 });
    down = true;
    await tail.subscribe(stream, undefined, () => true);
    while (failures < 5) await new Promise((resolve) => setTimeout(resolve, 5));
    down = false;
    const reader = stream.response.body!.getReader();
    let text = '';
    while (!text.includes('id: 4\n')) text += new TextDecoder().decode((await reader.read()).value);
    tail.close();
    expect(logged).toEqual(['live feed (event): reading failed (LibsqlError); retrying every poll', 'live feed (event): reading again']);
    expect(text).toBe(': connected\n\n' + [2, 3, 4].map((id) => `id: ${id}\nevent: event\ndata: {"n":${id}}\n\n`).join(''));
    expect(await reader.read()).toEqual({ done: true, value: undefined });
  });

  it('keeps polling on time while subscribers keep joining', async () => {
    const rows: FeedItem[] = [];
    const tail = new Tail({ latestId: async () => 0, after: async (after) => rows.filter((row) => row.id > after) }, { event: 'event', pollMs: 50 });
    const first = sseStream({ pingMs: 60_000 });
    await tail.subscribe(first, undefined, () => true);
    // Another process stores a row (no poke); meanwhile someone joins every 5 ms.
    rows.push({ id: 1, data: '{}' });
    const reader = first.response.body!.getReader();
    await reader.read(); // ': connected'
    const joining = setInterval(() => void tail.subscribe(sseStream({ pingMs: 60_000 }), undefined, () => true), 5);
    const started = Date.now();
    const chunk = await Promise.race([
      reader.read().then((read) => new TextDecoder().decode(read.value)),
      new Promise((resolve) => setTimeout(() => resolve('(nothing within 2 s)'), 2000)),
    ]);
    clearInterval(joining);
    tail.close();
    expect(chunk).toBe('id: 1\nevent: event\ndata: {}\n\n');
    expect(Date.now() - started).toBeLessThan(500);
  });
});
