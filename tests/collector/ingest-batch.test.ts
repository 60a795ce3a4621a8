import { beforeEach, describe, expect, it } from 'vitest';
import { basicAuth, createTestApp, postJson, type TestApp } from '../helpers/test-app';

const auth = { authorization: basicAuth('dev_write_key') };

function trackEvent(messageId: string, overrides: Record<string, unknown> = {}) {
  return {
    type: 'track',
    messageId,
    anonymousId: 'anon-1',
    event: 'Product Added',
    properties: { product_id: 'p1', price: 19.99 },
    timestamp: '2026-11-23T11:59:00.000Z',
    ...overrides,
  };
}

async function rows(t: TestApp, sql = 'select * from events order by id') {
  return (await t.database.client.execute(sql)).rows;
}

describe('POST /v1/batch', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });

  it('stores every valid event with its columns', async () => {
    const batch = [
      trackEvent('m1'),
      {
        type: 'page',
        messageId: 'm2',
        anonymousId: 'anon-1',
        name: 'Cart',
        properties: { path: '/cart' },
        context: { page: { path: '/cart' }, campaign: { source: 'news', medium: 'email', name: 'bf' }, sessionId: 's1', channel: 'web' },
        timestamp: '2026-11-23T11:59:30.000Z',
      },
      { type: 'identify', messageId: 'm3', anonymousId: 'anon-1', userId: 'u1', traits: { email: 'a@b.c' } },
      { type: 'alias', messageId: 'm4', previousId: 'anon-1', userId: 'u1' },
      { type: 'group', messageId: 'm5', userId: 'u1', groupId: 'g1' },
      { type: 'screen', messageId: 'm6', userId: 'u1', name: 'Home' },
    ];
    const response = await postJson(t.app, '/v1/batch', { batch }, auth);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ success: true, accepted: 6, duplicates: 0, rejected: [] });

    const stored = await rows(t);
    expect(stored.map((r) => [r.message_id, r.type, r.event, r.name])).toEqual([
      ['m1', 'track', 'Product Added', null],
      ['m2', 'page', null, 'Cart'],
      ['m3', 'identify', null, null],
      ['m4', 'alias', null, null],
      ['m5', 'group', null, null],
      ['m6', 'screen', null, 'Home'],
    ]);
    const page = stored[1]!;
    expect([page.page_path, page.campaign_source, page.campaign_medium, page.campaign_name, page.session_id, page.channel]).toEqual([
      '/cart', 'news', 'email', 'bf', 's1', 'web',
    ]);
    expect(JSON.parse(String(stored[0]!.properties))).toEqual({ product_id: 'p1', price: 19.99 });
    expect(JSON.parse(String(stored[2]!.traits))).toEqual({ email: 'a@b.c' });
    expect([stored[3]!.previous_id, stored[3]!.user_id, stored[4]!.group_id]).toEqual(['anon-1', 'u1', 'g1']);
    expect(stored.every((r) => r.write_key === 'dev_write_key' && r.received_at === t.clock.now)).toBe(true);
  });

  it('stores a batch sent twice once, counting the retry as duplicates', async () => {
    const batch = [trackEvent('m1'), trackEvent('m2'), trackEvent('m3')];
    const first = await postJson(t.app, '/v1/batch', { batch }, auth);
    const second = await postJson(t.app, '/v1/batch', { batch }, auth);
    expect(first.body).toEqual({ success: true, accepted: 3, duplicates: 0, rejected: [] });
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ success: true, accepted: 0, duplicates: 3, rejected: [] });
    expect(await rows(t, 'select count(*) as n from events')).toEqual([expect.objectContaining({ n: 3 })]);
  });

  it('counts a messageId repeated inside one batch as a duplicate', async () => {
    const response = await postJson(t.app, '/v1/batch', { batch: [trackEvent('m1'), trackEvent('m1'), trackEvent('m2')] }, auth);
    expect(response.body).toEqual({ success: true, accepted: 2, duplicates: 1, rejected: [] });
  });

  it('dedupes per write key: the same messageId under another key is another event', async () => {
    const env = { FOOTFALL_WRITE_KEYS: 'shop_a,shop_b' };
    t = await createTestApp(env);
    await postJson(t.app, '/v1/batch', { batch: [trackEvent('m1')] }, { authorization: basicAuth('shop_a') });
    const other = await postJson(t.app, '/v1/batch', { batch: [trackEvent('m1')] }, { authorization: basicAuth('shop_b') });
    expect(other.body.accepted).toBe(1);
    expect((await rows(t)).map((r) => r.write_key)).toEqual(['shop_a', 'shop_b']);
  });

  it('stores the valid events of a mixed batch and quarantines the invalid ones by index', async () => {
    const batch = [
      trackEvent('ok-1'),
      { type: 'track', messageId: 'bad-1', anonymousId: 'anon-1' },
      trackEvent('ok-2'),
      { type: 'launch', messageId: 'bad-2', userId: 'u1' },
      { type: 'page', messageId: 'bad-3', properties: [1, 2] },
      'not an object',
      trackEvent('bad-4', { timestamp: 'yesterday-ish' }),
    ];
    const response = await postJson(t.app, '/v1/batch', { batch }, auth);
    expect(response.status).toBe(200);
    expect(response.body.accepted).toBe(2);
    expect(response.body.duplicates).toBe(0);
    expect(response.body.rejected).toEqual([
      { index: 1, messageId: 'bad-1', errors: ['event: required for track'] },
      { index: 3, messageId: 'bad-2', errors: ['type: expected one of track, page, screen, identify, alias, group'] },
      {
        index: 4,
        messageId: 'bad-3',
        errors: ['properties: expected a JSON object', 'userId: anonymousId or userId is required'],
      },
      { index: 5, errors: ['(event): expected a JSON object'] },
      { index: 6, messageId: 'bad-4', errors: ['timestamp: expected an ISO-8601 date-time'] },
    ]);
    expect((await rows(t)).map((r) => r.message_id)).toEqual(['ok-1', 'ok-2']);

    const quarantined = await rows(t, 'select * from quarantine order by id');
    expect(quarantined.map((r) => [r.batch_index, r.message_id, JSON.parse(String(r.errors)).length])).toEqual([
      [1, 'bad-1', 1],
      [3, 'bad-2', 1],
      [4, 'bad-3', 2],
      [5, null, 1],
      [6, 'bad-4', 1],
    ]);
    expect(JSON.parse(String(quarantined[0]!.payload))).toEqual(batch[1]);
    expect(quarantined[0]!.anonymous_id).toBe('anon-1');
  });

  it('rejects an event over 32 KB inside a batch without losing the others', async () => {
    const big = trackEvent('big', { properties: { blob: 'x'.repeat(33 * 1024) } });
    const response = await postJson(t.app, '/v1/batch', { batch: [trackEvent('small'), big] }, auth);
    expect(response.body.accepted).toBe(1);
    expect(response.body.rejected).toHaveLength(1);
    expect(response.body.rejected[0].index).toBe(1);
    expect(response.body.rejected[0].errors[0]).toMatch(/^\(event\): \d+ bytes exceeds the 32768-byte limit per event$/);
  });

  it('merges the batch context under each event context, the event winning', async () => {
    const body = {
      batch: [trackEvent('m1', { context: { page: { path: '/p' }, library: { version: '2' } } })],
      context: { library: { name: 'footfall', version: '1' }, locale: 'de-DE' },
    };
    await postJson(t.app, '/v1/batch', body, auth);
    const [row] = await rows(t);
    expect(JSON.parse(String(row!.context))).toEqual({
      library: { name: 'footfall', version: '2' },
      locale: 'de-DE',
      page: { path: '/p' },
    });
  });

  it('makes a time-ordered messageId for an event sent without one', async () => {
    const event: Record<string, unknown> = trackEvent('x');
    delete event.messageId;
    const response = await postJson(t.app, '/v1/batch', { batch: [event] }, auth);
    expect(response.body.accepted).toBe(1);
    const [row] = await rows(t);
    expect(String(row!.message_id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('keeps a __proto__ key as plain data', async () => {
    const raw = `{"batch":[{"type":"track","messageId":"p1","anonymousId":"a","event":"E","properties":{"__proto__":{"polluted":true},"ok":1}}]}`;
    const response = await postJson(t.app, '/v1/batch', raw, auth);
    expect(response.body.accepted).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const [row] = await rows(t);
    expect(String(row!.properties)).toBe('{"__proto__":{"polluted":true},"ok":1}');
  });
});
