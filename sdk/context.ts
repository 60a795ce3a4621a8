import { parseCampaign } from './campaign.js';
import type { EventContext, PageFacts } from './types.js';
import { VERSION } from './version.js';

/** The parts of the browser the context is read from; injectable for tests. */
export interface BrowserEnv {
  location?: Pick<Location, 'href' | 'pathname' | 'search' | 'hash'>;
  document?: Pick<Document, 'referrer' | 'title'>;
  navigator?: Pick<Navigator, 'userAgent' | 'language'>;
}

/**
 * The browser's globals, or `undefined` for those that do not exist (server
 * rendering, workers), so that building an event never throws.
 * @returns the current environment
 * @example
 * buildContext(browserEnv());
 */
export function browserEnv(): BrowserEnv {
  return {
    location: typeof location === 'undefined' ? undefined : location,
    document: typeof document === 'undefined' ? undefined : document,
    navigator: typeof navigator === 'undefined' ? undefined : navigator,
  };
}

/**
 * Facts about the current page, Segment style.
 * @param env where to read them
 * @returns the page facts, or `undefined` outside a page
 * @example
 * readPage(browserEnv())?.path // '/shop/cart.html'
 */
export function readPage(env: BrowserEnv): PageFacts | undefined {
  const { location: loc, document: doc } = env;
  if (!loc) return undefined;
  // The fragment is client-side state, not a different page; Segment drops it too.
  const url = loc.hash ? loc.href.slice(0, loc.href.length - loc.hash.length) : loc.href;
  return {
    path: loc.pathname,
    referrer: doc?.referrer ?? '',
    search: loc.search,
    title: doc?.title ?? '',
    url,
  };
}

let timezone: string | undefined;

/** Intl's time zone, looked up once: resolvedOptions() is slow enough to matter per call. */
function readTimezone(): string | undefined {
  try {
    timezone ??= Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    // Very old or stripped-down Intl builds; the field is optional.
  }
  return timezone;
}

/**
 * The `context` of an event made now.
 * @param env where to read page and browser facts
 * @returns the context, with `library` always set
 * @example
 * buildContext(browserEnv()).library // { name: 'footfall', version: '0.1.0' }
 */
export function buildContext(env: BrowserEnv): EventContext {
  const context: EventContext = { library: { name: 'footfall', version: VERSION } };
  const page = readPage(env);
  if (page) {
    context.page = page;
    const campaign = parseCampaign(page.search);
    if (campaign) context.campaign = campaign;
  }
  if (env.navigator) {
    context.userAgent = env.navigator.userAgent;
    context.locale = env.navigator.language;
  }
  const zone = readTimezone();
  if (zone) context.timezone = zone;
  return context;
}
