import { buildContext, readPage, type BrowserEnv } from './context.js';
import type { AliasEvent, BaseEvent, IdentifyEvent, PageEvent, Properties, TrackEvent } from './types.js';
import { uuidv7 } from './uuidv7.js';

/**
 * Turning calls into events. Everything time- or page-dependent is read here,
 * at the moment of the call, so that an event held while consent is pending
 * still says when and where it happened.
 */

function base(env: BrowserEnv): BaseEvent {
  return { messageId: uuidv7(), timestamp: new Date().toISOString(), context: buildContext(env) };
}

/** A shallow copy, so the site changing its object later does not rewrite a held event. */
function copy(properties: unknown): Properties {
  return properties !== null && typeof properties === 'object' && !Array.isArray(properties) ? { ...properties } : {};
}

function requireId(value: unknown, call: string): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`footfall: ${call} needs a non-empty string`);
  return value;
}

/**
 * A page event; page facts go to both `properties` and `context.page`, as
 * Segment does, with the site's own properties winning.
 * @param name optional page name, e.g. `'Cart'`
 * @param properties extra properties
 * @param env where to read the page
 * @returns the event, without ids
 * @example
 * capturePage('Cart', undefined, browserEnv()).properties.path // '/cart'
 */
export function capturePage(name: string | undefined, properties: Properties | undefined, env: BrowserEnv): PageEvent {
  const event: PageEvent = { ...base(env), type: 'page', properties: { ...readPage(env), ...copy(properties) } };
  if (typeof name === 'string' && name !== '') event.name = name;
  return event;
}

/**
 * A track event.
 * @param event the action, e.g. `'Product Added'`
 * @param properties its properties
 * @param env where to read the page
 * @returns the event, without ids
 * @throws TypeError when `event` is not a non-empty string
 * @example
 * captureTrack('Product Added', { product_id: 'sneaker-1' }, browserEnv());
 */
export function captureTrack(event: string, properties: Properties | undefined, env: BrowserEnv): TrackEvent {
  return { ...base(env), type: 'track', event: requireId(event, 'track(event)'), properties: copy(properties) };
}

/**
 * An identify event, already carrying its userId.
 * @param userId the site's id for the user
 * @param traits what the site knows about them
 * @param env where to read the page
 * @returns the event, without anonymousId
 * @throws TypeError when `userId` is not a non-empty string
 * @example
 * captureIdentify('user-42', { plan: 'pro' }, browserEnv());
 */
export function captureIdentify(userId: string, traits: Properties | undefined, env: BrowserEnv): IdentifyEvent {
  return { ...base(env), type: 'identify', userId: requireId(userId, 'identify(userId)'), traits: copy(traits) };
}

/**
 * An alias event. Without `previousId` the recorder fills it in as the event
 * leaves the consent gate (the anonymousId may not exist before).
 * @param userId the new id
 * @param previousId the id it replaces
 * @param env where to read the page
 * @returns the event, without anonymousId
 * @throws TypeError when `userId` is not a non-empty string
 * @example
 * captureAlias('user-42', 'guest-7', browserEnv());
 */
export function captureAlias(userId: string, previousId: string | undefined, env: BrowserEnv): AliasEvent {
  const event: AliasEvent = { ...base(env), type: 'alias', userId: requireId(userId, 'alias(userId)') };
  if (previousId) event.previousId = previousId;
  return event;
}
