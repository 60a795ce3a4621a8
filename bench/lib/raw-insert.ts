import type { Client } from '@libsql/client';
import { toEventRow } from '../../collector/ingest/to-event-row';
import type { ValidEvent } from '../../collector/ingest/event-schema';
import { uuidv7 } from '../../sdk/uuidv7';
import { freshBatch } from './event-batches';

const COLUMNS = [
  'write_key', 'message_id', 'type', 'event', 'name', 'anonymous_id', 'user_id', 'previous_id', 'group_id', 'timestamp',
  'original_timestamp', 'sent_at', 'received_at', 'properties', 'traits', 'context', 'page_path', 'campaign_source',
  'campaign_medium', 'campaign_name', 'channel', 'session_id', 'ip', 'bot',
] as const;

/**
 * The physical baseline: the same rows the collector would store, inserted with
 * plain @libsql/client statements, one transaction per batch (as durable as the
 * collector's answer), for `seconds`.
 *
 * @returns events inserted per second.
 */
export async function rawInsertRate(client: Client, batchSize: number, seconds: number): Promise<number> {
  const placeholders = `(${COLUMNS.map(() => '?').join(', ')})`;
  const sql = `insert into events (${COLUMNS.join(', ')}) values ${Array(batchSize).fill(placeholders).join(', ')} on conflict do nothing`;
  const request = { writeKey: 'dev_write_key', receivedAt: Date.now(), newMessageId: uuidv7, ipPolicy: 'truncate' as const, clientIp: '127.0.0.0' };
  const started = performance.now();
  let inserted = 0;
  while (performance.now() - started < seconds * 1000) {
    const args = freshBatch(batchSize).flatMap((event) => {
      const row = toEventRow(event as unknown as ValidEvent, { ...request, receivedAt: Date.now() }) as Record<string, unknown>;
      return COLUMNS.map((column) => toArg(row[camel(column)]));
    });
    await client.batch([{ sql, args }], 'write');
    inserted += batchSize;
  }
  return inserted / ((performance.now() - started) / 1000);
}

function camel(column: string): string {
  return column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function toArg(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'object') return JSON.stringify(value);
  return value as string | number;
}
