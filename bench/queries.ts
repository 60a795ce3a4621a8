// `npm run bench:queries`: analyst queries over a generated shop (default 5,000,000
// events, ~200,000 visitors) loaded through the storage layer, each query's median
// of 5 beside its target, and the ingest cost of keeping persons and sessions.
// BENCH_EVENTS scales it down (e.g. BENCH_EVENTS=200000 for a quick look).
import { sql } from 'drizzle-orm';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase } from '../collector/db/migrate';
import { openDatabase, type Database } from '../collector/db/open-database';
import { events } from '../collector/db/schema';
import type { Submission } from '../collector/ingest/group-commit';
import { ingestEvents } from '../collector/ingest/ingest-events';
import { storeEvents } from '../collector/ingest/store-events';
import { toEventRow, type RequestContext } from '../collector/ingest/to-event-row';
import { validateEvent } from '../collector/ingest/validate-event';
import { abandonedCartsJson, abandonedCartsSchema } from '../collector/queries/abandoned-carts';
import { attribution, attributionSchema } from '../collector/queries/attribution';
import { funnel, funnelSchema } from '../collector/queries/funnel';
import { journeyOf } from '../collector/queries/journey';
import { overview, overviewSchema } from '../collector/queries/overview';
import { refreshOverviewRollups } from '../collector/rollups/overview-rollup';
import { paths, pathsSchema } from '../collector/queries/paths';
import { peopleSearchSchema, searchPeople } from '../collector/queries/people-search';
import { printTable, type BenchRow } from './lib/report';
import { DAYS, START, shopTraffic } from './lib/shop-traffic';

const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 5_000_000);
/** The generator makes about 25 events per visitor. */
const VISITORS = Math.round(EVENTS / 25);
/**
 * Events per storeEvents transaction while loading: group commit's own cap
 * (`maxRows`), i.e. what one commit holds under load. Measured at 5M: 2,000-event
 * batches load at ~9,500 ev/s, 5,000-event ones at ~15,000 ev/s (≈6 minutes).
 */
const BATCH = 5_000;
const INGEST_SAMPLE_VISITORS = Math.min(VISITORS, 8_000);

const request = (): RequestContext => ({
  writeKey: 'bench', receivedAt: Date.now(), newMessageId: () => crypto.randomUUID(), ipPolicy: 'truncate', clientIp: null,
});

/** Stores each batch in its own transaction, as one request would without group commit. */
function storeInto(db: Database) {
  return (submission: Submission) => storeEvents(db, submission.rows, submission.rejected).then((inserted) => inserted.size);
}

async function freshDatabase(folder: string, name: string): Promise<{ db: Database; close(): void }> {
  const { db, client } = await openDatabase({ url: `file:${join(folder, name)}` });
  await migrateDatabase(db);
  return { db, close: () => client.close() };
}

/** Events/s through ingestEvents (derived tables kept) and through a plain insert of the same rows. */
async function ingestCost(folder: string): Promise<BenchRow[]> {
  const full = await freshDatabase(folder, 'ingest-full.db');
  let count = 0;
  let started = performance.now();
  for (const batch of shopTraffic(7, INGEST_SAMPLE_VISITORS, 500)) count += (await ingestEvents(storeInto(full.db), batch, request())).accepted;
  const withDerived = count / ((performance.now() - started) / 1000);
  full.close();
  const plain = await freshDatabase(folder, 'ingest-plain.db');
  started = performance.now();
  for (const batch of shopTraffic(7, INGEST_SAMPLE_VISITORS, 500)) {
    const rows = batch.map((raw) => {
      const verdict = validateEvent(raw);
      if (!verdict.ok) throw new Error(verdict.errors.join('; '));
      return toEventRow(verdict.event, request());
    });
    const statements = [];
    for (let i = 0; i < rows.length; i += 400) statements.push(plain.db.insert(events).values(rows.slice(i, i + 400)).onConflictDoNothing());
    await plain.db.batch(statements as [typeof statements[number], ...typeof statements]);
  }
  const baseline = count / ((performance.now() - started) / 1000);
  plain.close();
  return [
    { figure: 'ingest with persons + sessions (500-event batches)', value: withDerived, unit: 'ev/s' },
    { figure: 'ingest, events table only (same rows)', value: baseline, unit: 'ev/s' },
    { figure: 'ingest throughput kept', value: (100 * withDerived) / baseline, unit: '%', target: { op: '>=', value: 50 } },
  ];
}

