import { buildContext, type BrowserEnv } from './context.js';
import type { BaseEvent, Properties } from './types.js';
import { uuidv7 } from './uuidv7.js';

/**
 * Turn a call into an event. Everything time- or page-dependent is read here,
 * at the moment of the call, so that an event held while consent is pending
 * still says when and where it happened.
 * @param env where to read the page
 * @param fields the call's own fields: `type` and what that type carries, in a new object that becomes the event
 * @returns the event, without ids
 * @example
 * capture(browserEnv(), { type: 'track', event: 'Product Added', properties: {} });
 */
export function capture<T extends object>(env: BrowserEnv, fields: T): BaseEvent & T {
  // Completes the caller's fresh object rather than spreading it into a new
  // one: one allocation less per call, on track()'s path.
  const event = fields as BaseEvent & T;
  event.messageId = uuidv7();
  event.timestamp = new Date().toISOString();
  event.context = buildContext(env);
  return event;
}

/**
 * A shallow copy of the site's properties, so the site changing its object
 * later does not rewrite a held event; anything but a plain object becomes `{}`.
 * @param properties what the site passed
 * @returns a new object
 * @example
 * copy(['a']) // {}
 */
export function copy(properties: unknown): Properties {
  return properties !== null && typeof properties === 'object' && !Array.isArray(properties) ? { ...properties } : {};
}

/**
 * The id or name a call cannot do without.
 * @param value what the site passed
 * @param call the call and parameter, for the message, e.g. `'track(event)'`
 * @returns `value`
 * @throws TypeError when `value` is not a non-empty string
 * @example
 * requireId(userId, 'identify(userId)');
 */
export function requireId(value: unknown, call: string): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`footfall: ${call} needs a non-empty string`);
  return value;
}
