import { describe, expect, it } from 'vitest';
import { eventSchema } from '../../collector/ingest/event-schema';
import { plainValidEvent } from '../../collector/ingest/plain-valid-event';
import { pick, seededRandom } from '../helpers/seeded-random';

// plainValidEvent is a fast path beside eventSchema: whenever it vouches for an
// event, the schema must accept it and return exactly the same object. Values
// are drawn around every rule's edge (whitespace, 255/256 characters, 64/65,
// numbers JSON can carry, wrong types, unknown and prototype-named keys).

const IDS: unknown[] = ['u-1', '  padded  ', '', '   ', 'x'.repeat(255), 'x'.repeat(256), ` ${'y'.repeat(255)} `, 42, 0, -1.5, 1e21, null, true, [], {}, '\u00a0nbsp\u00a0'];
const NAMES: unknown[] = ['Order Completed', ' Product Added ', '', '  ', 'n'.repeat(255), 'n'.repeat(256), 7, null, {}];
const TIMES: unknown[] = ['2026-11-23T12:00:00.000Z', '2026-11-23', 'not a date', '', 'T'.repeat(65), `2026-11-23T12:00:00.000Z${' '.repeat(40)}`, 1795458265413, null];
const OBJECTS: unknown[] = [{}, { a: 1 }, JSON.parse('{"__proto__": {"x": 1}}'), [], null, 'text', 3];
const TYPES: unknown[] = ['track', 'page', 'screen', 'identify', 'alias', 'group', 'Track', '', null, 1];

const FIELDS: Array<[string, unknown[]]> = [
  ['messageId', IDS], ['anonymousId', IDS], ['userId', IDS], ['previousId', IDS], ['groupId', IDS],
  ['event', NAMES], ['name', NAMES], ['timestamp', TIMES], ['sentAt', TIMES],
  ['properties', OBJECTS], ['traits', OBJECTS], ['context', OBJECTS], ['integrations', OBJECTS],
  ['_metadata', [{ bundled: [] }]], ['version', [2]], ['constructor', ['x']], ['toString', [1]],
];

/** Each field present with probability 0.4, and then its first (valid) value half the time, so that many events are valid. */
function randomEvent(random: () => number): Record<string, unknown> {
  const event: Record<string, unknown> = { type: pick(random, TYPES) };
  for (const [field, values] of FIELDS) if (random() < 0.4) event[field] = random() < 0.5 ? values[0] : pick(random, values);
  return event;
}

describe('plainValidEvent', () => {
  it('returns exactly what eventSchema returns whenever it vouches for an event (20,000 generated events)', () => {
    const random = seededRandom(5);
    let vouched = 0;
    for (let i = 0; i < 20_000; i++) {
      const raw = randomEvent(random);
      const plain = plainValidEvent(raw);
      if (plain === undefined) continue;
      vouched++;
      const parsed = eventSchema.safeParse(raw);
      expect(parsed.success, JSON.stringify(raw)).toBe(true);
      expect(plain).toStrictEqual(parsed.data);
    }
    // Enough of them took the fast path for the comparison to mean something.
    expect(vouched).toBeGreaterThan(1_000);
  });

  it('vouches for what the SDK and Segment libraries send', () => {
    const sdkEvent = {
      type: 'track', messageId: '01a209a6-f146-7604-9107-ae8536430b1e', anonymousId: 'a-1', event: 'Product Added',
      properties: { product_id: 'p-1', price: 59.99 }, context: { page: { path: '/' } }, timestamp: '2026-11-23T12:00:00.000Z',
    };
    const segmentIdentify = { type: 'identify', userId: 1234, traits: { email: 'a@b.c' }, _metadata: { nodeVersion: '20' }, integrations: {} };
    expect(plainValidEvent(sdkEvent)).toStrictEqual(eventSchema.parse(sdkEvent));
    expect(plainValidEvent(segmentIdentify)).toStrictEqual({ type: 'identify', userId: '1234', traits: { email: 'a@b.c' }, integrations: {} });
  });

  it('leaves anything doubtful to the schema', () => {
    for (const raw of [{ type: 'track', userId: '  ' }, { type: 'track', event: 7 }, { type: 'page', timestamp: 'soon' }, { type: 'nope' }, { type: 'track', context: [] }]) {
      expect(plainValidEvent(raw)).toBeUndefined();
      expect(eventSchema.safeParse(raw).success).toBe(false);
    }
  });
});
