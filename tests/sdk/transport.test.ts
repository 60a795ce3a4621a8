import { describe, expect, it, vi } from 'vitest';
import { batchBody, createFetchTransport, KEEPALIVE_BUDGET } from '../../sdk/transport';
import type { FootfallEvent } from '../../sdk/types';

const event = (properties: Record<string, unknown> = {}): FootfallEvent => ({
  type: 'track',
  event: 'Product Added',
  properties,
  messageId: '0190b6c4-52a1-7c3e-9a4f-0b1c2d3e4f50',
  anonymousId: 'a-1',
  timestamp: '2025-01-02T03:04:05.678Z',
  context: { library: { name: 'footfall', version: 'test' } },
});

describe('batchBody', () => {
  it('carries writeKey, sentAt and the events', () => {
    expect(JSON.parse(batchBody('k', [event()], new Date('2025-01-02T03:04:06.000Z')))).toEqual({
      writeKey: 'k',
      sentAt: '2025-01-02T03:04:06.000Z',
      batch: [event()],
    });
  });
});

describe('fetch transport', () => {
  it('POSTs text/plain JSON to /v1/batch with keepalive and no credentials', async () => {
    const fetch = vi.fn(async () => new Response('{}', { status: 200 }));
    const send = createFetchTransport({ endpoint: 'https://c.example', writeKey: 'k', fetch });
    expect(await send([event()])).toEqual({ ok: true, status: 200 });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://c.example/v1/batch');
    expect([init.method, init.headers, init.keepalive, init.credentials]).toEqual([
      'POST',
      { 'Content-Type': 'text/plain' },
      true,
      'omit',
    ]);
    const body = JSON.parse(new TextDecoder().decode(init.body as Uint8Array)) as { batch: unknown[] };
    expect(body.batch).toEqual([event()]);
  });

  it('drops keepalive when the body is over the browsers\u2019 keepalive budget', async () => {
    const fetch = vi.fn(async () => new Response('{}', { status: 200 }));
    const send = createFetchTransport({ endpoint: '', writeKey: 'k', fetch });
    await send([event({ big: 'é'.repeat(KEEPALIVE_BUDGET / 2) })]); // 2 bytes each in UTF-8
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/v1/batch');
    expect(init.keepalive).toBe(false);
  });

  it('reports HTTP errors and network failures instead of throwing', async () => {
    const failing = createFetchTransport({ endpoint: '', writeKey: 'k', fetch: async () => new Response('', { status: 503 }) });
    expect(await failing([event()])).toEqual({ ok: false, status: 503 });
    const offline = new TypeError('Failed to fetch');
    const broken = createFetchTransport({ endpoint: '', writeKey: 'k', fetch: () => Promise.reject(offline) });
    expect(await broken([event()])).toEqual({ ok: false, status: 0, error: offline });
  });
});
