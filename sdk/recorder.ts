import { createConsentGate, gpcSignal } from './consent.js';
import { createDelivery } from './delivery.js';
import { createIdentity } from './identity.js';
import { createMemoryQueue } from './memory-queue.js';
import type { ResolvedOptions } from './options.js';
import { onPageHide } from './page-hide.js';
import { report } from './safe.js';
import { safeStorage } from './storage.js';
import { createFetchTransport } from './transport.js';
import type { ConsentState, FootfallEvent } from './types.js';

/** The pipeline behind a client: consent gate → queue → transport, plus identity. */
export interface Recorder {
  readonly consent: ConsentState;
  /** Take a captured event through the consent gate. */
  record(event: FootfallEvent): void;
  /** Remember the userId of an identify call (durably only with consent). */
  identify(userId: string): void;
  grant(categories?: readonly string[]): void;
  deny(): void;
  flush(): Promise<void>;
  /** Forget the visitor's ids; consent is unchanged. */
  reset(): void;
}

/**
 * Assemble the pipeline. Ids are stamped on an event only as it passes the
 * gate, because an anonymousId may not exist, let alone be stored, before
 * consent; the userId is stamped at capture, as it was known then.
 * @param opts validated options
 * @returns the recorder
 * @example
 * const recorder = createRecorder(resolveOptions({ writeKey: 'dev_write_key' }));
 * recorder.record(captureTrack('Product Added', {}, browserEnv()));
 */
export function createRecorder(opts: ResolvedOptions): Recorder {
  const identity = createIdentity(safeStorage());
  const gate = createConsentGate({ initial: opts.consent, locked: opts.gpc === 'respect' && gpcSignal() });
  const delivery = createDelivery({
    queue: createMemoryQueue(),
    send: createFetchTransport(opts),
    flushAt: opts.flushAt,
    flushInterval: opts.flushInterval,
    onFailure: opts.debug ? (result) => report(result.error ?? `send failed with HTTP ${result.status}`) : undefined,
  });
  // Deny leaves no trace: remove what an earlier, consented visit wrote.
  if (gate.state === 'denied') identity.forget();
  onPageHide(() => delivery.flushNow());

  const release = (event: FootfallEvent) => {
    event.anonymousId = identity.anonymousId();
    if (gate.preferences) event.context.consent = { categoryPreferences: gate.preferences };
    delivery.enqueue(event);
  };
  return {
    get consent() {
      return gate.state;
    },
    record(event) {
      if (gate.state === 'denied') return;
      const userId = event.userId ?? identity.userId();
      if (userId !== undefined) event.userId = userId;
      if (gate.admit(event)) release(event);
    },
    identify(userId) {
      if (gate.state !== 'denied') identity.setUserId(userId, gate.state === 'granted');
    },
    grant(categories) {
      const released = gate.grant(categories);
      if (!released) return;
      identity.persist();
      released.forEach(release);
    },
    deny() {
      gate.deny();
      delivery.clear();
      identity.forget();
    },
    flush: () => delivery.flush(),
    reset: () => identity.forget(),
  };
}
