import { Hono, type Context } from 'hono';
import type { RateLimiter } from '../guard/rate-limiter';
import { clientAddress, type PeerAddress } from '../http/client-address';
import { applyIpPolicy, type IpPolicy } from '../privacy/truncate-ip';
import type { KeyRing } from '../config/keys';
import { ApiError } from '../http/api-error';
import { EVENT_TYPES, type EventType } from './event-schema';
import type { Submission } from './group-commit';
import { ingestEvents, type IngestRequest } from './ingest-events';
import { LIMITS } from './limits';
import { readJsonBody } from './read-body';
import { oversizedBytes } from './validate-event';
import { authorizeWriteKey, writeKeyFromBody, writeKeyFromHeader } from './write-key';

export interface IngestDependencies {
  /** Stores a request's rows durably (group commit) and answers how many were new. */
  store: (submission: Submission) => Promise<number>;
  keys: KeyRing;
  /** Makes messageIds for events sent without one. */
  newMessageId: () => string;
  /** The collector's clock, in epoch ms (replaceable in tests). */
  now: () => number;
  ipPolicy: IpPolicy;
  trustedProxyHops: number;
  /** The runtime's view of the connection's peer (Node: the socket). */
  peerAddress?: PeerAddress | undefined;
  /** Request limits by write key and by client address; absent = unlimited. */
  limiters: { perKey?: RateLimiter | undefined; perClient?: RateLimiter | undefined };
}

/**
 * The Segment-compatible ingestion routes (CONTRACT §2), to be mounted at `/v1`:
 * `POST /batch` and one single-event route per type (`/track`, `/page`, …).
 */
export function ingestRoutes(deps: IngestDependencies): Hono {
  const routes = new Hono();

  routes.post('/batch', async (c) => {
    const { body, writeKey, address } = await readAuthorizedBody(c, deps);
    const batch = batchOf(body);
    const request = requestContext(c, deps, { writeKey, address }, body);
    return c.json(await ingestEvents(deps.store, batch, { ...request, batchContext: fieldOf(body, 'context') }));
  });

  for (const type of EVENT_TYPES) {
    routes.post(`/${type}`, async (c) => {
      const { body, writeKey, address } = await readAuthorizedBody(c, deps);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new ApiError(400, 'no_events', `Send one ${type} event as a JSON object.`);
      }
      const request: IngestRequest = { ...requestContext(c, deps, { writeKey, address }, undefined), impliedType: type as EventType };
      const result = await ingestEvents(deps.store, [body], request);
      // The request *is* the event here, so an oversized one is a too-large request
      // (it has been quarantined all the same).
      if (oversizedBytes(body) !== undefined) {
        throw new ApiError(413, 'event_too_large', `One event may be at most ${LIMITS.eventBytes} bytes.`);
      }
      return c.json(result);
    });
  }

  return routes;
}

/**
 * Limits by client address first (cheapest), authenticates by header before reading
 * the body when it can, else by the body's `writeKey`, then limits by write key.
 */
async function readAuthorizedBody(
  c: Context,
  deps: IngestDependencies,
): Promise<{ body: unknown; writeKey: string; address: string | undefined }> {
  const request = c.req.raw;
  const address = clientAddress(c, deps.peerAddress, deps.trustedProxyHops);
  if (address !== undefined) enforce(deps.limiters.perClient, address, 'this client address');
  const origin = request.headers.get('origin');
  const headerKey = writeKeyFromHeader(request.headers.get('authorization'));
  if (headerKey !== undefined) authorizeWriteKey(deps.keys, headerKey, origin);
  const body = await readJsonBody(request);
  const writeKey = headerKey ?? authorizeWriteKey(deps.keys, writeKeyFromBody(body), origin);
  enforce(deps.limiters.perKey, writeKey, 'this write key');
  return { body, writeKey, address };
}

function enforce(limiter: RateLimiter | undefined, name: string, what: string): void {
  const waitSeconds = limiter?.hit(name) ?? 0;
  if (waitSeconds > 0) {
    throw new ApiError(429, 'rate_limited', `Too many requests for ${what}; retry after ${waitSeconds} s.`, waitSeconds);
  }
}

function batchOf(body: unknown): unknown[] {
  const batch = fieldOf(body, 'batch');
  if (!Array.isArray(batch) || batch.length === 0) {
    throw new ApiError(400, 'no_events', 'Expected a body like { "batch": [ …events ] } with at least one event.');
  }
  if (batch.length > LIMITS.batchEvents) {
    throw new ApiError(413, 'too_many_events', `A batch may hold at most ${LIMITS.batchEvents} events; got ${batch.length}.`);
  }
  return batch;
}

/** What every event of the request shares; `address` is the client's, as read once for the rate limit. */
function requestContext(
  c: Context,
  deps: IngestDependencies,
  sender: { writeKey: string; address: string | undefined },
  body: unknown,
): IngestRequest {
  const sentAt = fieldOf(body, 'sentAt');
  return {
    ipPolicy: deps.ipPolicy,
    clientIp: applyIpPolicy(sender.address, deps.ipPolicy),
    browserUserAgent: c.req.header('origin') ? c.req.header('user-agent') : undefined,
    writeKey: sender.writeKey,
    receivedAt: deps.now(),
    // An unparseable batch sentAt is ignored rather than failing every event in it.
    sentAt: typeof sentAt === 'string' && !Number.isNaN(Date.parse(sentAt)) ? sentAt : undefined,
    newMessageId: deps.newMessageId,
  };
}

function fieldOf(body: unknown, key: string): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  return Object.hasOwn(body, key) ? (body as Record<string, unknown>)[key] : undefined;
}
