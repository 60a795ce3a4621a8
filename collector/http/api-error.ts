import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Machine-readable reasons a request is refused; clients branch on these. */
export type ErrorCode =
  | 'invalid_json'
  | 'invalid_utf8'
  | 'invalid_body'
  | 'no_events'
  | 'missing_write_key'
  | 'invalid_write_key'
  | 'origin_not_allowed'
  | 'body_too_large'
  | 'too_many_events'
  | 'event_too_large'
  | 'unsupported_media_type'
  | 'unsupported_encoding'
  | 'invalid_gzip'
  | 'not_found'
  | 'invalid_query'
  | 'missing_read_key'
  | 'invalid_read_key'
  | 'missing_admin_key'
  | 'invalid_admin_key'
  | 'method_not_allowed'
  | 'rate_limited'
  | 'unavailable'
  | 'internal_error';

/** The body of every error answer: `{ success: false, error: { code, message } }`. */
export interface ErrorBody {
  success: false;
  error: { code: ErrorCode; message: string };
}

/**
 * A refusal that carries its HTTP status and machine-readable code. Thrown anywhere
 * in a request's handling and turned into an {@link ErrorBody} by the app's error
 * handler, so that no client mistake ever surfaces as a 500.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    /** Sent as `Retry-After` (429, 503): how long the client should wait. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The JSON body sent to the client. */
  toBody(): ErrorBody {
    return { success: false, error: { code: this.code, message: this.message } };
  }
}
