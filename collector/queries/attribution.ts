import { and, asc, eq, gte, inArray, isNotNull, lt, lte } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/open-database';
import { events } from '../db/schema';
import { ATTRIBUTION_MODELS, creditShares, type Touch } from './attribution-models';
import { durationField, rangeFields, rangeOf } from './query-input';

/** `POST /v1/query/attribution` body (CONTRACT §3). */
export const attributionSchema = z.object({
  conversion: z.string().min(1).default('Order Completed'),
  model: z.enum(ATTRIBUTION_MODELS).default('last_touch'),
  lookback: durationField.default(30 * 86_400_000),
  by: z.enum(['source', 'source_medium', 'campaign']).default('source'),
  ...rangeFields,
});

export type AttributionParams = z.output<typeof attributionSchema>;

/** One credited key. */
export interface AttributionRow {
  key: string;
  /** Sum of the shares the key received (fractional for multi-touch models). */
  conversions: number;
  revenue: number;
}

/** `POST /v1/query/attribution` answer: rows by conversions, then key. */
export interface AttributionResult {
  rows: AttributionRow[];
}

const PERSONS_PER_QUERY = 500;

/**
 * Credits each conversion in `[from, to)` to the person's campaign touches at or
 * before it and within the (inclusive) lookback, by the chosen model. Revenue is
 * `properties.revenue`, else `properties.total`, else 0, split in the same shares.
 * Sums are rounded to 1e-9 so that float noise never shows.
 *
 * @example
 * await attribution(db, attributionSchema.parse({ model: 'linear', lookback: '30d', by: 'source' }))
 */
export async function attribution(db: Database, params: AttributionParams): Promise<AttributionResult> {
  const { from, to } = rangeOf(params);
  const conversions = await db
    .select({ personId: events.personId, timestamp: events.timestamp, properties: events.properties })
    .from(events)
    .where(and(eq(events.event, params.conversion), gte(events.timestamp, from), lt(events.timestamp, to), eq(events.bot, false), isNotNull(events.personId)))
    .orderBy(asc(events.personId), asc(events.timestamp), asc(events.id));
  const touchesOf = await touchesByPerson(db, [...new Set(conversions.map((row) => row.personId as number))], from - params.lookback, to);
  const totals = new Map<string, { conversions: number; revenue: number }>();
  for (const conversion of conversions) {
    const touches = (touchesOf.get(conversion.personId as number) ?? []).filter(
      (touch) => touch.timestamp <= conversion.timestamp && touch.timestamp >= conversion.timestamp - params.lookback,
    );
    const revenue = revenueOf(conversion.properties);
    for (const [key, share] of creditShares(params.model, touches.map((touch) => ({ ...touch, key: keyOf(touch, params.by) })), conversion.timestamp)) {
      const total = totals.get(key) ?? { conversions: 0, revenue: 0 };
      total.conversions += share;
      total.revenue += share * revenue;
      totals.set(key, total);
    }
  }
  return {
    rows: [...totals]
      .map(([key, total]) => ({ key, conversions: round(total.conversions), revenue: round(total.revenue) }))
      .sort((a, b) => b.conversions - a.conversions || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  };
}

interface StoredTouch extends Omit<Touch, 'key'> {
  medium: string | null;
  name: string | null;
}

async function touchesByPerson(db: Database, persons: number[], from: number, to: number): Promise<Map<number, StoredTouch[]>> {
  const out = new Map<number, StoredTouch[]>();
  for (let start = 0; start < persons.length; start += PERSONS_PER_QUERY) {
    const rows = await db
      .select({ personId: events.personId, timestamp: events.timestamp, source: events.campaignSource, medium: events.campaignMedium, name: events.campaignName })
      .from(events)
      .where(
        and(
          inArray(events.personId, persons.slice(start, start + PERSONS_PER_QUERY)),
          gte(events.timestamp, from),
          lte(events.timestamp, to),
          isNotNull(events.campaignSource),
          eq(events.bot, false),
        ),
      )
      .orderBy(asc(events.personId), asc(events.timestamp), asc(events.id));
    for (const row of rows) {
      const touch = { timestamp: row.timestamp, source: row.source as string, medium: row.medium, name: row.name };
      const list = out.get(row.personId as number);
      if (list) list.push(touch);
      else out.set(row.personId as number, [touch]);
    }
  }
  return out;
}

function keyOf(touch: StoredTouch, by: AttributionParams['by']): string {
  if (by === 'source') return touch.source;
  if (by === 'campaign') return touch.name ?? '(none)';
  return `${touch.source} / ${touch.medium ?? '(none)'}`;
}

/** `properties.revenue`, else `properties.total`, else 0 (numbers or numeric strings). */
export function revenueOf(properties: Record<string, unknown> | null): number {
  for (const field of ['revenue', 'total']) {
    const value = properties && Object.hasOwn(properties, field) ? properties[field] : undefined;
    const amount = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof amount === 'number' && Number.isFinite(amount)) return amount;
  }
  return 0;
}

function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
