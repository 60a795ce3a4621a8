import { and, asc, gt, gte, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/open-database';
import { events, type EventRow } from '../db/schema';
import { rangeFields, rangeOf } from './query-input';

/** `GET /v1/export` query string. */
export const exportSchema = z.object({
  ...rangeFields,
  format: z.enum(['ndjson', 'csv']).default('ndjson'),
});

export type ExportParams = z.output<typeof exportSchema>;

/** The exported fields, in CSV column order. The write key is never exported. */
export const EXPORT_COLUMNS = [
  'id', 'personId', 'messageId', 'type', 'event', 'name', 'anonymousId', 'userId', 'previousId', 'groupId',
  'timestamp', 'receivedAt', 'originalTimestamp', 'sentAt', 'channel', 'campaignSource', 'campaignMedium',
  'campaignName', 'pagePath', 'sessionId', 'ip', 'bot', 'properties', 'traits', 'context',
] as const;

export type ExportedEvent = Record<(typeof EXPORT_COLUMNS)[number], unknown>;

const PAGE_ROWS = 2_000;

/**
 * Every stored event in `[from, to)` (bots included, flagged), in storage order,
 * read a page at a time so that memory stays flat however large the table: the
 * stored (skew-corrected) time and the person each event belongs to included.
 *
 * @example
 * for await (const page of exportPages(db, { format: 'ndjson' })) write(page);
 */
export async function* exportPages(db: Database, params: ExportParams): AsyncGenerator<ExportedEvent[]> {
  const { from, to } = rangeOf(params);
  let after = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(events)
      .where(and(gt(events.id, after), gte(events.timestamp, from), lt(events.timestamp, to)))
      .orderBy(asc(events.id))
      .limit(PAGE_ROWS);
    if (rows.length === 0) return;
    yield rows.map(exported);
    after = (rows[rows.length - 1] as EventRow).id;
  }
}

function exported(row: EventRow): ExportedEvent {
  const { writeKey: _secret, ...rest } = row;
  return {
    ...rest,
    timestamp: new Date(row.timestamp).toISOString(),
    receivedAt: new Date(row.receivedAt).toISOString(),
  };
}

/** One event as an NDJSON line. */
export function toNdjsonLine(event: ExportedEvent): string {
  return `${JSON.stringify(event, EXPORT_COLUMNS as unknown as string[])}\n`;
}

/** The CSV header line. */
export function csvHeader(): string {
  return `${EXPORT_COLUMNS.join(',')}\n`;
}

/** One event as a CSV line (RFC 4180 quoting; JSON fields as JSON text). */
export function toCsvLine(event: ExportedEvent): string {
  return `${EXPORT_COLUMNS.map((column) => csvField(event[column])).join(',')}\n`;
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