/** The last `days` days of the generated range, as the dashboard asks by default. */
function lastDays(days: number): { from: string; to: string } {
  const end = START + DAYS * 86_400_000;
  return { from: new Date(end - days * 86_400_000).toISOString(), to: new Date(end).toISOString() };
}

async function onceMs(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function medianMs(run: () => Promise<unknown>): Promise<number> {
  await run(); // warm the page cache and statement cache
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[2] as number;
}

async function main(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'footfall-bench-queries-'));
  try {
    const cost = await ingestCost(folder);
    const { db, close } = await freshDatabase(folder, 'shop.db');
    const store = storeInto(db);
    let loaded = 0;
    const started = performance.now();
    for (const batch of shopTraffic(1, VISITORS, BATCH)) {
      loaded += (await ingestEvents(store, batch, request())).accepted;
      if (process.stderr.isTTY) process.stderr.write(`\rloading: ${loaded.toLocaleString('en-US')} events`);
    }
    const loadSeconds = (performance.now() - started) / 1000;
    if (process.stderr.isTTY) process.stderr.write('\n');
    const range = { from: new Date(START).toISOString(), to: new Date(START + DAYS * 86_400_000).toISOString() };
    const steps = ['Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed'].map((event) => ({ event }));
    let journeyIndex = 0;
    // Persons that exist: a search that finds no one would be measured as too cheap.
    const users = (await db.all<{ value: string }>(sql`select value from identities where kind = 'user' order by value limit 500`)).map((row) => row.value);
    const rows: BenchRow[] = [
      { figure: 'events loaded', value: loaded, unit: '' },
      { figure: `load rate (through ingestEvents, ${BATCH.toLocaleString('en-US')}-event batches)`, value: loaded / loadSeconds, unit: 'ev/s' },
      { figure: 'load time', value: loadSeconds, unit: 's' },
      ...cost,
      { figure: '4-step funnel, 7d window, whole range', value: await medianMs(() => funnel(db, funnelSchema.parse({ steps, window: '7d', ...range }))), unit: 'ms', target: { op: '<=', value: 250 } },
      { figure: 'journey of one person', value: await medianMs(() => journeyOf(db, `anon-${(journeyIndex++ * 7919) % VISITORS}-0`)), unit: 'ms', target: { op: '<=', value: 2 } },
      { figure: 'last-touch attribution, 30d lookback', value: await medianMs(() => attribution(db, attributionSchema.parse({ model: 'last_touch', lookback: '30d', ...range }))), unit: 'ms', target: { op: '<=', value: 150 } },
      { figure: 'abandoned carts, 24h idle (JSON text, as the route sends it)', value: await medianMs(() => abandonedCartsJson(db, abandonedCartsSchema.parse({ idle: '24h', ...range }))), unit: 'ms', target: { op: '<=', value: 200 } },
      { figure: 'overview rollups: first count of every loaded event (once)', value: await onceMs(() => refreshOverviewRollups(db)), unit: 'ms' },
      { figure: 'dashboard overview, last 30 days (per day and top 10s)', value: await medianMs(() => overview(db, overviewSchema.parse(lastDays(30)))), unit: 'ms', target: { op: '<=', value: 1000 } },
      { figure: 'people search by email (any case)', value: await medianMs(() => searchPeople(db, peopleSearchSchema.parse({ search: `${(users[journeyIndex++ % users.length] as string).toUpperCase()}@example.com` }))), unit: 'ms', target: { op: '<=', value: 5 } },
      { figure: 'top 10 paths, depth 4, from Product Viewed', value: await medianMs(() => paths(db, pathsSchema.parse({ start: 'Product Viewed', depth: 4, limit: 10, ...range }))), unit: 'ms', target: { op: '<=', value: 100 } },
    ];
    close();
    printTable(`Analyst queries over ${loaded.toLocaleString('en-US')} events, ~${VISITORS.toLocaleString('en-US')} visitors (embedded libSQL file, median of 5)`, rows);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
