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

/** UTM parameters of the page, under Segment's names (`utm_campaign` → `name`). */
export interface Campaign {
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

/** Any event the SDK sends. */
export type FootfallEvent = TrackEvent | PageEvent | IdentifyEvent;

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
}

/** Consent controls of a client. */
export interface ConsentControls {
  /** Current state. */
  readonly state: ConsentState;
  /** Start recording and release the calls held while pending. */
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
  /** Tie this visitor to a user id of the site. */
  identify(userId: string, traits?: Properties): void;
  consent: ConsentControls;
  /** Send every queued event now; resolves when done (never rejects). */
  flush(): Promise<void>;
  /** Forget userId and anonymousId (e.g. on logout); consent is unchanged. */
  reset(): void;
  /** The visitor opts out: same as `consent.deny()`. */
  optOut(): void;
}
