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
});
