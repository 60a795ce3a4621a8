/**
 * Public types of the Footfall browser SDK: the options a site passes, the
 * client it gets back, and the Segment-shaped events that go over the wire.
 */

/** Where the visitor's consent stands. Only `granted` lets anything leave the page. */
export type ConsentState = 'pending' | 'granted' | 'denied';

/** Free-form event properties or user traits; must survive `JSON.stringify`. */
export type Properties = Record<string, unknown>;

/** Page facts, sent both as `context.page` and as a page event's `properties`. */
export interface PageFacts {
  /** `location.pathname`, e.g. `/shop/cart.html`. */
  path: string;
  /** `document.referrer`, empty when there is none. */
  referrer: string;
  /** `location.search` including the leading `?`, or empty. */
  search: string;
  /** `document.title`. */
  title: string;
  /** The page URL without its `#fragment`. */
  url: string;
}

/**
 * Ad click ids read from the landing URL (`?gclid=…`). They identify one ad
 * click, so they are sent only with `marketing` consent (see `consent.grant`).
 */
export type ClickIdName =
  | 'gclid' | 'gbraid' | 'wbraid' | 'dclid' | 'fbclid' | 'msclkid' | 'ttclid'
  | 'twclid' | 'li_fat_id' | 'epik' | 'rdt_cid' | 'ScCid' | 'yclid';

/**
 * UTM parameters of the page under Segment's names (`utm_campaign` → `name`),
 * plus ad click ids under their own parameter names.
 */
export interface Campaign extends Partial<Record<ClickIdName, string>> {
  source?: string;
  medium?: string;
  name?: string;
  term?: string;
  content?: string;
}

/** `context` of every event (Segment's common context fields). */
export interface EventContext {
  library: { name: 'footfall'; version: string };
  page?: PageFacts;
  campaign?: Campaign;
  userAgent?: string;
  locale?: string;
  timezone?: string;
  /** Set once the visitor granted consent, e.g. `{ categoryPreferences: { analytics: true } }`. */
  consent?: { categoryPreferences: Record<string, boolean> };
  /**
   * The visit: a new one starts after 30 minutes without events, after 24
   * hours, or when the visitor lands with a different campaign.
   */
  sessionId?: string;
}

/** Fields every event carries. */
export interface BaseEvent {
  /** Time-ordered UUIDv7 made on the client; the collector dedupes on it. */
  messageId: string;
  /** Set when consent is granted; absent while the event is held as pending. */
  anonymousId?: string;
  userId?: string;
  /** ISO 8601 time of the call (not of sending). */
  timestamp: string;
  context: EventContext;
}

/** A `track` call: something the visitor did. */
export interface TrackEvent extends BaseEvent {
  type: 'track';
  event: string;
  properties: Properties;
}

/** A `page` call: a page view. */
export interface PageEvent extends BaseEvent {
  type: 'page';
  name?: string;
  properties: Properties;
}

/** An `identify` call: who the visitor is. */
export interface IdentifyEvent extends BaseEvent {
  type: 'identify';
  traits: Properties;
}

/** An `alias` call: `previousId` and `userId` are the same person. */
export interface AliasEvent extends BaseEvent {
  type: 'alias';
  userId: string;
  /** The earlier id; set when the event is sent if the call gave none. */
  previousId?: string;
}

/** Any event the SDK sends. */
export type FootfallEvent = TrackEvent | PageEvent | IdentifyEvent | AliasEvent;

/**
 * Sees every event just before it is queued for sending (after consent, with
 * its ids): return it (changed or not) to send it, `null` or `false` to drop
 * it. If it throws, the event is dropped: a PII filter that fails must not
 * let PII through.
 * @example
 * const beforeSend: BeforeSend = (event) => {
 *   if (event.type === 'identify') delete event.traits['email'];
 *   return event.type === 'track' && event.event === 'Debug' ? null : event;
 * };
 */
export type BeforeSend = (event: FootfallEvent) => FootfallEvent | null | false | undefined;

/**
 * Options of `createClient`. Only `writeKey` is required.
 * @example
 * const options: FootfallOptions = { writeKey: 'dev_write_key', endpoint: 'https://collector.example.com', flushAt: 10 };
 */
export interface FootfallOptions {
  /** The collector write key, e.g. `dev_write_key`. */
  writeKey: string;
  /**
   * Collector base URL, e.g. `https://collector.example.com`; events go to
   * `${endpoint}/v1/batch`.
   * @default '' (the page's own origin)
   */
  endpoint?: string;
  /**
   * Consent at start. The SDK does not remember decisions: state it on every page.
   * @default 'pending'
   */
  consent?: ConsentState;
  /**
   * `'respect'` treats `navigator.globalPrivacyControl === true` as denied;
   * `'ignore'` is for sites that have another lawful basis.
   * @default 'respect'
   */
  gpc?: 'respect' | 'ignore';
  /**
   * Milliseconds between automatic sends of queued events.
   * @default 5000
   */
  flushInterval?: number;
  /**
   * Send as soon as this many events are queued.
   * @default 20
   */
  flushAt?: number;
  /**
   * Log failed sends to the console (they are kept and retried either way).
   * @default false
   */
  debug?: boolean;
  /**
   * Edit or drop each event before it is queued, e.g. to strip PII.
   * @default undefined (send every event as captured)
   */
  beforeSend?: BeforeSend;
}

/** Consent controls of a client. */
export interface ConsentControls {
  /** Current state. */
  readonly state: ConsentState;
  /**
   * Start recording and release the calls held while pending. Without
   * `categories` every category is granted; with them, ad click ids are sent
   * only if `'marketing'` is among them.
   */
  grant(categories?: readonly string[]): void;
  /** Drop held and queued events, forget ids, stop sending. */
  deny(): void;
}

/**
 * What `createClient` returns; also `window.footfall` of the script tag.
 * @example
 * footfall.track('Order Completed', { order_id: 'ord-1', revenue: 89, currency: 'EUR' });
 * await footfall.flush(); // before navigating away
 */
export interface FootfallClient {
  /** Record a page view of the current page. */
  page(name?: string, properties?: Properties): void;
  /** Record an action, e.g. `track('Product Added', { product_id: 'sneaker-1' })`. */
  track(event: string, properties?: Properties): void;
  /** Tie this visitor to a user id of the site; later events carry it. */
  identify(userId: string, traits?: Properties): void;
  /**
   * Say that `previousId` (default: the current userId, else the anonymousId)
   * and `userId` are one person; later events carry `userId`.
   */
  alias(userId: string, previousId?: string): void;
  consent: ConsentControls;
  /** Send every queued event now; resolves when done (never rejects). */
  flush(): Promise<void>;
  /** Forget userId, anonymousId and the session (e.g. on logout); consent is unchanged. */
  reset(): void;
  /** The visitor opts out: same as `consent.deny()`. */
  optOut(): void;
}
