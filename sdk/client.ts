import { campaignKey } from './campaign.js';
import { capture, copy, requireId } from './capture.js';
import { scrubClickIds } from './click-id-scrub.js';
import { createConsentGate, gpcSignal } from './consent.js';
import { browserEnv, readPage } from './context.js';
import { createBrowserDelivery } from './delivery/browser-delivery.js';
import { resolveOptions } from './options.js';
import { onPageHide } from './page-hide.js';
import { randomId } from './random-id.js';
import { report, safe } from './safe.js';
import { nextSession, readSession } from './session.js';
import { createStateStore, KEYS } from './state-store.js';
import type { FootfallClient, FootfallEvent, FootfallOptions, PageEvent } from './types.js';

/** How long after start-up the leftovers of earlier pages are sent. */
const START_FLUSH_DELAY_MS = 1000;

/**
 * Create a Footfall client. Calls flow capture → consent gate → queue →
 * transport: each call becomes an event at once (with its own time, page and
 * session), the gate holds it while consent is pending, and granted events
 * pass `beforeSend` and are queued and sent in batches.
 *
 * The userId is stamped at capture, as it was then; the session and the
 * anonymousId only as an event passes the gate, because they may not exist,
 * let alone be stored, before consent. Storage is read once, here; nothing on
 * `track()`'s path touches it. (One function rather than a client over a
 * separate recorder: the two repeated every method name in every bundle.)
 * @param options `writeKey` and optional settings (see {@link FootfallOptions})
 * @returns the client; its methods never throw
 * @throws TypeError for invalid options, saying what to change
 * @example
 * const footfall = createClient({ writeKey: 'dev_write_key', endpoint: 'https://collector.example.com' });
 * footfall.consent.grant();
 * footfall.track('Product Added', { product_id: 'sneaker-1', price: 89 });
 */
export function createClient(options: FootfallOptions): FootfallClient {
  const opts = resolveOptions(options);
  const env = browserEnv();
  const store = createStateStore();
  const gate = createConsentGate({ initial: opts.consent, locked: opts.gpc === 'respect' && gpcSignal() });
  const granted = () => gate.state === 'granted';
  const delivery = createBrowserDelivery(opts, granted);
  /** Consent refused: erase what the SDK stored (ids, session, queue, pause, tab). */
  const erase = () => {
    delivery.clear();
    store.wipe();
  };
  // Deny leaves no trace: remove what an earlier, consented visit wrote.
  if (gate.state === 'denied') erase();
  // Granted from the start: send what an earlier page left queued, a moment
  // later, so that the page's first events (its page view, the stub's calls)
  // go in the same request; a visitor who leaves sooner is covered by unload.
  if (granted()) {
    store.enable();
    setTimeout(() => granted() && void delivery.flush(), START_FLUSH_DELAY_MS);
  }
  onPageHide(store.flush);

  /** The anonymousId, made on first use: only for granted events, so it is never made (or stored) without consent. */
  const anonymousId = () => {
    let id = store.get('anonymousId');
    if (id === undefined) store.set('anonymousId', (id = randomId()));
    return id;
  };
  /** An event leaving the gate: session, ids, consent facts, click-id scrub, beforeSend, then the queue. */
  const release = (event: FootfallEvent) => {
    // The session is made here, not at capture: no identifier exists before consent.
    // The store holds the session as an object once set (as stored JSON text before).
    const session = nextSession(readSession(store.get('session')), Date.parse(event.timestamp), campaignKey(event.context.campaign), randomId);
    store.set('session', session);
    event.context.sessionId = session.id;
    event.anonymousId = anonymousId();
    if (event.type === 'alias') event.previousId ??= event.anonymousId;
    if (gate.preferences) event.context.consent = { categoryPreferences: gate.preferences };
    if (!gate.allows('marketing')) scrubClickIds(event);
    let kept: FootfallEvent | null | false | undefined = event;
    try {
      kept = opts.beforeSend ? opts.beforeSend(event) : event;
    } catch (error) {
      report(error);
      kept = null;
    }
    if (kept) delivery.enqueue(kept);
  };
  /** A captured event through identity and the consent gate. */
  const record = (event: FootfallEvent) => {
    if (gate.state === 'denied') return;
    const userId = event.userId ?? store.get('userId');
    if (userId !== undefined) event.userId = userId;
    if (gate.admit(event)) release(event);
  };
  /** The userId of an identify or alias call, remembered (durably only with consent). */
  const identify = (userId: string) => gate.state !== 'denied' && store.set('userId', userId);
  const deny = safe(() => {
    gate.deny();
    erase();
  });

  return {
    page: safe((name, properties) => {
      // Page facts go to both `properties` and `context.page`, as Segment does, with the site's own properties winning.
      const event: PageEvent = capture(env, { type: 'page', properties: { ...readPage(env), ...copy(properties) } });
      if (typeof name === 'string' && name !== '') event.name = name;
      record(event);
    }),
    track: safe((event, properties) => record(capture(env, { type: 'track', event: requireId(event, 'track(event)'), properties: copy(properties) }))),
    identify: safe((userId, traits) => {
      record(capture(env, { type: 'identify', userId: requireId(userId, 'identify(userId)'), traits: copy(traits) }));
      identify(userId);
    }),
    alias: safe((userId, previousId) => {
      // Without a previousId or userId, release() fills in the anonymousId (it may not exist before the gate).
      record(capture(env, { type: 'alias', userId: requireId(userId, 'alias(userId)'), previousId: previousId || store.get('userId') }));
      identify(userId);
    }),
    consent: {
      get state() {
        return gate.state;
      },
      grant: safe((categories) => {
        // Footfall measures: without the analytics category it records nothing (see the README's Consent Mode mapping).
        if (categories && !categories.includes('analytics')) return deny();
        const released = gate.grant(categories);
        if (!released) return;
        released.forEach(release);
        // After release, so the new anonymousId is written now, on grant's path rather than track's.
        store.enable();
        void delivery.flush();
      }),
      deny,
    },
    // Nothing is read or sent before consent, not even what an earlier visit
    // queued: delivery's flush checks `granted` before it touches the queue.
    flush: delivery.flush,
    // Forget the visitor's ids and session; consent is unchanged.
    reset: safe(() => {
      KEYS.forEach((key) => store.set(key, undefined));
      store.flush();
    }),
    optOut: deny,
  };
}
