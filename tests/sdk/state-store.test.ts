import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStateStore } from '../../sdk/state-store';


let storage: Map<string, string>;
let calls: string[];
beforeEach(() => {
  vi.useFakeTimers();
  storage = new Map();
  calls = [];
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => (calls.push(`get ${k}`), storage.get(k) ?? null),
    setItem: (k: string, v: string) => (calls.push(`set ${k}`), void storage.set(k, v)),
    removeItem: (k: string) => (calls.push(`remove ${k}`), void storage.delete(k)),
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('state store', () => {
  it('reads storage once at creation and never writes before enable()', async () => {
    storage.set('footfall:userId', 'u1');
    const store = createStateStore();
    expect(calls).toEqual(['get footfall:anonymousId', 'get footfall:userId', 'get footfall:session']);
    calls = [];
    expect(store.get('userId')).toBe('u1');
    store.set('anonymousId', 'a1');
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toEqual([]);
  });

  it('once enabled, writes changes within a second, coalesced', async () => {
    const store = createStateStore();
    store.enable();
    calls = [];
    store.set('session', '1');
    store.set('session', '2');
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toEqual(['set footfall:session']);
    expect(storage.get('footfall:session')).toBe('2');
  });

  it('wipe() removes every key and stops writing', async () => {
    storage.set('footfall:anonymousId', 'old');
    const store = createStateStore();
    store.enable();
    store.wipe();
    store.set('userId', 'u2');
    await vi.advanceTimersByTimeAsync(1000);
    expect([...storage.keys()]).toEqual([]);
    expect(store.get('anonymousId')).toBeUndefined();
  });
});
