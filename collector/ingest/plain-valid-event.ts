import { EVENT_TYPES, type ValidEvent } from './event-schema';

const TYPES: ReadonlySet<unknown> = new Set(EVENT_TYPES);
const IDENTIFIERS = ['messageId', 'anonymousId', 'userId', 'previousId', 'groupId'] as const;
const OBJECTS = ['properties', 'traits', 'context', 'integrations'] as const;
const TIMES = ['timestamp', 'sentAt'] as const;

/**
 * The event exactly as `eventSchema` would return it, for an event whose every
 * field is plainly valid; `undefined` for anything else, which the schema then
 * checks and explains.
 *
 * Why: nearly every event a collector receives is valid, and the schema's parse
 * was the largest allocation of the ingest path (a fifth of the bytes under the
 * ingest bench: checks, issue lists, copies). This mirrors the schema's rules for
 * the valid case only — trimmed ids and event names of 1–255 characters (or
 * finite numbers, kept as text), names up to 255, parseable date-times up to 64,
 * objects kept as they are, unknown fields left out — and a differential test
 * holds it to the schema's output on generated events.
 *
 * @example
 * const event = plainValidEvent(raw) ?? eventSchema.parse(raw);
 */
export function plainValidEvent(raw: Record<string, unknown>): ValidEvent | undefined {
  if (!TYPES.has(raw['type'])) return undefined;
  const event: Record<string, unknown> = { type: raw['type'] };
  for (const field of IDENTIFIERS) {
    const value = raw[field];
    if (value === undefined) continue;
    const id = identifier(value);
    if (id === undefined) return undefined;
    event[field] = id;
  }
  const name = raw['event'];
  if (name !== undefined) {
    const trimmed = typeof name === 'string' ? name.trim() : '';
    if (trimmed === '' || trimmed.length > 255) return undefined;
    event['event'] = trimmed;
  }
  const pageName = raw['name'];
  if (pageName !== undefined) {
    if (typeof pageName !== 'string' || pageName.length > 255) return undefined;
    event['name'] = pageName;
  }
  for (const field of TIMES) {
    const value = raw[field];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.length > 64 || Number.isNaN(Date.parse(value))) return undefined;
    event[field] = value;
  }
  for (const field of OBJECTS) {
    const value = raw[field];
    if (value === undefined) continue;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    event[field] = value;
  }
  return event as ValidEvent;
}

/** A usable id as the schema makes it: a trimmed 1–255 character string, or a finite number as text. */
function identifier(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' || trimmed.length > 255 ? undefined : trimmed;
}
