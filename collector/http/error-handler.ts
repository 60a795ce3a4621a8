import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ApiError } from './api-error';

const RETRY_AFTER_SECONDS = 5;

/** Where the collector reports its own failures; never given payloads or keys. */
export type Logger = (message: string) => void;

/**
 * Turns anything thrown while handling a request into the contract's error body.
 * Client mistakes arrive as {@link ApiError}s; anything else is the collector's own
 * fault (a 500, or 503 when the database is unreachable) and is logged by type and
 * message only.
 */
export function errorHandler(log: Logger) {
  return (error: Error, c: Context): Response => {
    if (error instanceof ApiError) {
      const response = c.json(error.toBody(), error.status);
      if (error.retryAfterSeconds !== undefined) response.headers.set('Retry-After', String(error.retryAfterSeconds));
      return response;
    }
    if (error instanceof HTTPException && error.status < 500) {
      return c.json(new ApiError(400, 'invalid_body', error.message || 'The request could not be read.').toBody(), 400);
    }
    // Driver errors quote the failed statement's parameters, i.e. event payloads:
    // log only what kind of failure it was.
    log(`${c.req.method} ${c.req.path} failed: ${error.name}${failureCode(error)}`);
    const body = new ApiError(503, 'unavailable', 'The collector could not complete the request; retry later.').toBody();
    return c.json(body, 503, { 'Retry-After': String(RETRY_AFTER_SECONDS) });
  };
}

function failureCode(error: Error): string {
  const cause = error.cause as { code?: unknown } | undefined;
  const code = (error as { code?: unknown }).code ?? cause?.code;
  return typeof code === 'string' ? ` (${code})` : '';
}
