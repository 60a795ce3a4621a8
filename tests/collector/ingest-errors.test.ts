import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, createTestApp, postJson, type TestApp } from '../helpers/test-app';

const event = { type: 'track', messageId: 'm1', anonymousId: 'a1', event: 'Order Completed' };
const auth = { authorization: basicAuth('dev_write_key') };

function errorOf(code: string) {
  return { success: false, error: { code, message: expect.any(String) } };
}

describe('ingestion errors (CONTRACT §2)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      FOOTFALL_WRITE_KEYS: 'dev_write_key,shop_key=https://shop.example|https://www.shop.example',
      FOOTFALL_READ_KEYS: 'reader',
    });
  });

  it('400 invalid_json for malformed JSON', async () => {
    const response = await postJson(t.app, '/v1/batch', '{"batch": [', auth);
    expect([response.status, response.body]).toEqual([400, errorOf('invalid_json')]);
  });

  it('400 no_events for an empty batch, a missing batch and an empty body', async () => {
    for (const body of ['{"batch": []}', '{"sentAt": "2026-11-23T12:00:00Z"}', '']) {
      const response = await postJson(t.app, '/v1/batch', body, auth);
      expect([response.status, response.body]).toEqual([400, errorOf('no_events')]);
    }
  });

  it('400 invalid_utf8 for bytes that are not UTF-8', async () => {
    const response = await t.app.request('/v1/batch', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
    });
    expect([response.status, await response.json()]).toEqual([400, errorOf('invalid_utf8')]);
  });

  it('401 missing_write_key without any key, 401 invalid_write_key for an unknown or read key', async () => {
    const missing = await postJson(t.app, '/v1/batch', { batch: [event] });
    expect([missing.status, missing.body]).toEqual([401, errorOf('missing_write_key')]);
    const unknown = await postJson(t.app, '/v1/batch', { batch: [event] }, { authorization: basicAuth('nope') });
    expect([unknown.status, unknown.body]).toEqual([401, errorOf('invalid_write_key')]);
    const reader = await postJson(t.app, '/v1/batch', { batch: [event], writeKey: 'reader' });
    expect([reader.status, reader.body]).toEqual([401, errorOf('invalid_write_key')]);
    expect(reader.body.error.message).toContain('never writes');
    const rows = await t.database.client.execute('select count(*) as n from events');
    expect(rows.rows[0]!.n).toBe(0);
  });

  it('403 origin_not_allowed for a browser origin the key does not list', async () => {
    const body = { batch: [{ ...event, messageId: 'origin-1' }], writeKey: 'shop_key' };
    const refused = await postJson(t.app, '/v1/batch', body, { origin: 'https://evil.example' });
    expect([refused.status, refused.body]).toEqual([403, errorOf('origin_not_allowed')]);
    const allowed = await postJson(t.app, '/v1/batch', body, { origin: 'https://www.shop.example' });
    expect([allowed.status, allowed.body.accepted]).toEqual([200, 1]);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://www.shop.example');
    expect(allowed.headers.get('access-control-expose-headers')).toBe('Retry-After');
  });

  it('413 body_too_large over 500 KB, also when gzip inflates past it', async () => {
    const huge = JSON.stringify({ batch: [{ ...event, properties: { blob: 'x'.repeat(501 * 1024) } }] });
    const plain = await postJson(t.app, '/v1/batch', huge, auth);
    expect([plain.status, plain.body]).toEqual([413, errorOf('body_too_large')]);
    const bomb = gzipSync(Buffer.from(huge));
    expect(bomb.byteLength).toBeLessThan(10 * 1024);
    const response = await t.app.request('/v1/batch', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', ...auth },
      body: bomb,
    });
    expect([response.status, await response.json()]).toEqual([413, errorOf('body_too_large')]);
  });

  it('413 too_many_events over 2,500 events', async () => {
    const batch = Array.from({ length: 2_501 }, (_, i) => ({ ...event, messageId: `many-${i}` }));
    const response = await postJson(t.app, '/v1/batch', { batch }, auth);
    expect([response.status, response.body]).toEqual([413, errorOf('too_many_events')]);
  });

  it('413 event_too_large for a single-event route, keeping the event in quarantine', async () => {
    const big = { ...event, messageId: 'single-big', properties: { blob: 'y'.repeat(40 * 1024) } };
    const response = await postJson(t.app, '/v1/track', big, auth);
    expect([response.status, response.body]).toEqual([413, errorOf('event_too_large')]);
    const quarantined = await t.database.client.execute("select message_id from quarantine where message_id = 'single-big'");
    expect(quarantined.rows).toHaveLength(1);
  });

  it('415 for an unsupported content type or encoding', async () => {
    const form = await postJson(t.app, '/v1/batch', 'a=b', { ...auth, 'content-type': 'application/x-www-form-urlencoded' });
    expect([form.status, form.body]).toEqual([415, errorOf('unsupported_media_type')]);
    const brotli = await postJson(t.app, '/v1/batch', { batch: [event] }, { ...auth, 'content-encoding': 'br' });
    expect([brotli.status, brotli.body]).toEqual([415, errorOf('unsupported_encoding')]);
  });

  it('400 invalid_gzip for a body that claims gzip but is not', async () => {
    const response = await postJson(t.app, '/v1/batch', { batch: [event] }, { ...auth, 'content-encoding': 'gzip' });
    expect([response.status, response.body]).toEqual([400, errorOf('invalid_gzip')]);
  });

  it('404 not_found with the error body for an unknown route', async () => {
    const response = await postJson(t.app, '/v1/nothing', {}, auth);
    expect([response.status, response.body]).toEqual([404, errorOf('not_found')]);
  });
});

