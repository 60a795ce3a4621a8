// `npm run bench:ingest`: ingestion throughput, latency and memory of the collector
// on 127.0.0.1, beside the raw @libsql/client insert rate of the same rows.
import { createClient } from '@libsql/client';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase } from '../collector/db/migrate';
import { openDatabase } from '../collector/db/open-database';
import { startCollectorProcess } from '../tests/helpers/collector-process';
import { startSqld } from '../tests/helpers/sqld';
import { postBatches } from './lib/load';
import { peakRssMb } from './lib/peak-rss';
import { rawInsertRate } from './lib/raw-insert';
import { printTable, type BenchRow } from './lib/report';

const BATCH = 50;
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const CONNECTIONS = 16;
/** Rate limits would throttle a load generator on one address: off for the bench. */
const UNLIMITED = { FOOTFALL_RATE_LIMIT_PER_CLIENT: 'off', FOOTFALL_RATE_LIMIT_PER_KEY: 'off' };

export async function benchIngest(): Promise<boolean> {
  const folder = await mkdtemp(join(tmpdir(), 'footfall-bench-'));
  try {
    const rows: BenchRow[] = [];
    rows.push(...(await embedded(folder)));
    rows.push(...(await onSqld()));
    return printTable(`Ingestion: ${BATCH}-event batches of fresh events to /v1/batch, durable acks (${SECONDS} s per run, 127.0.0.1)`, rows);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function embedded(folder: string): Promise<BenchRow[]> {
  const collector = await startCollectorProcess({ FOOTFALL_DB_URL: `file:${join(folder, 'collector.db')}`, ...UNLIMITED });
  let flat, steady, rss;
  try {
    flat = await postBatches({ urls: [collector.url], batchSize: BATCH, connections: CONNECTIONS, seconds: SECONDS });
    steady = await postBatches({ urls: [collector.url], batchSize: BATCH, connections: CONNECTIONS, seconds: SECONDS, requestsPerSecond: 10_000 / BATCH });
    rss = peakRssMb(collector.child.pid!);
  } finally {
    await collector.stop();
  }
  const raw = await rawBaseline(join(folder, 'raw.db'));
  return [
    { figure: 'embedded file: events/s (max)', value: flat.eventsPerSecond, unit: 'ev/s', target: { op: '>=', value: 15_000 } },
    { figure: 'embedded file: p50 latency (max load)', value: flat.p50Ms, unit: 'ms' },
    { figure: 'embedded file: p99 latency (max load)', value: flat.p99Ms, unit: 'ms' },
    { figure: 'embedded file: p99 latency at 10,000 ev/s', value: steady.p99Ms, unit: 'ms', target: { op: '<=', value: 100 } },
    { figure: 'embedded file: failed requests', value: flat.failures + steady.failures, unit: '', target: { op: '<=', value: 0 } },
    { figure: 'collector peak RSS', value: rss, unit: 'MB', target: { op: '<=', value: 150 } },
    { figure: 'raw @libsql/client insert of the same rows', value: raw, unit: 'ev/s' },
    { figure: 'ratio collector / raw insert', value: flat.eventsPerSecond / raw, unit: '×', target: { op: '>=', value: 0.9 } },
  ];
}

async function rawBaseline(file: string): Promise<number> {
  const database = await openDatabase({ url: `file:${file}` });
  await migrateDatabase(database.db);
  database.client.close();
  const client = createClient({ url: `file:${file}` });
  try {
    return await rawInsertRate(client, BATCH, SECONDS);
  } finally {
    client.close();
  }
}

async function onSqld(): Promise<BenchRow[]> {
  const sqld = await startSqld();
  try {
    const env = { FOOTFALL_DB_URL: sqld.url, ...UNLIMITED };
    const one = await startCollectorProcess(env);
    const single = await postBatches({ urls: [one.url], batchSize: BATCH, connections: CONNECTIONS, seconds: SECONDS }).finally(() => one.stop());
    const pair = await Promise.all([startCollectorProcess(env), startCollectorProcess(env)]);
    const double = await postBatches({ urls: pair.map((c) => c.url), batchSize: BATCH, connections: CONNECTIONS, seconds: SECONDS }).finally(() =>
      Promise.all(pair.map((c) => c.stop())),
    );
    return [
      { figure: 'sqld, one collector: events/s', value: single.eventsPerSecond, unit: 'ev/s' },
      { figure: 'sqld, one collector: p99 latency', value: single.p99Ms, unit: 'ms' },
      { figure: 'sqld, two collectors: events/s', value: double.eventsPerSecond, unit: 'ev/s' },
      { figure: 'sqld, two collectors: p99 latency', value: double.p99Ms, unit: 'ms' },
      { figure: 'sqld: failed requests', value: single.failures + double.failures, unit: '', target: { op: '<=', value: 0 } },
    ];
  } finally {
    await sqld.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchIngest().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
