import type { MiddlewareHandler } from 'hono';
import type { KeyRing } from '../config/keys';
import { ApiError } from './api-error';

/** Which kind of key a route needs. */
export type KeyKind = 'read' | 'admin';

/**
 * Requires `Authorization: Bearer <key>` with a key of `kind`. No key, or one the
 * collector does not know, is `401`; a known key of another kind (a write key
 * trying to read, a read key trying to erase) is `403`.
 *
 * @param keys the collector's keys
 * @param kind `read` for reports, `admin` for erasure
 * @example
 * app.use('/v1/query/*', requireKey(keys, 'read'));
 */
export function requireKey(keys: KeyRing, kind: KeyKind): MiddlewareHandler {
  return async (c, next) => {
    const key = presentedKey(c.req.header('authorization'));
    if (key === undefined) throw new ApiError(401, `missing_${kind}_key`, `Send Authorization: Bearer <${kind} key>.`);
    const allowed = kind === 'read' ? keys.readKeys : keys.adminKeys;
    if (allowed.has(key)) return next();
    const known = keys.readKeys.has(key) || keys.adminKeys.has(key) || keys.writeKeys.has(key);
    if (known) throw new ApiError(403, `invalid_${kind}_key`, `This key may not be used here; this route needs a ${kind} key.`);
    throw new ApiError(401, `invalid_${kind}_key`, `Unknown ${kind} key.`);
  };
}

/** The key of a Bearer header, or a write key sent the ingestion way (Basic, key as user). */
function presentedKey(header: string | undefined): string | undefined {
  const match = /^\s*(Bearer|Basic)\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  if (match[1]!.toLowerCase() === 'bearer') return match[2];
  try {
    // atob, not Buffer: the same app runs on edge runtimes.
    return atob(match[2]!).split(':')[0] || undefined;
  } catch {
    return undefined;
  }
}
