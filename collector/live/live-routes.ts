import { Hono, type Context } from 'hono';
import type { KeyRing } from '../config/keys';
import { ApiError } from '../http/api-error';
import { requireKey } from '../http/bearer-auth';
import type { LiveHub } from './live-hub';

/**
 * The live channels, to be mounted at `/v1` (read key), as Server-Sent Events:
 *
 * - `GET /live/events`: each stored event, `event: event`, bots only with `?bots=1`;
 * - `GET /live/abandoned-carts`: each abandoned-cart signal, `event: abandoned_cart`.
 *
 * Both start at the tail (new rows only), or resume after the id of a
 * `Last-Event-ID` header (what `EventSource` sends when it reconnects) or of
 * `?since=`, sending at most the 1,000 ids that follow it first.
 *
 * @example
 * app.route('/v1', liveRoutes({ live, keys }));
 * // curl -N -H 'Authorization: Bearer dev_read_key' localhost:8787/v1/live/events
 */
export function liveRoutes(deps: { live: LiveHub; keys: KeyRing }): Hono {
  const routes = new Hono();
  const read = requireKey(deps.keys, 'read');
  routes.get('/live/events', read, (c) => {
    const bots = c.req.query('bots');
    if (bots !== undefined && bots !== '0' && bots !== '1') throw new ApiError(400, 'invalid_query', 'bots: expected 0 or 1');
    return deps.live.events.open(resumeAfter(c), bots === '1' ? undefined : (item) => !item.bot);
  });
  routes.get('/live/abandoned-carts', read, (c) => deps.live.carts.open(resumeAfter(c)));
  return routes;
}

/** The id to resume after: `Last-Event-ID` wins over `?since=`, being the newer of the two. */
function resumeAfter(c: Context): number | undefined {
  const header = c.req.header('last-event-id');
  const [name, value] = header !== undefined && header.trim() !== '' ? ['Last-Event-ID', header] : ['since', c.req.query('since')];
  if (value === undefined) return undefined;
  if (!/^\s*\d{1,15}\s*$/.test(value)) throw new ApiError(400, 'invalid_query', `${name}: expected the id of an event received from this stream`);
  return Number(value);
}
