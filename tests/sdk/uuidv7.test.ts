import { describe, expect, it } from 'vitest';
import { createUuidv7, uuidv7 } from '../../sdk/uuidv7';

const FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The 48-bit Unix-millisecond prefix of a UUIDv7. */
const timeOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);
/** The 42-bit counter: rand_a (12 bits) then the top 30 bits of rand_b. */
const counterOf = (id: string) => {
  const hex = id.replace(/-/g, '');
  const randA = parseInt(hex.slice(13, 16), 16);
  const randB30 = parseInt(hex.slice(16, 24), 16) & 0x3fffffff;
  return randA * 2 ** 30 + randB30;
};
const fixedRandom = (value: number) => (bytes: Uint8Array) => bytes.fill(value);

describe('uuidv7', () => {
  it('has the RFC 9562 layout: version 7, variant 10, the time in the first 48 bits', () => {
    const next = createUuidv7(() => 1_700_000_000_123);
    const id = next();
    expect(id).toMatch(FORMAT);
    expect(timeOf(id)).toBe(1_700_000_000_123);
    expect(id.slice(0, 13)).toBe('018bcfe5-687b');
  });

  it('lays out random bytes exactly: counter seed with its top bit clear, then tail', () => {
    expect(createUuidv7(() => 0, fixedRandom(0xff))()).toBe('00000000-0000-77ff-bfff-ffffffffffff');
    expect(createUuidv7(() => 0, fixedRandom(0x00))()).toBe('00000000-0000-7000-8000-000000000000');
  });

  it('gives exactly the ids of the reference layout for varied bytes and clock', () => {
    // Expected ids made by the first implementation (a toString(16) per field), before the byte-to-hex table.
    const varied = (bytes: Uint8Array) => bytes.map((_, i) => (i * 37 + 11) & 255);
    const times = [1_700_000_000_001, 1_700_000_000_001, 1_700_000_000_002];
    const next = createUuidv7(() => times.shift()!, varied);
    expect([next(), next(), next()]).toEqual([
      '018bcfe5-6801-74c1-957a-9fc4e90e3358',
      '018bcfe5-6801-74c1-957a-9fc55b80a5ca',
      '018bcfe5-6802-7450-b95e-83a8cdf2173c',
    ]);
  });

  it('counts up by one within the same millisecond', () => {
    const next = createUuidv7(() => 42, fixedRandom(0));
    const ids = [next(), next(), next()];
    expect(ids.map(counterOf)).toEqual([0, 1, 2]);
    expect(ids.map(timeOf)).toEqual([42, 42, 42]);
  });

  it('is strictly increasing over many ids in one millisecond and when the clock goes back', () => {
    const times = [5000, 5000, 5000, 4000, 4000, 5001, 3000];
    let call = 0;
    const next = createUuidv7(() => times[Math.min(call++, times.length - 1)]!);
    const ids = Array.from({ length: 2000 }, next);
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(timeOf(ids[3]!)).toBe(5000); // the clock went back; the id did not
  });

  it('seeds the counter at most at 2^41 - 1, leaving 2^41 increments of room', () => {
    const next = createUuidv7(() => 7, fixedRandom(0xff));
    expect([next(), next()].map(counterOf)).toEqual([2 ** 41 - 1, 2 ** 41]);
  });

  it('shares one sequence across calls of the default generator', () => {
    const ids = Array.from({ length: 100 }, () => uuidv7());
    expect([...ids].sort()).toEqual(ids);
    ids.forEach((id) => expect(id).toMatch(FORMAT));
  });
});
