/** Outcome of one request; `status` 0 means the request itself failed. */
export interface SendResult {
  status: number;
  /** The `Retry-After` header, when the collector sent one. */
  retryAfter?: string | null;
  error?: unknown;
}

/** Sends one request body to the collector; never rejects. */
export type Transport = (body: string) => Promise<SendResult>;

/**
 * Browsers cap the bodies of in-flight keepalive requests at 64 KiB per page
 * in all, and reject above it (Fetch standard, "keepalive" quota).
 */
export const KEEPALIVE_TOTAL = 64_000;

/** The most one request carries: a flush and an unload send may be in flight together. */
export const KEEPALIVE_BUDGET = KEEPALIVE_TOTAL / 2;

/** A request still unanswered after this long counts as a network failure and is retried. */
export const SEND_TIMEOUT_MS = 30_000;

/**
 * A transport that POSTs to `${endpoint}/v1/batch` as `text/plain`, a
 * CORS-safelisted type, so a cross-origin collector costs no preflight. Every
 * request that fits the keepalive budget uses keepalive, so one already in
 * flight survives the visitor navigating away.
 * @param endpoint collector base URL, '' for the page's own origin
 * @param fetcher the fetch to use
 * @default fetcher globalThis.fetch
 * @returns the transport
 * @example
 * const send = createFetchTransport('https://collector.example.com');
 * await send(body); // { status: 200 }
 */
export function createFetchTransport(endpoint: string, fetcher: typeof fetch = (...args) => fetch(...args)): Transport {
  return async (text) => {
    try {
      // A string body goes as `text/plain;charset=UTF-8`, a CORS-safelisted
      // type, so no header is set. The keepalive limit counts bytes, not characters.
      const response = await fetcher(`${endpoint}/v1/batch`, {
        method: 'POST',
        body: text,
        keepalive: new TextEncoder().encode(text).length <= KEEPALIVE_BUDGET,
        credentials: 'omit',
        signal: AbortSignal.timeout?.(SEND_TIMEOUT_MS),
      });
      // Read every answer to its end. Measured (npm run bench:main-thread): with
      // answers left unread, Chromium failed most later keepalive sends with
      // "Failed to fetch" (3,700 of 10,000 events arrived; all do when read).
      await response.text();
      return { status: response.status, retryAfter: response.headers.get('Retry-After') };
    } catch (error) {
      return { status: 0, error };
    }
  };
}

/**
 * Whether `fetch` can keep a request alive past the page (Chrome 66, Safari
 * 13, Firefox 133); where it cannot, unload sends by beacon instead.
 * @returns true if `Request` has `keepalive`
 * @example
 * keepaliveFetch() ? send(body) : beacon('', body);
 */
export const keepaliveFetch = (): boolean => typeof Request === 'function' && 'keepalive' in Request.prototype;

/**
 * Hand a body to `navigator.sendBeacon`: the unload path where fetch has no
 * keepalive. The browser queues it past the page's end, but says nothing of
 * the answer, so a beaconed event stays queued and may be sent again (the
 * collector stores it once). Not a fallback for a refused keepalive fetch:
 * Chromium refuses the promise of a keepalive request the page left even
 * when the request went out (a beacon then sent it a second time).
 * @param endpoint collector base URL, '' for the page's own origin
 * @param body the request body
 * @returns whether the browser accepted it for sending
 * @example
 * beacon('', body);
 */
export function beacon(endpoint: string, body: string): boolean {
  try {
    return navigator.sendBeacon(`${endpoint}/v1/batch`, body);
  } catch {
    return false;
  }
}