describe('accepted request forms', () => {
  it('a text/plain beacon with the write key in the body', async () => {
    const t = await createTestApp();
    const body = JSON.stringify({ writeKey: 'dev_write_key', batch: [event] });
    const response = await t.app.request('/v1/batch', { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8' }, body });
    expect(await response.json()).toEqual({ success: true, accepted: 1, duplicates: 0, rejected: [] });
  });

  it('a gzip-encoded batch', async () => {
    const t = await createTestApp();
    const response = await t.app.request('/v1/batch', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', ...auth },
      body: gzipSync(Buffer.from(JSON.stringify({ batch: [event] }))),
    });
    expect(await response.json()).toEqual({ success: true, accepted: 1, duplicates: 0, rejected: [] });
  });

  it('each single-event route, the route naming the type', async () => {
    const t = await createTestApp();
    const calls: Array<[string, Record<string, unknown>]> = [
      ['/v1/track', { messageId: 's1', userId: 'u', event: 'Signed Up' }],
      ['/v1/page', { messageId: 's2', userId: 'u', name: 'Home' }],
      ['/v1/screen', { messageId: 's3', userId: 'u', name: 'Home' }],
      ['/v1/identify', { messageId: 's4', userId: 'u', traits: { plan: 'pro' } }],
      ['/v1/alias', { messageId: 's5', userId: 'u', previousId: 'a' }],
      ['/v1/group', { messageId: 's6', userId: 'u', groupId: 'g' }],
    ];
    for (const [path, body] of calls) {
      const response = await postJson(t.app, path, body, auth);
      expect([path, response.status, response.body.accepted]).toEqual([path, 200, 1]);
    }
    const rows = await t.database.client.execute('select type from events order by id');
    expect(rows.rows.map((r) => r.type)).toEqual(['track', 'page', 'screen', 'identify', 'alias', 'group']);
  });

  it('answers a CORS preflight for an allowed origin and refuses others', async () => {
    const t = await createTestApp({ FOOTFALL_WRITE_KEYS: 'k=https://shop.example' });
    const ok = await t.app.request('/v1/batch', { method: 'OPTIONS', headers: { origin: 'https://shop.example' } });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(ok.headers.get('access-control-allow-credentials')).toBeNull();
    const refused = await t.app.request('/v1/batch', { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(refused.status).toBe(403);
  });

  it('answers /healthz once migrated', async () => {
    const t = await createTestApp();
    const response = await t.app.request('/healthz');
    expect([response.status, await response.json()]).toEqual([200, { ok: true }]);
  });
});
