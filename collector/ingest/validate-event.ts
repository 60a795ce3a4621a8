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
  if (nestingDepth(raw, LIMITS.nestingDepth) > LIMITS.nestingDepth) {
    return { ok: false, errors: [`(event): nested deeper than ${LIMITS.nestingDepth} levels`] };
  }
  const bytes = jsonBytes(raw);
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

/**
 * The JSON size in UTF-8 bytes of an event over the per-event limit, or undefined
 * when it is within it (or nested too deeply to serialise safely: that is reported
 * on its own). A string's length settles most events without encoding them.
 */
export function oversizedBytes(value: unknown): number | undefined {
  if (nestingDepth(value, LIMITS.nestingDepth) > LIMITS.nestingDepth) return undefined;
  const bytes = jsonBytes(value);
  return bytes > LIMITS.eventBytes ? bytes : undefined;
}

function jsonBytes(value: unknown): number {
  const json = JSON.stringify(value) ?? '';
  return json.length * 3 <= LIMITS.eventBytes ? json.length : utf8.encode(json).byteLength;
}

/**
 * How deeply objects and arrays nest, counted without recursion and stopping once
 * past `limit`: a hostile event cannot overflow the stack of the code that later
 * serialises it.
 */
export function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const pending: Array<[unknown, number]> = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return deepest;
}
