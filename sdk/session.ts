/** A session ends after this long without events (as the collector's sessions do). */
export const SESSION_IDLE_MS = 30 * 60_000;
/** …and after this long in all. */
export const SESSION_MAX_MS = 24 * 3_600_000;

/** The current visit, as kept in the state store. */
export interface SessionState {
  /** Sent as `context.sessionId`. */
  id: string;
  /** Epoch ms of its first and latest event. */
  start: number;
  last: number;
  /** {@link campaignKey} of the campaign it began with, '' for none. */
  campaign: string;
}

/**
 * The session an event made at `now` belongs to: the current one, or a new
 * one after 30 minutes of inactivity, after 24 hours, or when the event comes
 * with a different campaign (a later event without UTM tags continues the
 * visit, as in the collector's own sessions).
 * @param session the current session, if any
 * @param now the event's time, epoch ms
 * @param campaign the event's campaign key, `undefined` when it has none
 * @param newId makes the id of a new session
 * @returns the session to use and keep: `session` itself, its time moved on, or a new one
 * @example
 * nextSession(undefined, Date.now(), undefined, randomId).id // a new id
 */
export function nextSession(
  session: SessionState | undefined,
  now: number,
  campaign: string | undefined,
  newId: () => string,
): SessionState {
  if (
    !session ||
    now - session.last > SESSION_IDLE_MS ||
    now - session.start > SESSION_MAX_MS ||
    (campaign !== undefined && campaign !== session.campaign)
  ) {
    return { id: newId(), start: now, last: now, campaign: campaign ?? '' };
  }
  // Changed in place: the state store holds this object and serialises it when it writes.
  session.last = Math.max(session.last, now);
  return session;
}

/**
 * Read the session the state store holds: the JSON text storage gave back at
 * start-up, or the object set since; tolerating anything a browser may hand back.
 * @param stored the stored JSON or session, if any
 * @returns the session, or `undefined` when absent or unreadable
 * @example
 * readSession(store.get('session'));
 */
export function readSession(stored: unknown): SessionState | undefined {
  try {
    const session = (typeof stored === 'string' ? JSON.parse(stored) : stored) as SessionState;
    return typeof session.id === 'string' && session.last > 0 ? session : undefined;
  } catch {
    return undefined;
  }
}
