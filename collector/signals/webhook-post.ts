import type { CartSignal } from './signal-json';
import { webhookKey, webhookSigner } from './webhook-signature';

/** What became of one attempt: an answer, a failure before any answer, or a shutdown. */
export type Outcome = { status: number; retryAfter: string | null } | { status: 0; error: string } | 'stopped';

export interface PosterOptions {
  target: { url: string; secret: string };
  now: () => number;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** @default 10000 */
  timeoutMs?: number;
}

/**
 * One webhook attempt: the signal as a Standard Webhooks message — body
 * `{ type: "cart.abandoned", timestamp, data }`, the same on every attempt;
 * `webhook-id` `msg_<cartId>`; `webhook-timestamp` now; `webhook-signature` over
 * both and the body — POSTed with a timeout.
 *
 * @returns post(signal, stop) → the {@link Outcome}; never throws for network errors
 * @example
 * const post = webhookPoster({ target, now: Date.now });
 * const outcome = await post(signal);
 */
export function webhookPoster(options: PosterOptions): (signal: CartSignal, stop?: AbortSignal) => Promise<Outcome> {
  const sign = webhookSigner(webhookKey(options.target.secret));
  return async (signal, stop) => {
    const body = JSON.stringify({ type: 'cart.abandoned', timestamp: signal.createdAt, data: signal });
    const id = `msg_${signal.cartId}`;
    const timestamp = Math.floor(options.now() / 1000);
    const timeout = AbortSignal.timeout(options.timeoutMs ?? 10_000);
    try {
      const response = await (options.fetch ?? fetch)(options.target.url, {
        method: 'POST',
        // A redirect is an answer to fix at the receiver, not one to follow with a payload.
        redirect: 'manual',
        signal: stop ? AbortSignal.any([stop, timeout]) : timeout,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Footfall-Webhooks/1',
          'webhook-id': id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': await sign(id, timestamp, body),
        },
        body,
      });
      await response.body?.cancel().catch(() => undefined);
      return { status: response.status, retryAfter: response.headers.get('retry-after') };
    } catch (error) {
      if (stop?.aborted) return 'stopped';
      return { status: 0, error: timeout.aborted ? 'timeout' : `network error${causeCode(error)}` };
    }
  };
}

/** ` (ECONNREFUSED)` from a fetch failure's cause, so the log says why without any payload. */
function causeCode(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? ` (${cause.code})` : '';
}
