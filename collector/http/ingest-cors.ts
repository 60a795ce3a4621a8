import type { MiddlewareHandler } from 'hono';
import { isOriginAllowed, type KeyRing } from '../config/keys';
import { ApiError } from './api-error';

const PREFLIGHT_MAX_AGE_SECONDS = 86_400;

/**
 * CORS for the ingestion routes. A preflight is answered for any origin that some
 * write key allows (which key a request uses is only known once its body is read).
 * Real answers always carry `Access-Control-Allow-Origin` for the caller's origin, so
 * a browser can read an error's reason; whether the origin may *send* is decided per
 * key by the route (403). Credentials are never involved.
 */
export function ingestCors(keys: KeyRing): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (c.req.method === 'OPTIONS') {
      if (!origin || !someKeyAllows(keys, origin)) {
        throw new ApiError(403, 'origin_not_allowed', `Origin ${origin ?? '(none)'} may not send to this collector.`);
      }
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Allow-Methods', 'POST, OPTIONS');
      c.header('Access-Control-Allow-Headers', 'Authorization, Content-Type, Content-Encoding');
      c.header('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_SECONDS));
      c.header('Vary', 'Origin');
      return c.body(null, 204);
    }
    await next();
    if (origin) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.set('Access-Control-Expose-Headers', 'Retry-After');
      c.res.headers.append('Vary', 'Origin');
    }
  };
}

function someKeyAllows(keys: KeyRing, origin: string): boolean {
  for (const allowed of keys.writeKeys.values()) if (isOriginAllowed(allowed, origin)) return true;
  return false;
}
