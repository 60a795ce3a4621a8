import type { Hono } from 'hono';
import { basicAuth, postJson } from '../../helpers/test-app';
import type { RawEvent } from './seeded-events';

/** Sends events through the real ingest route in batches of `size`. */
export async function ingest(app: Hono, events: readonly RawEvent[], size = 200): Promise<void> {
  for (let start = 0; start < events.length; start += size) {
    const response = await postJson(app, '/v1/batch', { batch: events.slice(start, start + size) }, { authorization: basicAuth('dev_write_key') });
    if (response.status !== 200 || response.body.rejected.length > 0) throw new Error(`ingest failed: ${JSON.stringify(response.body)}`);
  }
}
