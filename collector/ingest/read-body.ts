import { ApiError } from '../http/api-error';
import { LIMITS } from './limits';

/**
 * Reads a request body as JSON, enforcing the contract's media types and size limits.
 *
 * Accepts `application/json` and `text/plain` (what `navigator.sendBeacon` and the
 * SDK's preflight-free requests send), or no content type at all; optionally
 * `Content-Encoding: gzip`. The size limit applies to the bytes *after* inflating and
 * is enforced while streaming, so a small gzip bomb is stopped at the limit instead
 * of being inflated in memory.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  assertSupportedMediaType(request.headers.get('content-type'));
  const encoding = contentEncoding(request.headers.get('content-encoding'));
  const declaredLength = Number(request.headers.get('content-length') ?? '0');
  if (encoding === 'identity' && declaredLength > LIMITS.requestBytes) throw bodyTooLarge();
  if (!request.body) throw new ApiError(400, 'no_events', 'The request has no body.');

  const stream = encoding === 'gzip' ? request.body.pipeThrough(new DecompressionStream('gzip')) : request.body;
  const bytes = await readAtMost(stream, LIMITS.requestBytes, encoding === 'gzip');
  return parseJson(decodeUtf8(bytes));
}

function assertSupportedMediaType(header: string | null): void {
  if (header === null || header.trim() === '') return;
  const mediaType = header.split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'application/json' || mediaType === 'text/plain') return;
  throw new ApiError(
    415,
    'unsupported_media_type',
    `Content-Type "${mediaType}" is not accepted; send application/json or text/plain holding JSON.`,
  );
}

function contentEncoding(header: string | null): 'identity' | 'gzip' {
  const encoding = (header ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return 'identity';
  if (encoding === 'gzip' || encoding === 'x-gzip') return 'gzip';
  throw new ApiError(415, 'unsupported_encoding', `Content-Encoding "${encoding}" is not accepted; use gzip or none.`);
}

async function readAtMost(stream: ReadableStream<Uint8Array>, limit: number, gzipped: boolean): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        throw bodyTooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    // DecompressionStream fails on corrupt or truncated gzip: the client's mistake.
    if (gzipped) throw new ApiError(400, 'invalid_gzip', 'The body is not valid gzip.');
    throw new ApiError(400, 'invalid_body', 'The request body could not be read.');
  }
  return concat(chunks, total);
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new ApiError(400, 'invalid_utf8', 'The body is not valid UTF-8.');
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') throw new ApiError(400, 'no_events', 'The request body is empty.');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'parse error';
    throw new ApiError(400, 'invalid_json', `The body is not valid JSON: ${detail}`);
  }
}

function bodyTooLarge(): ApiError {
  return new ApiError(413, 'body_too_large', `The request body exceeds ${LIMITS.requestBytes} bytes (after inflating).`);
}
