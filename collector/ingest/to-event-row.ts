import type { NewEventRow } from '../db/schema';
import { isBotUserAgent } from '../privacy/detect-bot';
import { applyIpPolicy, type IpPolicy } from '../privacy/truncate-ip';
import type { ValidEvent } from './event-schema';
import { revenueOf } from './event-revenue';
import { storedEventTime } from './event-time';

/** What a request contributes to each of its events. */
export interface RequestContext {
  writeKey: string;
  receivedAt: number;
  /** The batch's `sentAt`, used when an event has none of its own. */
  sentAt?: string | undefined;
  /** Makes a messageId for an event sent without one (time-ordered, for the index). */
  newMessageId: () => string;
  /** How client addresses are stored. */
  ipPolicy: IpPolicy;
  /** The connection's client address, the policy already applied. */
  clientIp: string | null;
  /** The request's User-Agent when a browser sent it (it has an Origin), for the bot flag. */
  browserUserAgent?: string | undefined;
}

/**
 * Turns a validated event (context already merged) into its `events` row: the whole
 * payload as JSON plus the real columns that reports filter and group on.
 */
export function toEventRow(event: ValidEvent, request: RequestContext): NewEventRow {
  const { context, ip } = withStoredIp(event.context, request);
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
    // Kept as a column so that attribution sums it from an index, not from JSON.
    revenue: event.type === 'track' ? revenueOf(event.properties) : null,
    sessionId: stringAt(context, 'sessionId'),
    ip,
    bot: isBotUserAgent(stringAt(context, 'userAgent') ?? request.browserUserAgent),
  };
}

/**
 * The address to store: `context.ip` when a server library reports the end user's
 * address (Segment's convention), else the connection's. The policy is applied to
 * the column *and* to the stored context, so a full address is never kept.
 */
function withStoredIp(
  context: Record<string, unknown> | undefined,
  request: RequestContext,
): { context: Record<string, unknown> | undefined; ip: string | null } {
  if (!context || !Object.hasOwn(context, 'ip')) return { context, ip: request.clientIp };
  const reported = context['ip'];
  const ip = typeof reported === 'string' ? applyIpPolicy(reported, request.ipPolicy) : null;
  const { ip: _dropped, ...rest } = context;
  return { context: ip === null ? rest : { ...rest, ip }, ip: ip ?? request.clientIp };
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
