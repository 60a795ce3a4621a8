import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db/open-database';
import { events, sessions } from '../db/schema';
import { sessionize } from '../identity/sessionize';
import { findPerson } from './find-person';

/** One event as a journey shows it. */
export interface JourneyEvent {
  messageId: string;
  type: string;
  event: string | null;
  name: string | null;
  /** Stored (skew-corrected) time, ISO-8601. */
  timestamp: string;
  properties: Record<string, unknown> | null;
  context: Record<string, unknown> | null;
}

/** One session of a journey. */
export interface JourneySession {
  /** The `sessions` row's id (stable until a late event or merge reshapes the session). */
  id: number | null;
  start: string;
  end: string;
  channel: string | null;
  campaign: { source: string; medium: string | null; name: string | null } | null;
  events: JourneyEvent[];
}

/** `GET /v1/people/:id/journey` (CONTRACT §3). */
export interface JourneyResult {
  person: { userIds: string[]; anonymousIds: string[]; traits: Record<string, unknown> };
  sessions: JourneySession[];
}

/**
 * A person's whole journey, on every device and channel, split into sessions.
 * Traits are the person's identify traits merged in time order (later wins). Bot
 * events are left out, as in every report.
 *
 * @param id any userId or anonymousId of the person
 * @returns undefined when no one has used `id`
 * @example
 * const journey = await journeyOf(db, 'user-42');
 */
export async function journeyOf(db: Database, id: string): Promise<JourneyResult | undefined> {
  const person = await findPerson(db, id);
  if (!person) return undefined;
  // Only the columns the answer and sessionize read: the wide rows' other fields
  // (ids, ip, raw times) cost a decode each and are not shown.
  const rows = await db
    .select({
      id: events.id,
      messageId: events.messageId,
      type: events.type,
      event: events.event,
      name: events.name,
      timestamp: events.timestamp,
      properties: events.properties,
      traits: events.traits,
      context: events.context,
      channel: events.channel,
      campaignSource: events.campaignSource,
      campaignMedium: events.campaignMedium,
      campaignName: events.campaignName,
    })
    .from(events)
    .where(and(eq(events.personId, person.personId), eq(events.bot, false)))
    .orderBy(asc(events.timestamp), asc(events.id));
  const stored = await db.select({ id: sessions.id, start: sessions.start }).from(sessions).where(eq(sessions.personId, person.personId));
  const idOfStart = new Map(stored.map((row) => [row.start, row.id]));
  // Spread, not Object.assign: a client's `__proto__` trait stays plain data.
  let traits: Record<string, unknown> = {};
  for (const row of rows) if (row.type === 'identify' && row.traits) traits = { ...traits, ...row.traits };
  const spans = sessionize(rows);
  return {
    person: { userIds: person.userIds, anonymousIds: person.anonymousIds, traits },
    sessions: spans.map((span) => ({
      id: idOfStart.get(span.start) ?? null,
      start: new Date(span.start).toISOString(),
      end: new Date(span.end).toISOString(),
      channel: span.channel,
      campaign: span.campaignSource === null ? null : { source: span.campaignSource, medium: span.campaignMedium, name: span.campaignName },
      events: rows.slice(span.firstIndex, span.firstIndex + span.eventCount).map((row) => ({
        messageId: row.messageId,
        type: row.type,
        event: row.event,
        name: row.name,
        timestamp: new Date(row.timestamp).toISOString(),
        properties: row.properties,
        context: row.context,
      })),
    })),
  };
}
