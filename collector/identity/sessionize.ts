/** Session rules of CONTRACT §3: 30 minutes of inactivity, 24 hours at most. */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_MAX_MS = 24 * 3_600_000;

/** The fields of an event that decide where sessions split. */
export interface SessionEvent {
  timestamp: number;
  channel: string | null;
  campaignSource: string | null;
  campaignMedium: string | null;
  campaignName: string | null;
}

/** One session: the span of a run of consecutive events of one person. */
export interface SessionSpan {
  start: number;
  end: number;
  eventCount: number;
  /** Index of the session's first event in the input. */
  firstIndex: number;
  channel: string | null;
  campaignSource: string | null;
  campaignMedium: string | null;
  campaignName: string | null;
}

/**
 * Whether `event` opens a new session after `session`. Inactivity and length are
 * strict ("after 30 minutes"): a gap of exactly 30 minutes stays in the session.
 * A campaign source only splits when the event *carries* one that differs from the
 * session's: a later event without UTM tags is the same visit continuing.
 *
 * @param lastTimestamp stored time of the session's latest event so far
 * @example
 * startsNewSession(session, session.end, { ...event, timestamp: session.end + 31 * 60_000 }) // true
 */
export function startsNewSession(session: SessionSpan, lastTimestamp: number, event: SessionEvent): boolean {
  if (event.timestamp - lastTimestamp > SESSION_IDLE_MS) return true;
  if (event.timestamp - session.start > SESSION_MAX_MS) return true;
  return event.campaignSource !== null && event.campaignSource !== session.campaignSource;
}

/**
 * Splits one person's events, already ordered by (stored time, id), into sessions.
 * The same function runs at ingest (to keep the `sessions` table) and in the
 * journey query, so both always agree.
 *
 * @param events one person's non-bot events in (timestamp, id) order
 * @example
 * sessionize([{ timestamp: 0, channel: null, campaignSource: null, campaignMedium: null, campaignName: null }])
 * // → [{ start: 0, end: 0, eventCount: 1, firstIndex: 0, ... }]
 */
export function sessionize(events: readonly SessionEvent[]): SessionSpan[] {
  const spans: SessionSpan[] = [];
  let current: SessionSpan | undefined;
  events.forEach((event, index) => {
    if (!current || startsNewSession(current, current.end, event)) {
      current = {
        start: event.timestamp,
        end: event.timestamp,
        eventCount: 0,
        firstIndex: index,
        channel: event.channel,
        campaignSource: event.campaignSource,
        campaignMedium: event.campaignMedium,
        campaignName: event.campaignName,
      };
      spans.push(current);
    }
    current.end = event.timestamp;
    current.eventCount += 1;
  });
  return spans;
}
