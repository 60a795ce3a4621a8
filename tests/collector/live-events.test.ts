import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../collector/config/load-config';
import { startCollector, type RunningCollector } from '../../collector/node/start-collector';
import { openSse, type SseClient } from './live-sse-client';

const keys = loadConfig({}).keys;
const READ = { authorization: 'Bearer dev_read_key' };

/** Posts a batch with the write key and expects every event accepted. */
async function send(url: string, batch: Record<string, unknown>[]): Promise<void> {
  const response = await fetch(`${url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Basic ${btoa('dev_write_key:')}` }, body: JSON.stringify({ batch }) });
  expect([response.status, (await response.json()).accepted]).toEqual([200, batch.length]);
}

const track = (messageId: string, extra: Record<string, unknown> = {}) => ({ type: 'track', messageId, anonymousId: 'anon-live', event: 'Live Tested', ...extra });

describe('GET /v1/live/events over a real server on a libSQL file', () => {
  let folder: string;
  /** Polls once a minute: what it streams within a second came from the commit's poke. */
  let poked: RunningCollector;
  /** A second process's view of the same file, polling every 200 ms. */
  let polling: RunningCollector;
  const streams: SseClient[] = [];
  const open = async (base: string, path = '/v1/live/events', headers: Record<string, string> = READ) => {
    const client = await openSse(`${base}${path}`, headers);
    streams.push(client);
    return client;
  };
  const storedIds = async () =>
    new Map((await poked.database.client.execute('select id, message_id from events')).rows.map((row) => [String(row['message_id']), String(row['id'])]));

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'footfall-live-'));
    const databaseUrl = `file:${join(folder, 'footfall.db')}`;
    poked = await startCollector({ port: 0, databaseUrl, keys, log: () => undefined, live: { pollMs: 60_000, pingMs: 300, catchUp: 5 } });
    polling = await startCollector({ port: 0, databaseUrl, keys, log: () => undefined, live: { pollMs: 200, pingMs: 60_000 } });
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await poked?.close();
    await polling?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('needs a read key and a readable resume id', async () => {
    const status = async (headers: Record<string, string>, query = '') => (await fetch(`${poked.url}/v1/live/events${query}`, { headers })).status;
    expect(await status({})).toBe(401);
    expect(await status({ authorization: 'Bearer dev_write_key' })).toBe(403);
    expect(await status({ authorization: 'Bearer dev_admin_key' })).toBe(403);
    expect(await status(READ, '?since=abc')).toBe(400);
    expect(await status({ ...READ, 'last-event-id': '-1' })).toBe(400);
    expect(await status(READ, '?bots=yes')).toBe(400);
    const carts = await fetch(`${poked.url}/v1/live/abandoned-carts`);
    expect(carts.status).toBe(401);
  });

  it('starts at the tail and streams each new non-bot event, poked by the commit, exactly as stored', async () => {
    await send(poked.url, [track('before-1')]);
    const live = await open(poked.url);
    expect(live.response.status).toBe(200);
    expect(live.response.headers.get('content-type')).toBe('text/event-stream');
    expect(live.response.headers.get('cache-control')).toBe('no-cache');
    const started = Date.now();
    await send(poked.url, [
      track('live-1', { userId: 'u-live', properties: { sku: 'A1', price: 9.5 }, timestamp: '2026-11-23T10:00:00.000Z', context: { channel: 'web', page: { path: '/cart' } } }),
      track('bot-1', { context: { userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1)' } }),
      { type: 'page', messageId: 'page-1', anonymousId: 'anon-live', name: 'Cart', properties: { path: '/cart' } },
    ]);
    const [first, second] = await live.waitFor(2, 3000);
    // Polling is once a minute here: only the commit's poke can have sent them this soon.
    expect(Date.now() - started).toBeLessThan(1500);
    const ids = await storedIds();
    expect([first!.id, first!.event, second!.id, second!.event]).toEqual([ids.get('live-1'), 'event', ids.get('page-1'), 'event']);
    const event = JSON.parse(first!.data);
    expect(event).toEqual({
      id: Number(ids.get('live-1')),
      messageId: 'live-1',
      type: 'track',
      event: 'Live Tested',
      name: null,
      timestamp: '2026-11-23T10:00:00.000Z',
      receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      anonymousId: 'anon-live',
      userId: 'u-live',
      channel: 'web',
      pagePath: '/cart',
      properties: { sku: 'A1', price: 9.5 },
      context: expect.objectContaining({ channel: 'web', page: { path: '/cart' } }),
    });
    expect(JSON.parse(second!.data)).toMatchObject({ messageId: 'page-1', type: 'page', name: 'Cart', event: null, userId: null });
    expect(live.messages.map((m) => JSON.parse(m.data).messageId)).toEqual(['live-1', 'page-1']);
    // Pings keep the stream open through proxies.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(live.comments.filter((c) => c === 'ping').length).toBeGreaterThanOrEqual(1);
    expect(live.messages).toHaveLength(2);
  });

  it('streams what another process stored, bots included only with ?bots=1', async () => {
    const plain = await open(polling.url);
    const withBots = await open(polling.url, '/v1/live/events?bots=1');
    await send(poked.url, [track('other-1'), track('other-bot', { context: { userAgent: 'curl/8.5.0' } }), track('other-2')]);
    await withBots.waitFor(3, 3000);
    await plain.waitFor(2, 3000);
    expect(withBots.messages.map((m) => JSON.parse(m.data).messageId)).toEqual(['other-1', 'other-bot', 'other-2']);
    expect(plain.messages.map((m) => JSON.parse(m.data).messageId)).toEqual(['other-1', 'other-2']);
  });

  it('resumes after Last-Event-ID or ?since=, at most catchUp ids back, then goes on live', async () => {
    await send(poked.url, [1, 2, 3, 4, 5, 6, 7].map((n) => track(`resume-${n}`)));
    const ids = await storedIds();
    const after = ids.get('resume-3')!;
    const resumed = await open(poked.url, '/v1/live/events', { ...READ, 'last-event-id': after });
    await resumed.waitFor(4, 3000);
    expect(resumed.messages.map((m) => JSON.parse(m.data).messageId)).toEqual(['resume-4', 'resume-5', 'resume-6', 'resume-7']);
    expect(resumed.messages.map((m) => m.id)).toEqual(['resume-4', 'resume-5', 'resume-6', 'resume-7'].map((m) => ids.get(m)));
    // Last-Event-ID wins over ?since= (it is what EventSource sends when it reconnects).
    const both = await open(poked.url, `/v1/live/events?since=${ids.get('resume-1')}`, { ...READ, 'last-event-id': ids.get('resume-6')! });
    // This server sends at most 5 ids back: since=0 gets the last 5 ids (resume-3 to 7).
    const bounded = await open(poked.url, '/v1/live/events?since=0');
    await both.waitFor(1, 3000);
    await bounded.waitFor(5, 3000);
    await send(poked.url, [track('resume-live')]);
    await resumed.waitFor(5, 3000);
    await both.waitFor(2, 3000);
    await bounded.waitFor(6, 3000);
    expect(both.messages.map((m) => JSON.parse(m.data).messageId)).toEqual(['resume-7', 'resume-live']);
    expect(bounded.messages.map((m) => JSON.parse(m.data).messageId)).toEqual(['resume-3', 'resume-4', 'resume-5', 'resume-6', 'resume-7', 'resume-live']);
    expect(resumed.messages.at(-1)!.id).toBe((await storedIds()).get('resume-live'));
    // An id from the future (the database was replaced): the stream starts at the tail.
    const future = await open(poked.url, '/v1/live/events?since=999999');
    await send(poked.url, [track('after-future')]);
    await future.waitFor(1, 3000);
    expect(future.messages.map((m) => JSON.parse(m.data).messageId)).toEqual(['after-future']);
  });

  it('close() ends open streams and returns promptly', async () => {
    const folder2 = await mkdtemp(join(tmpdir(), 'footfall-live-close-'));
    const collector = await startCollector({ port: 0, databaseUrl: `file:${join(folder2, 'f.db')}`, keys, log: () => undefined });
    const stream = await openSse(`${collector.url}/v1/live/events`, READ);
    const carts = await openSse(`${collector.url}/v1/live/abandoned-carts`, READ);
    const started = Date.now();
    await collector.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect([await stream.ended(1000), await carts.ended(1000)]).toEqual([true, true]);
    await rm(folder2, { recursive: true, force: true });
  });
});
