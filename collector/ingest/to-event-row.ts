import type { NewEventRow } from '../db/schema';
import type { ValidEvent } from './event-schema';
import { storedEventTime } from './event-time';

/** What a request contributes to each of its events. */
export interface RequestContext {
  writeKey: string;
  receivedAt: number;
  /** The batch's `sentAt`, used when an event has none of its own. */
  sentAt?: string | undefined;
  /** Makes a messageId for an event sent without one (time-ordered, for the index). */
  newMessageId: () => string;
}

/**
 * Turns a validated event (context already merged) into its `events` row: the whole
 * payload as JSON plus the real columns that reports filter and group on.
 */
export function toEventRow(event: ValidEvent, request: RequestContext): NewEventRow {
  const context = event.context;
  const page = objectAt(context, 'page');
  const campaign = objectAt(context, 'campaign');
  const sentAt = event.sentAt ?? request.sentAt;
  return {
    writeKey: request.writeKey,
    messageId: event.messageId ?? request.newMessageId(),
    type: event.type,
    event: event.type === 'track' ? (event.event ?? null) : null,
    name: event.name ?? null,
    anonymousId: event.anonymousId ?? null,
    userId: event.userId ?? null,
    previousId: event.previousId ?? null,
    groupId: event.groupId ?? null,
    timestamp: storedEventTime({ timestamp: event.timestamp, sentAt, receivedAt: request.receivedAt }),
    originalTimestamp: event.timestamp ?? null,
    sentAt: sentAt ?? null,
    receivedAt: request.receivedAt,
    properties: event.properties ?? null,
    traits: event.traits ?? null,
    context: context ?? null,
    pagePath: stringAt(page, 'path') ?? stringAt(event.properties, 'path'),
    campaignSource: stringAt(campaign, 'source'),
    campaignMedium: stringAt(campaign, 'medium'),
    campaignName: stringAt(campaign, 'name'),
    channel: stringAt(context, 'channel'),
    sessionId: stringAt(context, 'sessionId'),
  };
}

function objectAt(source: Record<string, unknown> | undefined, key: string): Record<string, unknown> | undefined {
  const value = source && Object.hasOwn(source, key) ? source[key] : undefined;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A string (or number, as string) field, capped so one column cannot bloat an index. */
function stringAt(source: Record<string, unknown> | undefined, key: string): string | null {
  const value = source && Object.hasOwn(source, key) ? source[key] : undefined;
  if (typeof value === 'string' && value !== '') return value.slice(0, 1024);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}
