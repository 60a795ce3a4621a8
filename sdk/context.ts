import { parseCampaign, stripClickIds } from './campaign.js';
import type { Campaign, EventContext, PageFacts } from './types.js';
import { VERSION } from './version.js';

/** The parts of the browser the context is read from; injectable for tests. */
export interface BrowserEnv {
  location?: Pick<Location, 'href' | 'pathname' | 'search' | 'hash'>;
  document?: Pick<Document, 'referrer' | 'title'>;
  navigator?: Pick<Navigator, 'userAgent' | 'language'>;
}

/**
 * The browser's globals: `globalThis` has `location`, `document` and
 * `navigator` in a page and lacks them in server rendering or workers, where
 * they read as `undefined`, so building an event never throws.
 * @returns the current environment
 * @example
 * buildContext(browserEnv());
 */
export const browserEnv = (): BrowserEnv => globalThis as BrowserEnv;

// The page's facts are worked out once per URL: every read of `location` or
// `document` is a call into the browser, and with the parsing they were a
// fifth of an idle track() (bench:main-thread's profile). Only the title is
// read on every call: a site may change it without changing the URL.
let readHref: string | undefined;
let page: Omit<PageFacts, 'title'>;
let campaign: Campaign | undefined;

/**
 * Facts about the current page, Segment style. Ad click ids are left out of
 * the URLs: they travel in `context.campaign`, and only with marketing consent.
 * @param env where to read them
 * @returns the page facts, or `undefined` outside a page
 * @example
 * readPage(browserEnv())?.path // '/shop/cart.html'
 */
export function readPage(env: BrowserEnv): PageFacts | undefined {
  const { location: loc, document: doc } = env;
  if (!loc) return undefined;
  if (loc.href !== readHref) {
    const { href, search, hash } = loc;
    const clean = stripClickIds(search);
    readHref = href;
    campaign = parseCampaign(search);
    page = {
      path: loc.pathname,
      referrer: doc?.referrer ?? '',
      search: clean,
      // The fragment is client-side state, not a different page; Segment drops it too.
      url: href.slice(0, href.length - hash.length - search.length) + clean,
    };
  }
  return { ...page, title: doc?.title ?? '' };
}

// Read once: `userAgent` makes a new string on every read, and Intl's time
// zone is slow to work out.
let timezone: string | undefined;
let userAgent: string | undefined;
let locale: string | undefined;

/**
 * The `context` of an event made now: library, page, campaign, and the
 * browser's user agent, language and Intl time zone (the last three read once
 * per page: they are slow enough to matter on `track()`'s path).
 * @param env where to read page and browser facts
 * @returns the context, with `library` always set
 * @example
 * buildContext(browserEnv()).library // { name: 'footfall', version: '0.1.0' }
 */
export function buildContext(env: BrowserEnv): EventContext {
  const context: EventContext = { library: { name: 'footfall', version: VERSION } };
  const facts = readPage(env);
  if (facts) {
    context.page = facts;
    // A copy: the consent gate may scrub click ids from one event's campaign.
    if (campaign) context.campaign = { ...campaign };
  }
  const nav = env.navigator;
  if (nav) {
    context.userAgent = userAgent ??= nav.userAgent;
    context.locale = locale ??= nav.language;
  }
  try {
    timezone ??= Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    // Very old or stripped-down Intl builds; the field is optional.
  }
  if (timezone) context.timezone = timezone;
  return context;
}
