import type { NewEventRow, NewQuarantineRow } from '../db/schema';
import type { EventType } from './event-schema';
import { mergeContext } from './merge-context';
import type { Submission } from './group-commit';
import { toEventRow, type RequestContext } from './to-event-row';
import { validateEvent } from './validate-event';

/** A refused event, reported by its position in the request. */
export interface RejectedEvent {
  index: number;
  messageId?: string;
  errors: string[];
}

/** The `200` answer of every ingestion route (CONTRACT §2). */
export interface IngestResult {
  success: true;
  accepted: number;
  duplicates: number;
  rejected: RejectedEvent[];
}

export interface IngestRequest extends RequestContext {
  /** The batch's shared context, merged under each event's own. */
  batchContext?: unknown;
  /** Set by single-event routes (`/v1/track` …): the route names the type. */
  impliedType?: EventType;
}

/**
 * Validates each event on its own and stores the valid ones and the quarantined ones
 * together: one bad event never costs the others in its batch.
 *
 * @param store commits a submission (through group commit) and answers how many of
 * its rows were new.
 */
export async function ingestEvents(
  store: (submission: Submission) => Promise<number>,
  rawEvents: readonly unknown[],
  request: IngestRequest,
): Promise<IngestResult> {
  const rows: NewEventRow[] = [];
  const quarantined: NewQuarantineRow[] = [];
  const rejected: RejectedEvent[] = [];
  rawEvents.forEach((raw, index) => {
    const verdict = validateEvent(withImpliedType(raw, request.impliedType));
    if (verdict.ok) {
      const event = { ...verdict.event, context: mergeContext(request.batchContext, verdict.event.context) };
      rows.push(toEventRow(event, request));
      return;
    }
    const ids = identifiersOf(raw);
    rejected.push({ index, ...(ids.messageId === null ? {} : { messageId: ids.messageId }), errors: verdict.errors });
    quarantined.push({
      writeKey: request.writeKey,
      receivedAt: request.receivedAt,
      batchIndex: index,
      ...ids,
      errors: verdict.errors,
      payload: payloadText(raw),
    });
  });
  const accepted = await store({ rows, rejected: quarantined });
  return { success: true, accepted, duplicates: rows.length - accepted, rejected };
}

function withImpliedType(raw: unknown, impliedType: EventType | undefined): unknown {
  if (!impliedType || typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  // Object spread defines properties, so a client's `__proto__` key stays data.
  return { ...raw, type: impliedType };
}

/** The ids of a refused event, when they are usable strings, so erasure can find it later. */
function identifiersOf(raw: unknown): Pick<NewQuarantineRow, 'messageId' | 'anonymousId' | 'userId'> & { messageId: string | null } {
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const pick = (key: string): string | null => {
    const value = Object.hasOwn(record, key) ? record[key] : undefined;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    return typeof value === 'string' && value !== '' ? value.slice(0, 255) : null;
  };
  return { messageId: pick('messageId'), anonymousId: pick('anonymousId'), userId: pick('userId') };
}

/** The refused event as JSON text; one too deep even to serialise is recorded as such. */
function payloadText(raw: unknown): string {
  try {
    return JSON.stringify(raw) ?? 'null';
  } catch {
    return JSON.stringify('(not serialisable: nested too deeply)');
  }
}
