import { buildContext, readPage, type BrowserEnv } from './context.js';
import type { BaseEvent, IdentifyEvent, PageEvent, Properties, TrackEvent } from './types.js';
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
  return properties !== null && typeof properties === 'object' && !Array.isArray(properties)
    ? { ...(properties as Properties) }
    : {};
}

function requireName(value: unknown, call: string, example: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(`footfall: ${call} needs a non-empty string, e.g. ${example}`);
  }
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
  const name = requireName(event, 'track(event)', `track('Product Added', { product_id: 'sneaker-1' })`);
  return { ...base(env), type: 'track', event: name, properties: copy(properties) };
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
  const id = requireName(userId, 'identify(userId)', `identify('user-42', { plan: 'pro' })`);
  return { ...base(env), type: 'identify', userId: id, traits: copy(traits) };
}
