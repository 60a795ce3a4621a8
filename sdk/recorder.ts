import { campaignKey } from './campaign.js';
import { scrubClickIds } from './click-id-scrub.js';
import { createConsentGate, gpcSignal } from './consent.js';
import { createDelivery } from './delivery.js';
import { createIdentity } from './identity.js';
import { createMemoryQueue } from './memory-queue.js';
import type { ResolvedOptions } from './options.js';
import { onPageHide } from './page-hide.js';
import { randomId } from './random-id.js';
import { report } from './safe.js';
import { nextSession, readSession, type SessionState } from './session.js';
import { createStateStore } from './state-store.js';
import { createFetchTransport } from './transport.js';
import type { ConsentState, FootfallEvent } from './types.js';

/** The pipeline behind a client: consent gate → queue → transport, plus identity and session. */
export interface Recorder {
  readonly consent: ConsentState;
  /** The userId now in force, if any. */
  readonly userId: string | undefined;
  /** Take a captured event through session, identity and the consent gate. */
  record(event: FootfallEvent): void;
  /** Remember the userId of an identify or alias call (durably only with consent). */
  identify(userId: string): void;
  grant(categories?: readonly string[]): void;
  deny(): void;
  flush(): Promise<void>;
  /** Forget the visitor's ids and session; consent is unchanged. */
  reset(): void;
}

/**
 * Assemble the pipeline. The session and userId are stamped at capture, as
 * they were then; the anonymousId only as an event passes the gate, because it
 * may not exist, let alone be stored, before consent. Storage is read once
 * here; nothing on `record()`'s path touches it.
 * @param opts validated options
 * @returns the recorder
 * @example
 * const recorder = createRecorder(resolveOptions({ writeKey: 'dev_write_key' }));
 * recorder.record(captureTrack('Product Added', {}, browserEnv()));
 */
export function createRecorder(opts: ResolvedOptions): Recorder {
  const store = createStateStore();
  const identity = createIdentity(store);
  const gate = createConsentGate({ initial: opts.consent, locked: opts.gpc === 'respect' && gpcSignal() });
  const delivery = createDelivery({
    queue: createMemoryQueue(),
    send: createFetchTransport(opts),
    flushAt: opts.flushAt,
    flushInterval: opts.flushInterval,
    onFailure: opts.debug ? (result) => report(result.error ?? `send failed with HTTP ${result.status}`) : undefined,
  });
  let session: SessionState | undefined = readSession(store.get('session'));
  // Deny leaves no trace: remove what an earlier, consented visit wrote.
  if (gate.state === 'denied') store.wipe();
  if (gate.state === 'granted') store.enable();
  onPageHide(() => {
    store.flush();
    delivery.flushNow();
  });

  const release = (event: FootfallEvent) => {
    event.anonymousId = identity.anonymousId();
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
  return {
    get consent() {
      return gate.state;
    },
    get userId() {
      return identity.userId();
    },
    record(event) {
      if (gate.state === 'denied') return;
      session = nextSession(session, Date.parse(event.timestamp), campaignKey(event.context.campaign), randomId);
      store.set('session', JSON.stringify(session));
      event.context.sessionId = session.id;
      const userId = event.userId ?? identity.userId();
      if (userId !== undefined) event.userId = userId;
      if (gate.admit(event)) release(event);
    },
    identify(userId) {
      if (gate.state !== 'denied') identity.setUserId(userId);
    },
    grant(categories) {
      const released = gate.grant(categories);
      if (!released) return;
      released.forEach(release);
      // After release, so the new anonymousId is written now, on grant's path rather than track's.
      store.enable();
    },
    deny() {
      gate.deny();
      delivery.clear();
      session = undefined;
      store.wipe();
    },
    flush: () => delivery.flush(),
    reset() {
      identity.forget();
      session = undefined;
      store.set('session', undefined);
      store.flush();
    },
  };
}
