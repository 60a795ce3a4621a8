import { describe, expect, it } from 'vitest';
import { measureJson } from '../../collector/ingest/measure-json';
import { validateEvent } from '../../collector/ingest/validate-event';
import { pick, seededRandom } from '../helpers/seeded-random';

const utf8Bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value) ?? '');

/** Texts that serialise longest per character: escapes, controls, lone surrogates, astral and CJK characters. */
const NASTY = ['"', '\\', '\n', '\u0001', '\u001f', '\ud800', '\udfff', '😀', '中', 'é', 'a', '\u2028', '/'];
const NUMBERS = [0, -0, 1e21, -1.2345678901234567e-308, 5e-324, Number.MAX_VALUE, -Number.MAX_SAFE_INTEGER, 0.1 + 0.2];

function randomJson(random: () => number, level: number): unknown {
  const kind = level > 6 ? Math.floor(random() * 4) : Math.floor(random() * 6);
  if (kind === 0) return Array.from({ length: Math.floor(random() * 40) }, () => pick(random, NASTY)).join('');
  if (kind === 1) return pick(random, NUMBERS);
  if (kind === 2) return pick(random, [true, false]);
  if (kind === 3) return null;
  if (kind === 4) return Array.from({ length: Math.floor(random() * 5) }, () => randomJson(random, level + 1));
  const object: Record<string, unknown> = {};
  for (let i = Math.floor(random() * 5); i > 0; i--) object[`${pick(random, NASTY)}k${i}`] = randomJson(random, level + 1);
  return object;
}

/** Nesting depth computed the plain way (recursion; test values are shallow). */
function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  return 1 + Math.max(0, ...Object.values(value).map(depthOf));
}

describe('measureJson', () => {
  it('never bounds a value below its UTF-8 JSON size, and gives its exact depth (2,000 generated values)', () => {
    const random = seededRandom(20261123);
    for (let i = 0; i < 2_000; i++) {
      const value = randomJson(random, 1);
      const measured = measureJson(value, 64);
      expect(measured.maxBytes).toBeGreaterThanOrEqual(utf8Bytes(value));
      expect(measured.depth).toBe(depthOf(value));
    }
  });

  it('counts a parsed __proto__ key like any other, as JSON.stringify writes it', () => {
    const value = JSON.parse(`{"__proto__": {"x": "${'y'.repeat(100)}"}}`) as unknown;
    expect(measureJson(value, 64)).toEqual({ depth: 2, maxBytes: expect.any(Number) });
    expect(measureJson(value, 64).maxBytes).toBeGreaterThanOrEqual(utf8Bytes(value));
  });

  it('stops one level past the limit however deep the value goes', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(measureJson(deep, 64).depth).toBe(65);
  });
});

describe('validateEvent size check with the bound', () => {
  const event = (text: string) => ({ type: 'track', event: 'Big', userId: 'u', properties: { text } });

  it('still refuses by the exact size: 32,768 bytes pass, 32,769 do not', () => {
    const overhead = utf8Bytes(event(''));
    expect(validateEvent(event('x'.repeat(32_768 - overhead))).ok).toBe(true);
    expect(validateEvent(event('x'.repeat(32_769 - overhead)))).toEqual({
      ok: false,
      errors: ['(event): 32769 bytes exceeds the 32768-byte limit per event'],
    });
  });

  it('accepts an event whose bound is over the limit but whose real size is not', () => {
    // 6,000 plain characters bound at 36 KB, weigh 6 KB.
    const text = 'x'.repeat(6_000);
    expect(measureJson(event(text), 64).maxBytes).toBeGreaterThan(32_768);
    expect(validateEvent(event(text)).ok).toBe(true);
  });
});
