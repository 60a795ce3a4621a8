import { afterEach, describe, expect, it, vi } from 'vitest';
import { isStubQueue, replayStub } from '../../sdk/stub-replay';

afterEach(() => vi.restoreAllMocks());

describe('stub replay', () => {
  it('replays calls in order, dotted names included', () => {
    const calls: unknown[][] = [];
    const api = {
      track: (...args: unknown[]) => calls.push(['track', ...args]),
      consent: { grant: (...args: unknown[]) => calls.push(['consent.grant', ...args]) },
    };
    replayStub([['track', 'A', { n: 1 }], ['consent.grant'], ['track', 'B']], api);
    expect(calls).toEqual([['track', 'A', { n: 1 }], ['consent.grant'], ['track', 'B']]);
  });

  it('reports and skips malformed or unknown calls, and calls that throw, then goes on', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const seen: string[] = [];
    const api = {
      track: (name: string) => {
        if (name === 'boom') throw new Error('boom');
        seen.push(name);
      },
    };
    replayStub([['nope'], 'track', ['toString'], ['track', 'boom'], ['track', 'ok']], api);
    expect(seen).toEqual(['ok']);
    expect(warn).toHaveBeenCalledTimes(4);
  });

  it('knows a stub queue from a loaded client', () => {
    expect(isStubQueue([])).toBe(true);
    expect(isStubQueue({ track() {} })).toBe(false);
    expect(isStubQueue(undefined)).toBe(false);
  });
});
