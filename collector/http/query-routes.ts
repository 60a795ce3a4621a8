import { Hono, type Context } from 'hono';
import type { KeyRing } from '../config/keys';
import type { Database } from '../db/open-database';
import { abandonedCartsJson, abandonedCartsSchema } from '../queries/abandoned-carts';
import { attribution, attributionSchema } from '../queries/attribution';
import { erasePerson } from '../queries/erase-person';
import { csvHeader, exportPages, exportSchema, toCsvLine, toNdjsonLine } from '../queries/export-events';
import { funnel, funnelSchema } from '../queries/funnel';
import { journeyOf } from '../queries/journey';
import { overview, overviewSchema } from '../queries/overview';
import { paths, pathsSchema } from '../queries/paths';
import { peopleSearchSchema, searchPeople } from '../queries/people-search';
import { parseQuery } from '../queries/query-input';
import { retention, retentionSchema } from '../queries/retention';
import { ApiError } from './api-error';
import { requireKey } from './bearer-auth';

/**
 * The analyst API of CONTRACT §3, to be mounted at `/v1`: reports with a read key
 * (`Authorization: Bearer …`), erasure with an admin key.
 *
 * @example
 * app.route('/v1', queryRoutes({ db, keys }));
 */
export function queryRoutes(deps: { db: Database; keys: KeyRing; syncCommitted?: (() => Promise<void>) | undefined }): Hono {
  const { db } = deps;
  const routes = new Hono();
  const read = requireKey(deps.keys, 'read');

  routes.get('/people', read, async (c) => c.json(await searchPeople(db, parseQuery(peopleSearchSchema, c.req.query()))));
  routes.get('/people/:id/journey', read, async (c) => {
    const journey = await journeyOf(db, c.req.param('id'));
    if (!journey) throw new ApiError(404, 'not_found', 'No person has used this id.');
    return c.json(journey);
  });
  routes.delete('/people/:id', requireKey(deps.keys, 'admin'), async (c) => {
    const erased = await erasePerson(db, c.req.param('id'));
    // An erasure reported done must not come back after a power cut.
    await deps.syncCommitted?.();
    return c.json(erased);
  });
  routes.get('/query/overview', read, async (c) => c.json(await overview(db, parseQuery(overviewSchema, c.req.query()))));
  routes.post('/query/funnel', read, async (c) => c.json(await funnel(db, parseQuery(funnelSchema, await jsonBody(c)))));
  routes.post('/query/attribution', read, async (c) => c.json(await attribution(db, parseQuery(attributionSchema, await jsonBody(c)))));
  routes.post('/query/paths', read, async (c) => c.json(await paths(db, parseQuery(pathsSchema, await jsonBody(c)))));
  routes.post('/query/retention', read, async (c) => c.json(await retention(db, parseQuery(retentionSchema, await jsonBody(c)))));
  // Sent as SQLite assembled it: parsing and serialising 30 MB again would cost more than the query.
  routes.get('/query/abandoned-carts', read, async (c) =>
    c.body(await abandonedCartsJson(db, parseQuery(abandonedCartsSchema, c.req.query())), 200, { 'content-type': 'application/json' }),
  );
  routes.get('/export', read, (c) => {
    const params = parseQuery(exportSchema, c.req.query());
    const encoder = new TextEncoder();
    const pages = exportPages(db, params);
    let headerSent = params.format !== 'csv';
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const prefix = headerSent ? '' : csvHeader();
        headerSent = true;
        const next = await pages.next();
        if (next.done) {
          if (prefix) controller.enqueue(encoder.encode(prefix));
          controller.close();
          return;
        }
        const lines = next.value.map(params.format === 'csv' ? toCsvLine : toNdjsonLine).join('');
        controller.enqueue(encoder.encode(prefix + lines));
      },
      async cancel() {
        await pages.return(undefined);
      },
    });
    const type = params.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson';
    return new Response(body, { headers: { 'content-type': type } });
  });
  return routes;
}

/** The request's JSON body; an unreadable one is a `400 invalid_query`. */
async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new ApiError(400, 'invalid_query', '(body): expected a JSON object');
  }
}
