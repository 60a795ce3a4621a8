import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type TestCollector } from '../helpers/collector-server';
import { pick, seededRandom } from '../helpers/seeded-random';

const REQUESTS = 1_200;
const random = seededRandom(20261123);

interface FuzzRequest {
  headers: Record<string, string>;
  body: string | Uint8Array;
  /** Valid and invalid events it carries when it is a well-formed batch. */
  valid: string[];
  invalid: number;
}

const validEvent = (id: string) => ({ type: 'track', messageId: id, anonymousId: `anon-${id}`, event: 'Fuzzed', properties: { n: 1 } });

/** Events that each break the schema in one way. */
const invalidEvents: Array<(id: string) => unknown> = [
  (id) => ({ type: 'track', messageId: id, anonymousId: 'a' }),
  (id) => ({ type: 42, messageId: id, userId: 'u' }),
  (id) => ({ type: 'page', messageId: id }),
  (id) => ({ type: 'track', messageId: id, userId: 'u', event: 'E', properties: 'not an object' }),
  (id) => ({ type: 'track', messageId: id, userId: ['u'], event: 'E' }),
  (id) => ({ type: 'track', messageId: id, userId: 'u', event: 'x'.repeat(40_000) }),
  (id) => ({ type: 'alias', messageId: id, userId: 'u' }),
  (id) => ({ type: 'track', messageId: id, userId: 'u', event: 'E', timestamp: 'soon' }),
  (id) => ({ type: 'track', messageId: id, userId: 'u', event: 'E', context: deep(200) }),
  () => null,
  () => [1, 2, 3],
  () => 'event',
];

function deep(levels: number): unknown {
  let value: unknown = { leaf: true };
  for (let i = 0; i < levels; i++) value = { nested: value };
  return value;
}

let sequence = 0;
function mixedBatch(): FuzzRequest {
  const batch: unknown[] = [];
  const valid: string[] = [];
  let invalid = 0;
  const size = 1 + Math.floor(random() * 6);
  for (let i = 0; i < size; i++) {
    const id = `fz-${sequence++}`;
    if (random() < 0.5) {
      const event = validEvent(id) as Record<string, unknown>;
      // Unknown keys and prototype-looking keys are data, not errors.
      if (random() < 0.3) Object.defineProperty(event, '__proto__', { value: { admin: true }, enumerable: true });
      if (random() < 0.3) event['constructor'] = { prototype: { polluted: true } };
      if (random() < 0.3) event['unknownField'] = 'ignored';
      batch.push(event);
      valid.push(id);
    } else {
      batch.push(pick(random, invalidEvents)(id));
      invalid++;
    }
  }
  const body = JSON.stringify({ writeKey: 'dev_write_key', batch });
  return { headers: { 'content-type': 'application/json' }, body, valid, invalid };
}

/** Requests refused whole: nothing in them may be stored. */
const brokenRequests: Array<() => Omit<FuzzRequest, 'valid' | 'invalid'>> = [
  () => ({ headers: { 'content-type': 'application/json' }, body: '{"writeKey":"dev_write_key","batch":[' }),
  () => ({ headers: { 'content-type': 'application/json' }, body: 'null' }),
  () => ({ headers: { 'content-type': 'application/json' }, body: '[]' }),
  () => ({ headers: { 'content-type': 'application/json' }, body: `{"writeKey":"dev_write_key","batch":${'['.repeat(50_000)}` }),
  () => ({ headers: { 'content-type': 'application/json' }, body: new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]) }),
  () => ({ headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: 'definitely not gzip' }),
  () => ({ headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync('{"batch":[').subarray(0, 12) }),
  () => ({ headers: { 'content-type': 'application/xml' }, body: '<batch/>' }),
  () => ({ headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: '--x--' }),
  () => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify({ writeKey: 'dev_read_key', batch: [validEvent('never')] }) }),
  () => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify({ writeKey: 12, batch: [validEvent('never')] }) }),
  () => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify({ writeKey: 'dev_write_key', batch: 'many' }) }),
  () => ({ headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ writeKey: 'dev_write_key', batch: [], huge: 'x'.repeat(600_000) }) }),
  () => ({ headers: { 'content-type': 'application/json', authorization: 'Basic %%%' }, body: '{}' }),
];

function generate(): FuzzRequest {
  if (random() < 0.5) return mixedBatch();
  return { ...pick(random, brokenRequests)(), valid: [], invalid: 0 };
}

describe(`fuzzing ingestion with ${REQUESTS} generated requests`, () => {
  let collector: TestCollector;
  beforeAll(async () => {
    collector = await startCollector({ examples: false, env: { FOOTFALL_RATE_LIMIT_PER_CLIENT: 'off' } });
  });
  afterAll(async () => {
    await collector.close();
  });

  it('never answers 5xx, stays up, stores every valid event and quarantines every invalid one', async () => {
    const statuses = new Map<number, number>();
    const expectedValid = new Set<string>();
    let expectedInvalid = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const request = generate();
      const response = await fetch(`${collector.url}/v1/batch`, { method: 'POST', headers: request.headers, body: request.body as BodyInit });
      const body = (await response.json()) as { success: boolean; error?: { code: string } };
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      expect(response.status).toBeLessThan(500);
      expect(typeof body.success).toBe('boolean');
      if (response.status !== 200) expect(body.error?.code).toMatch(/^[a-z0-9_]+$/);
      if (response.status === 200) {
        request.valid.forEach((id) => expectedValid.add(id));
        expectedInvalid += request.invalid;
      }
    }
    // Both kinds of traffic really happened.
    expect(statuses.get(200)).toBeGreaterThan(REQUESTS * 0.4);
    expect([...statuses.keys()].filter((status) => status >= 400).length).toBeGreaterThanOrEqual(4);

    const stored = (await collector.db.execute("select message_id from events where message_id like 'fz-%'")).rows;
    expect(new Set(stored.map((r) => String(r.message_id)))).toEqual(expectedValid);
    const quarantined = (await collector.db.execute('select count(*) as n from quarantine')).rows[0]!.n;
    expect(quarantined).toBe(expectedInvalid);
    expect((await collector.db.execute("select count(*) as n from events where message_id = 'never'")).rows[0]!.n).toBe(0);
    expect(({} as Record<string, unknown>)['polluted'] ?? ({} as Record<string, unknown>)['admin']).toBeUndefined();
    expect((await fetch(`${collector.url}/healthz`)).status).toBe(200);
  });
});
