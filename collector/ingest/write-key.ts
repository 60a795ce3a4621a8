import { isOriginAllowed, type KeyRing } from '../config/keys';
import { ApiError } from '../http/api-error';

/**
 * The write key of a Basic `Authorization` header (key as user name, empty
 * password, as Segment's libraries send it), or undefined when there is none.
 */
export function writeKeyFromHeader(authorization: string | null | undefined): string | undefined {
  if (!authorization) return undefined;
  const [scheme, credentials] = authorization.trim().split(/\s+/, 2);
  if (scheme?.toLowerCase() !== 'basic' || !credentials) return undefined;
  let decoded: string;
  try {
    decoded = atob(credentials);
  } catch {
    throw new ApiError(401, 'invalid_write_key', 'The Basic credentials are not valid base64.');
  }
  const separator = decoded.indexOf(':');
  const key = separator === -1 ? decoded : decoded.slice(0, separator);
  return key || undefined;
}

/** The `writeKey` field of a body (how beacons authenticate), if it is a string. */
export function writeKeyFromBody(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const key = (body as { writeKey?: unknown }).writeKey;
  return typeof key === 'string' && key !== '' ? key : undefined;
}

/**
 * Checks that `key` is a write key usable from `origin` (the request's `Origin`
 * header; absent for server-side senders) and returns it.
 *
 * @throws ApiError 401 when the key is missing or not a write key, 403 when the
 * browser origin is not on the key's allow-list.
 */
export function authorizeWriteKey(keys: KeyRing, key: string | undefined, origin: string | null | undefined): string {
  if (key === undefined) {
    throw new ApiError(
      401,
      'missing_write_key',
      'No write key: send it as the Basic auth user name or as "writeKey" in the body.',
    );
  }
  const allowed = keys.writeKeys.get(key);
  if (allowed === undefined) {
    const hint = keys.readKeys.has(key) || keys.adminKeys.has(key) ? ' It is a read or admin key, which never writes.' : '';
    throw new ApiError(401, 'invalid_write_key', `The write key is not known to this collector.${hint}`);
  }
  // `Origin: null` (sandboxed frames, file: pages) is checked like any other
  // origin, so a restricted key cannot be used from an anonymous context.
  if (origin && !isOriginAllowed(allowed, origin)) {
    throw new ApiError(403, 'origin_not_allowed', `Origin ${origin} is not allowed to send with this write key.`);
  }
  return key;
}
