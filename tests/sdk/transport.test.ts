import { afterEach, describe, expect, it, vi } from 'vitest';
import { beacon, createFetchTransport, KEEPALIVE_BUDGET, SEND_TIMEOUT_MS } from '../../sdk/transport';

afterEach(() => vi.unstubAllGlobals());

/** A fetch that records its calls and answers with `response()`. */
const recordingFetch = (response: () => Response) => {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetcher = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init! });
    return response();
  });
  return { calls, fetcher: fetcher as unknown as typeof fetch };
};

describe('fetch transport', () => {
  it('POSTs the body as text/plain to /v1/batch with keepalive, no credentials and a timeout signal', async () => {
    const { calls, fetcher } = recordingFetch(() => new Response('{}', { status: 200 }));
    const send = createFetchTransport('https://c.example', fetcher);
    expect(await send('{"batch":[]}')).toEqual({ status: 200, retryAfter: null });
    expect(calls).toHaveLength(1);
    const [{ url, init }] = calls as [{ url: string; init: RequestInit }];
    expect(url).toBe('https://c.example/v1/batch');
    expect([init.method, init.body, init.keepalive, init.credentials]).toEqual(['POST', '{"batch":[]}', true, 'omit']);
    // A string body: fetch sends it as text/plain, which needs no CORS preflight.
    expect(new Request(url, init).headers.get('content-type')).toBe('text/plain;charset=UTF-8');
    expect(init.signal).toBeInstanceOf(AbortSignal);
    expect(init.signal!.aborted).toBe(false);
    expect(SEND_TIMEOUT_MS).toBe(30_000);
  });

  it("sends to the page's own origin with an empty endpoint", async () => {
    const { calls, fetcher } = recordingFetch(() => new Response(null, { status: 204 }));
    expect(await createFetchTransport('', fetcher)('{}')).toEqual({ status: 204, retryAfter: null });
    expect(calls.map((call) => call.url)).toEqual(['/v1/batch']);
  });

  it('reads every answer to its end', async () => {
    const response = new Response('{"ok":true}', { status: 200 });
    await createFetchTransport('', async () => response)('{}');
    expect(response.bodyUsed).toBe(true);
  });

  it('uses keepalive up to the budget and not above it', async () => {
    const { calls, fetcher } = recordingFetch(() => new Response('', { status: 200 }));
    const send = createFetchTransport('', fetcher);
    await send('a'.repeat(KEEPALIVE_BUDGET));
    await send('a'.repeat(KEEPALIVE_BUDGET + 1));
    expect(calls.map((call) => call.init.keepalive)).toEqual([true, false]);
  });

  it('measures the keepalive budget in bytes: multi-byte bodies over it go without keepalive', async () => {
    const { calls, fetcher } = recordingFetch(() => new Response('', { status: 200 }));
    const send = createFetchTransport('', fetcher);
    // 30,000 characters but 90,000 bytes in UTF-8: over the browsers' 64 KiB keepalive cap on its own.
    const body = '漢'.repeat(30_000);
    expect(new TextEncoder().encode(body).length).toBe(90_000);
    await send(body);
    expect(calls.map((call) => call.init.keepalive)).toEqual([false]);
  });

  it('returns the status and Retry-After of an error answer', async () => {
    const send = createFetchTransport('', async () => new Response('slow down', { status: 429, headers: { 'Retry-After': '2' } }));
    expect(await send('{}')).toEqual({ status: 429, retryAfter: '2' });
    const failing = createFetchTransport('', async () => new Response('', { status: 503 }));
    expect(await failing('{}')).toEqual({ status: 503, retryAfter: null });
  });

  it('turns a network failure into status 0 with the error, never rejecting', async () => {
    const offline = new TypeError('Failed to fetch');
    const send = createFetchTransport('', () => Promise.reject(offline));
    expect(await send('{}')).toEqual({ status: 0, error: offline });
    const throwing = createFetchTransport('', () => {
      throw offline;
    });
    expect(await throwing('{}')).toEqual({ status: 0, error: offline });
  });

  it('turns an answer whose body fails to read into status 0', async () => {
    const broken = new Response(
      new ReadableStream({
        pull(controller) {
          controller.error(new TypeError('network error'));
        },
      }),
      { status: 200 },
    );
    const result = await createFetchTransport('', async () => broken)('{}');
    expect(result.status).toBe(0);
    expect(result.error).toBeInstanceOf(TypeError);
  });

  it('uses the global fetch by default, looked up at send time', async () => {
    const { calls, fetcher } = recordingFetch(() => new Response('', { status: 200 }));
    const send = createFetchTransport('https://c.example');
    vi.stubGlobal('fetch', fetcher);
    expect(await send('{}')).toEqual({ status: 200, retryAfter: null });
    expect(calls.map((call) => call.url)).toEqual(['https://c.example/v1/batch']);
  });
});

describe('beacon', () => {
  it('hands the body to navigator.sendBeacon at /v1/batch and returns its answer', () => {
    const sendBeacon = vi.fn(() => true);
    vi.stubGlobal('navigator', { sendBeacon });
    expect(beacon('https://c.example', '{"batch":[]}')).toBe(true);
    expect(sendBeacon.mock.calls).toEqual([['https://c.example/v1/batch', '{"batch":[]}']]);
    sendBeacon.mockReturnValueOnce(false);
    expect(beacon('', '{}')).toBe(false);
    expect(sendBeacon.mock.calls[1]).toEqual(['/v1/batch', '{}']);
  });

  it('returns false instead of throwing when sendBeacon throws or is missing', () => {
    vi.stubGlobal('navigator', {
      sendBeacon: () => {
        throw new TypeError('Illegal invocation');
      },
    });
    expect(beacon('', '{}')).toBe(false);
    vi.stubGlobal('navigator', {});
    expect(beacon('', '{}')).toBe(false);
  });
});
