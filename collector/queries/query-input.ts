import { z } from 'zod';
import { ApiError } from '../http/api-error';
import { parseDuration, parseTime } from './duration';

/** A duration field: `"30m"`, `"7d"`, or milliseconds. */
export const durationField = z.unknown().transform((value, ctx) => {
  const ms = parseDuration(value);
  if (ms === undefined) ctx.addIssue({ code: 'custom', message: 'expected a duration like "30m", "24h", "7d" or milliseconds' });
  return ms ?? 0;
});

/** A time field: ISO-8601 or epoch milliseconds. */
export const timeField = z.unknown().transform((value, ctx) => {
  const ms = parseTime(value);
  if (ms === undefined) ctx.addIssue({ code: 'custom', message: 'expected an ISO-8601 date-time or epoch milliseconds' });
  return ms ?? 0;
});

/** The `[from, to)` range every report takes; open-ended when a bound is left out. */
export const rangeFields = {
  from: timeField.optional(),
  to: timeField.optional(),
};

/** Resolves optional range bounds to numbers: everything when absent. */
export function rangeOf(input: { from?: number | undefined; to?: number | undefined }): { from: number; to: number } {
  return { from: input.from ?? -8.64e15, to: input.to ?? 8.64e15 };
}

/**
 * Validates a query's parameters, turning the first problem into a `400
 * invalid_query` whose message names the field.
 *
 * @param schema the report's zod schema
 * @param input the JSON body or the query string's values
 * @example
 * const params = parseQuery(funnelSchema, await c.req.json());
 */
export function parseQuery<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(body)';
  throw new ApiError(400, 'invalid_query', `${field}: ${issue?.message ?? 'invalid'}`);
}
