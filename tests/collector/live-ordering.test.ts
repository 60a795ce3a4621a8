import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileApp, type FileApp } from './live-file-app';

/** Reads `id:` lines off an SSE body until `stop()`; the ids in the order received. */
function collectIds(body: ReadableStream<Uint8Array>) {
  const ids: number[] = [];
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const done = (async () => {
    try {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        buffer += decoder.decode(chunk.value, { stream: true });
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const line of lines) if (line.startsWith('id: ')) ids.push(Number(line.slice(4)));
      }
    } catch {
      // cancelled
    }
  })();
  return { ids, stop: async () => (await reader.cancel(), await done) };
}

describe('live feed order under concurrent writes and joins', () => {
  let t: FileApp;
  beforeAll(async () => {
    // Small batches: the poller reads many times, and joins land between its reads.
    t = await fileApp({ pollMs: 5, pingMs: 60_000, catchUp: 10_000 });
  });
  afterAll(() => t.close());

  it('every subscriber gets each event after its start exactly once, in id order, whenever it joins', async () => {
    const send = (n: number) => t.ingest([1, 2, 3].map((k) => ({ type: 'track', messageId: `o-${n}-${k}`, anonymousId: `a-${n % 7}`, event: 'Ordered' })));
    const subscribers: { since: number | undefined; stream: ReturnType<typeof collectIds> }[] = [];
    const join = async (resume: boolean) => {
      const [row] = (await t.database.client.execute('select coalesce(max(id), 0) as id from events')).rows;
      // Resuming a few ids back, or from the tail (then its first id is only known after).
      const since = resume ? Math.max(0, Number(row!['id']) - 4) : undefined;
      const response = await t.app.request('/v1/live/events', { headers: { authorization: 'Bearer dev_read_key', ...(since === undefined ? {} : { 'last-event-id': String(since) }) } });
      subscribers.push({ since, stream: collectIds(response.body!) });
    };
    const writes: Promise<number>[] = [];
    for (let n = 0; n < 60; n++) {
      writes.push(send(n));
      if (n % 10 === 3) await join(n % 20 === 3);
      await new Promise((resolve) => setTimeout(resolve, n % 3));
    }
    await Promise.all(writes);
    const stored = (await t.database.client.execute('select id from events order by id')).rows.map((row) => Number(row['id']));
    expect(stored).toHaveLength(180);
    const deadline = Date.now() + 5000;
    while (subscribers.some((s) => s.stream.ids.at(-1) !== stored.at(-1)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    for (const { since, stream } of subscribers) {
      await stream.stop();
      const first = since === undefined ? stream.ids[0]! : since + 1;
      expect(stream.ids).toEqual(stored.filter((id) => id >= first));
    }
    expect(subscribers).toHaveLength(6);
    expect(subscribers.filter((s) => s.since !== undefined)).toHaveLength(3);
  });
});
