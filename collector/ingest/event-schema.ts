import { z } from 'zod';

export const EVENT_TYPES = ['track', 'page', 'screen', 'identify', 'alias', 'group'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** A JSON object as parsed, kept as is (not copied) so keys like `__proto__` stay plain data. */
const jsonObject = z.custom<Record<string, unknown>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  { message: 'expected a JSON object' },
);

/** Ids are strings; numeric ids (common in shop back ends) are accepted as their decimal string. */
const identifier = z
  .union([z.string().trim().min(1).max(255), z.number().finite()], { message: 'expected a non-empty string' })
  .transform(String);

const isoDateTime = z
  .string()
  .max(64)
  .refine((value) => !Number.isNaN(Date.parse(value)), { message: 'expected an ISO-8601 date-time' });

/**
 * One event in Segment's common-field shape (CONTRACT §2). Unknown top-level fields
 * (`_metadata`, `version`, …) are accepted and not stored; `integrations` is accepted
 * and ignored.
 */
export const eventSchema = z
  .object({
    type: z.enum(EVENT_TYPES, { message: `expected one of ${EVENT_TYPES.join(', ')}` }),
    messageId: identifier.optional(),
    anonymousId: identifier.optional(),
    userId: identifier.optional(),
    previousId: identifier.optional(),
    groupId: identifier.optional(),
    event: z.string().trim().min(1).max(255).optional(),
    name: z.string().max(255).optional(),
    timestamp: isoDateTime.optional(),
    sentAt: isoDateTime.optional(),
    properties: jsonObject.optional(),
    traits: jsonObject.optional(),
    context: jsonObject.optional(),
    integrations: jsonObject.optional(),
  });

/**
 * The fields an event's type requires, checked on the raw event so that they are
 * reported together with any type errors of other fields.
 *
 * @returns `path: reason` strings, empty when nothing is missing.
 */
export function missingFieldErrors(raw: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const absent = (field: string): boolean => raw[field] === undefined || raw[field] === null;
  const require = (field: string, why: string): void => {
    if (absent(field)) errors.push(`${field}: required ${why}`);
  };
  if (absent('anonymousId') && absent('userId')) errors.push('userId: anonymousId or userId is required');
  if (raw['type'] === 'track') require('event', 'for track');
  if (raw['type'] === 'alias') {
    require('previousId', 'for alias');
    require('userId', 'for alias');
  }
  if (raw['type'] === 'group') require('groupId', 'for group');
  return errors;
}

export type ValidEvent = z.output<typeof eventSchema>;
