import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../sdk/client';
import type { FootfallEvent, FootfallOptions } from '../../sdk/types';

// The client in Node with the few browser globals it touches stubbed:
// localStorage (a Map), navigator and fetch. No window/document: no page context.

let storage: Map<string, string>;
let sent: { writeKey: string; sentAt: string; batch: FootfallEvent[] }[];

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2025-03-01T10:00:00.000Z') });
  storage = new Map();
  sent = [];
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => storage.get(k) ?? null,
    setItem: (k: string, v: string) => void storage.set(k, v),
    removeItem: (k: string) => void storage.delete(k),
  });
  vi.stubGlobal('navigator', { userAgent: 'Test', language: 'en' });
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
    sent.push(JSON.parse(init.body as string));
    return new Response('{"success":true}', { status: 200 });
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const client = (options: Partial<FootfallOptions> = {}) => createClient({ writeKey: 'k', endpoint: 'https://c.example', ...options });
const events = () => sent.flatMap((body) => body.batch);

describe('client consent', () => {
  it('while pending, sends nothing and writes nothing, even on flush', async () => {
    const footfall = client();
    footfall.page('Home');
    footfall.identify('user-1');
    footfall.track('Clicked');
    await footfall.flush();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toEqual([]);
    expect([...storage.keys()]).toEqual([]);
  });

  it('on grant, sends the held calls with their original times, one anonymousId, and the userId', async () => {
    const footfall = client();
    footfall.page('Home');
    vi.setSystemTime(new Date('2025-03-01T10:00:01.000Z'));
    footfall.identify('user-1', { plan: 'pro' });
    footfall.track('Clicked', { button: 'buy' });
    vi.setSystemTime(new Date('2025-03-01T10:05:00.000Z'));
    footfall.consent.grant(['analytics']);
    await footfall.flush();

    const anonymousId = storage.get('footfall:anonymousId');
    expect(anonymousId).toMatch(/^[0-9a-f-]{36}$/);
    expect(storage.get('footfall:userId')).toBe('user-1');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.writeKey).toBe('k');
    expect(sent[0]!.sentAt).toBe('2025-03-01T10:05:00.000Z');
    expect(events().map((e) => [e.type, e.timestamp, e.anonymousId, e.userId])).toEqual([
      ['page', '2025-03-01T10:00:00.000Z', anonymousId, undefined],
      ['identify', '2025-03-01T10:00:01.000Z', anonymousId, 'user-1'],
      ['track', '2025-03-01T10:00:01.000Z', anonymousId, 'user-1'],
    ]);
    expect(events().map((e) => e.context.consent)).toEqual(Array(3).fill({ categoryPreferences: { analytics: true } }));
    expect(events()[2]).toMatchObject({ event: 'Clicked', properties: { button: 'buy' } });
    expect(events()[1]).toMatchObject({ traits: { plan: 'pro' } });
  });

  it('holds only the last 100 calls while pending', async () => {
    const footfall = client({ flushAt: 1000 });
    for (let n = 1; n <= 150; n++) footfall.track(`E${n}`);
    footfall.consent.grant();
    await footfall.flush();
    const names = events().map((e) => (e.type === 'track' ? e.event : ''));
    expect([names.length, names[0], names[99]]).toEqual([100, 'E51', 'E150']);
  });

  it('deny drops held and queued events, removes stored ids and stops sending', async () => {
    const footfall = client({ consent: 'granted' });
    footfall.identify('user-1');
    // Nothing synchronous on track()'s path: storage follows within a second.
    expect([...storage.keys()]).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect([...storage.keys()].sort()).toEqual(['footfall:anonymousId', 'footfall:session', 'footfall:userId']);
    // The start-up flush (for what an earlier page left queued) took the identify along.
    expect(events().map((e) => e.type)).toEqual(['identify']);
    sent.length = 0;
    footfall.track('Queued'); // waits for the 5 s timer
    await vi.advanceTimersByTimeAsync(100);
    footfall.consent.deny();
    footfall.track('After deny');
    await footfall.flush();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toEqual([]);
    expect([...storage.keys()]).toEqual([]);
    expect(footfall.consent.state).toBe('denied');
  });

  it("grant(categories) without 'analytics' records nothing: Footfall is an analytics tool", async () => {
    const footfall = client();
    footfall.track('Held');
    footfall.consent.grant(['necessary', 'marketing']);
    footfall.track('After a grant without analytics');
    await footfall.flush();
    await vi.advanceTimersByTimeAsync(60_000);
    expect([sent, [...storage.keys()], footfall.consent.state]).toEqual([[], [], 'denied']);
  });

  it('denied from the start records nothing and removes what an earlier visit stored', async () => {
    storage.set('footfall:anonymousId', 'old');
    storage.set('shop-cart', '[]');
    const footfall = client({ consent: 'denied' });
    footfall.track('Nope');
    await footfall.flush();
    expect(sent).toEqual([]);
    expect([...storage.keys()]).toEqual(['shop-cart']);
  });

  it('optOut is a deny', async () => {
    const footfall = client({ consent: 'granted' });
    footfall.track('Queued');
    footfall.optOut();
    await footfall.flush();
    expect([sent, [...storage.keys()], footfall.consent.state]).toEqual([[], [], 'denied']);
  });

  it('a Global Privacy Control signal denies, and grant cannot override it', async () => {
    vi.stubGlobal('navigator', { userAgent: 'Test', language: 'en', globalPrivacyControl: true });
    const footfall = client({ consent: 'granted' });
    footfall.consent.grant();
    footfall.track('Nope');
    await footfall.flush();
    expect([sent, [...storage.keys()], footfall.consent.state]).toEqual([[], [], 'denied']);
  });

  it("gpc: 'ignore' lets the site's own consent decide", async () => {
    vi.stubGlobal('navigator', { userAgent: 'Test', language: 'en', globalPrivacyControl: true });
    const footfall = client({ gpc: 'ignore' });
    footfall.track('Yes');
    footfall.consent.grant();
    await footfall.flush();
    expect(events().map((e) => e.type)).toEqual(['track']);
  });
});

