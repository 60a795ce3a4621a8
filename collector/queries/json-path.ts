import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { events } from '../db/schema';

/** The JSON columns a report may look into. */
const ROOTS = { properties: events.properties, context: events.context, traits: events.traits } as const;

/** Fields copied into real columns at ingest: read them without `json_extract`. */
const COLUMNS: Record<string, SQL> = {
  'context.campaign.source': sql`${events.campaignSource}`,
  'context.campaign.medium': sql`${events.campaignMedium}`,
  'context.campaign.name': sql`${events.campaignName}`,
  'context.channel': sql`${events.channel}`,
};

/** A field path such as `properties.category` or `context.campaign.source`. */
export const fieldPath = z
  .string()
  .regex(/^(properties|context|traits)(\.[^."\\]+)+$/, 'expected a path like "properties.category" or "context.campaign.source"');

/**
 * The SQL reading a field path of an event: its real column when ingest copied one,
 * else `json_extract` with the JSON path *bound* as a parameter.
 *
 * @param path a path accepted by {@link fieldPath}
 * @example
 * db.select({ category: fieldSql('properties.category') }).from(events)
 */
export function fieldSql(path: string): SQL {
  const column = COLUMNS[path];
  if (column) return column;
  const [root, ...rest] = path.split('.');
  const jsonPath = `$${rest.map((segment) => `."${segment}"`).join('')}`;
  return sql`json_extract(${ROOTS[root as keyof typeof ROOTS]}, ${jsonPath})`;
}

/**
 * The SQL testing a field path against a JSON scalar (`null` = absent or null).
 *
 * @example
 * fieldEquals('properties.category', 'shoes')
 */
export function fieldEquals(path: string, value: string | number | boolean | null): SQL {
  const field = fieldSql(path);
  if (value === null) return sql`${field} is null`;
  // json_extract gives JSON true/false as 1/0.
  return sql`${field} = ${typeof value === 'boolean' ? Number(value) : value}`;
}
