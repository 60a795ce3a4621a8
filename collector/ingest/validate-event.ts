import { eventSchema, missingFieldErrors, type ValidEvent } from './event-schema';
import { LIMITS } from './limits';
import { measureJson } from './measure-json';
import { plainValidEvent } from './plain-valid-event';

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
  const measured = measureJson(raw, LIMITS.nestingDepth);
  if (measured.depth > LIMITS.nestingDepth) {
    return { ok: false, errors: [`(event): nested deeper than ${LIMITS.nestingDepth} levels`] };
  }
  const bytes = measured.maxBytes > LIMITS.eventBytes ? jsonBytes(raw) : 0;
  if (bytes > LIMITS.eventBytes) {
    return { ok: false, errors: [`(event): ${bytes} bytes exceeds the ${LIMITS.eventBytes}-byte limit per event`] };
  }
  const plain = plainValidEvent(raw as Record<string, unknown>);
  if (plain && missingFieldErrors(raw as Record<string, unknown>).length === 0) return { ok: true, event: plain };
  const result = eventSchema.safeParse(raw);
  const errors = result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.') || '(event)'}: ${issue.message}`);
  errors.push(...missingFieldErrors(raw as Record<string, unknown>));
  if (result.success && errors.length === 0) return { ok: true, event: result.data };
  return { ok: false, errors };
}

/**
 * The JSON size in UTF-8 bytes of an event over the per-event limit, or undefined
 * when it is within it (or nested too deeply to serialise safely: that is reported
 * on its own). The bound of `measureJson` settles most events without serialising them.
 */
export function oversizedBytes(value: unknown): number | undefined {
  const measured = measureJson(value, LIMITS.nestingDepth);
  if (measured.depth > LIMITS.nestingDepth || measured.maxBytes <= LIMITS.eventBytes) return undefined;
  const bytes = jsonBytes(value);
  return bytes > LIMITS.eventBytes ? bytes : undefined;
}

function jsonBytes(value: unknown): number {
  const json = JSON.stringify(value) ?? '';
  return json.length * 3 <= LIMITS.eventBytes ? json.length : utf8.encode(json).byteLength;
}