describe('client identity and safety', () => {
  it('reuses the stored anonymousId, and reset() starts a new visitor', async () => {
    storage.set('footfall:anonymousId', 'stored-id');
    const footfall = client({ consent: 'granted' });
    footfall.identify('user-1');
    footfall.reset();
    footfall.track('After reset');
    await footfall.flush();
    await vi.advanceTimersByTimeAsync(1000);
    const [identify, track] = events();
    expect([identify!.anonymousId, identify!.userId]).toEqual(['stored-id', 'user-1']);
    expect(track!.anonymousId).not.toBe('stored-id');
    expect(track!.userId).toBeUndefined();
    expect(storage.get('footfall:anonymousId')).toBe(track!.anonymousId);
    expect(storage.has('footfall:userId')).toBe(false);
  });

  it('never throws into the page: bad calls are reported and dropped', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const footfall = client({ consent: 'granted' });
    const loose = footfall as unknown as Record<string, (...args: unknown[]) => unknown>;
    expect(() => loose['track']!(undefined)).not.toThrow();
    expect(() => loose['identify']!('')).not.toThrow();
    expect(() => footfall.track('Fine', 'not an object' as unknown as Record<string, unknown>)).not.toThrow();
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(footfall.flush()).resolves.toBeUndefined();
    expect(warn.mock.calls.map((call) => String(call[1]))).toEqual([
      'TypeError: footfall: track(event) needs a non-empty string',
      'TypeError: footfall: identify(userId) needs a non-empty string',
    ]);
  });

  it('keeps events whose send failed and sends them again after the backoff', async () => {
    const footfall = client({ consent: 'granted' });
    const working = globalThis.fetch;
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('offline')));
    footfall.track('Kept');
    await footfall.flush();
    vi.stubGlobal('fetch', working);
    // No answer may still mean sent (a keepalive request as the page goes): a flush at once leaves
    // them alone for 300 ms of grace, then the backoff's first retry (0.5–1 s) sends them.
    await footfall.flush();
    expect(events()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(events().map((e) => (e.type === 'track' ? e.event : e.type))).toEqual(['Kept']);
  });
});

describe('client journey features', () => {
  it('alias: previousId defaults to the current userId, else the anonymousId; later events carry the new id', async () => {
    const footfall = client({ consent: 'granted' });
    footfall.alias('guest-7');
    footfall.alias('user-42');
    footfall.track('After alias');
    await footfall.flush();
    const [first, second, track] = events();
    expect(first).toMatchObject({ type: 'alias', userId: 'guest-7', previousId: first!.anonymousId });
    expect(second).toMatchObject({ type: 'alias', userId: 'user-42', previousId: 'guest-7' });
    expect(track!.userId).toBe('user-42');
  });

  it('beforeSend edits or drops events, and drops the event when it throws', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const footfall = client({
      consent: 'granted',
      beforeSend: (event) => {
        if (event.type === 'identify') delete event.traits['email'];
        if (event.type === 'track' && event.event === 'Boom') throw new Error('filter broke');
        return event.type === 'track' && event.event === 'Debug' ? null : event;
      },
    });
    footfall.identify('u1', { email: 'ada@example.com', plan: 'pro' });
    footfall.track('Debug');
    footfall.track('Boom');
    footfall.track('Kept');
    await footfall.flush();
    expect(events().map((e) => (e.type === 'track' ? e.event : e.type))).toEqual(['identify', 'Kept']);
    expect(events()[0]).toMatchObject({ traits: { plan: 'pro' } });
    const identify = events()[0]!;
    expect(identify.type === 'identify' && 'email' in identify.traits).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('stamps one sessionId and a new one after 30 minutes without events', async () => {
    const footfall = client({ consent: 'granted' });
    footfall.track('A');
    vi.setSystemTime(Date.now() + 29 * 60_000);
    footfall.track('B');
    vi.setSystemTime(Date.now() + 31 * 60_000);
    footfall.track('C');
    await footfall.flush();
    const [a, b, c] = events().map((e) => e.context.sessionId);
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect([b === a, c === a]).toEqual([true, false]);
  });
});
