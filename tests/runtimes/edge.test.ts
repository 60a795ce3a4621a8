import { createClient, type Client } from '@libsql/client';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../../collector/db/migrate';
import { openDatabase } from '../../collector/db/open-database';
import { freePort, spawnProcess, waitForHttp, type Spawned } from '../helpers/processes';
import { ensureRuntimes } from '../helpers/runtimes';
import { startSqld, type RunningSqld } from '../helpers/sqld';

const root = fileURLToPath(new URL('../../', import.meta.url));
const serveEdge = 'tests/runtimes/serve-edge.ts';

type Launch = (port: number, databaseUrl: string) => Spawned;

/** How each runtime serves collector/edge.ts, unchanged. */
const runtimes: Record<string, Launch> = {
  bun: (port, databaseUrl) => spawnProcess(ensureRuntimes().bun, [serveEdge], { PORT: String(port), FOOTFALL_DB_URL: databaseUrl }, root),
  deno: (port, databaseUrl) =>
    spawnProcess(
      ensureRuntimes().deno,
      // Sloppy imports: the collector's relative imports carry no file extension.
      ['run', '--allow-env', '--allow-net', '--allow-read', '--unstable-sloppy-imports', serveEdge],
      { PORT: String(port), FOOTFALL_DB_URL: databaseUrl },
      root,
    ),
  workerd: (port, databaseUrl) =>
    spawnProcess(
      ensureRuntimes().wrangler,
      ['dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--var', `FOOTFALL_DB_URL:${databaseUrl}`, '--config', 'tests/runtimes/workerd/wrangler.toml'],
      // Keep wrangler off the network: no metrics, no Request.cf download.
      { CI: 'true', WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
      root,
    ),
};

describe('the edge entry on Bun, Deno and workerd against one libSQL server', () => {
  let sqld: RunningSqld;
  let db: Client;
  beforeAll(async () => {
    ensureRuntimes();
    sqld = await startSqld();
    const database = await openDatabase({ url: sqld.url });
    await migrateDatabase(database.db);
    database.client.close();
    db = createClient({ url: sqld.url });
  });
  afterAll(async () => {
    db?.close();
    await sqld?.stop();
  });

  for (const [name, launch] of Object.entries(runtimes)) {
    it(`${name}: healthy, ingests, dedupes and quarantines`, async () => {
      const port = await freePort();
      const server = launch(port, sqld.url);
      const url = `http://127.0.0.1:${port}`;
      try {
        await waitForHttp(`${url}/healthz`, 90_000, server.child).catch((error) => {
          throw new Error(`${String(error)}\n${server.output()}`);
        });
        const send = async (batch: unknown[]) => {
          const response = await fetch(`${url}/v1/batch`, {
            method: 'POST',
            headers: { 'content-type': 'text/plain' },
            body: JSON.stringify({ writeKey: 'dev_write_key', batch }),
          });
          return [response.status, await response.json()];
        };
        const own = { type: 'track', messageId: `${name}-1`, anonymousId: name, event: 'Edge Smoke' };
        // `shared` reaches every runtime: one row in all.
        const shared = { type: 'track', messageId: 'shared-1', anonymousId: 'all', event: 'Edge Smoke' };
        const invalid = { type: 'track', messageId: `${name}-bad`, anonymousId: name };
        const first = await send([own, shared, invalid]);
        expect(first[0]).toBe(200);
        expect((first[1] as { rejected: unknown[] }).rejected).toEqual([
          { index: 2, messageId: `${name}-bad`, errors: ['event: required for track'] },
        ]);
        expect(await send([own])).toEqual([200, { success: true, accepted: 0, duplicates: 1, rejected: [] }]);
        const rows = await db.execute({ sql: 'select count(*) as n from events where message_id in (?, ?)', args: [own.messageId, 'shared-1'] });
        expect(rows.rows[0]!.n).toBe(2);
      } finally {
        await server.stop();
      }
    });
  }

  it('stored the event every runtime received exactly once', async () => {
    const rows = await db.execute("select message_id from events order by message_id");
    expect(rows.rows.map((r) => r.message_id)).toEqual(['bun-1', 'deno-1', 'shared-1', 'workerd-1']);
    const quarantined = await db.execute('select message_id from quarantine order by message_id');
    expect(quarantined.rows.map((r) => r.message_id)).toEqual(['bun-bad', 'deno-bad', 'workerd-bad']);
  });
});
