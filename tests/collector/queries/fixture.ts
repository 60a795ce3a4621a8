import { createTestApp, type TestApp } from '../../helpers/test-app';
import { ingest } from './ingest-helpers';
import { generateEvents, shuffled } from './seeded-events';
import { expectedPersons, storedEvents, type StoredEvent } from './stored-rows';

/** A collector holding seeded traffic, and the stored rows with each one's person (computed independently). */
export interface Fixture {
  t: TestApp;
  rows: StoredEvent[];
  /** Canonical person key per event id (from the test's own union-find). */
  personOf: Map<number, string>;
  /** Non-bot rows grouped by person key, each in (timestamp, id) order. */
  byPerson: Map<string, StoredEvent[]>;
}

/** Generates, ingests out of order, and reads back. */
export async function loadFixture(seed: number, visitors: number): Promise<Fixture> {
  const t = await createTestApp();
  await ingest(t.app, shuffled(generateEvents(seed, visitors), seed + 1), 150);
  const rows = await storedEvents(t.database.client);
  const personOf = expectedPersons(rows);
  const byPerson = new Map<string, StoredEvent[]>();
  for (const row of rows) {
    if (row.bot) continue;
    const key = personOf.get(row.id) as string;
    byPerson.set(key, [...(byPerson.get(key) ?? []), row]);
  }
  return { t, rows, personOf, byPerson };
}

/** Sends a report request with the development read key. */
export async function ask(t: TestApp, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, key = 'dev_read_key') {
  const response = await t.app.request(path, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, body: json, text, headers: response.headers };
}
