import type { Client } from '@libsql/client';

/** An events row as the tests' independent computations see it. */
export interface StoredEvent {
  id: number;
  personId: number;
  type: string;
  event: string | null;
  anonymousId: string | null;
  userId: string | null;
  previousId: string | null;
  timestamp: number;
  properties: Record<string, unknown> | null;
  context: Record<string, unknown> | null;
  campaignSource: string | null;
  campaignMedium: string | null;
  campaignName: string | null;
  pagePath: string | null;
  channel: string | null;
  bot: boolean;
}

/** Every stored event, in (timestamp, id) order. */
export async function storedEvents(client: Client): Promise<StoredEvent[]> {
  const result = await client.execute('select * from events order by timestamp, id');
  return result.rows.map((row) => ({
    id: Number(row['id']),
    personId: Number(row['person_id']),
    type: String(row['type']),
    event: (row['event'] as string | null) ?? null,
    anonymousId: (row['anonymous_id'] as string | null) ?? null,
    userId: (row['user_id'] as string | null) ?? null,
    previousId: (row['previous_id'] as string | null) ?? null,
    timestamp: Number(row['timestamp']),
    properties: row['properties'] ? JSON.parse(String(row['properties'])) : null,
    context: row['context'] ? JSON.parse(String(row['context'])) : null,
    campaignSource: (row['campaign_source'] as string | null) ?? null,
    campaignMedium: (row['campaign_medium'] as string | null) ?? null,
    campaignName: (row['campaign_name'] as string | null) ?? null,
    pagePath: (row['page_path'] as string | null) ?? null,
    channel: (row['channel'] as string | null) ?? null,
    bot: Number(row['bot']) === 1,
  }));
}

/**
 * Persons computed straight from the events: ids that ever appear on one event are
 * one person. Returns a canonical key (smallest id) per event id.
 */
export function expectedPersons(events: readonly StoredEvent[]): Map<number, string> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    while (parent.has(x) && parent.get(x) !== x) x = parent.get(x) as string;
    return x;
  };
  for (const e of events) {
    const ids = [e.anonymousId, e.userId, e.previousId].filter((id): id is string => !!id);
    for (const id of ids) {
      const a = find(ids[0] as string);
      const b = find(id);
      if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
    }
  }
  const out = new Map<number, string>();
  for (const e of events) out.set(e.id, find((e.anonymousId ?? e.userId) as string));
  return out;
}
