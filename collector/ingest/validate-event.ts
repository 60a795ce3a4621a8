import { eventSchema, missingFieldErrors, type ValidEvent } from './event-schema';
import { LIMITS } from './limits';

export type Verdict = { ok: true; event: ValidEvent } | { ok: false; errors: string[] };

const utf8 = new TextEncoder();

/**
 * Validates one raw event: its size, then its fields.
 *
 * @returns the parsed event, or `path: reason` strings naming every problem found.
 */
export function validateEvent(raw: unknown): Verdict {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: ['(event): expected a JSON object'] };
  }
  const bytes = serialisedSize(raw);
  if (bytes > LIMITS.eventBytes) {
    return { ok: false, errors: [`(event): ${bytes} bytes exceeds the ${LIMITS.eventBytes}-byte limit per event`] };
  }
  const result = eventSchema.safeParse(raw);
  const errors = result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.') || '(event)'}: ${issue.message}`);
  errors.push(...missingFieldErrors(raw as Record<string, unknown>));
  if (result.success && errors.length === 0) return { ok: true, event: result.data };
  return { ok: false, errors };
}

/** JSON size in UTF-8 bytes; a string's length is a cheap lower bound that settles most events. */
export function serialisedSize(value: unknown): number {
  const json = JSON.stringify(value) ?? '';
  return json.length * 3 <= LIMITS.eventBytes ? json.length : utf8.encode(json).byteLength;
}
