import { captureAlias, captureIdentify, capturePage, captureTrack } from './capture.js';
import { browserEnv } from './context.js';
import { resolveOptions } from './options.js';
import { createRecorder } from './recorder.js';
import { report, safe } from './safe.js';
import type { FootfallClient, FootfallOptions } from './types.js';

/**
 * Create a Footfall client. Calls flow capture → consent gate → queue →
 * transport: each call becomes an event at once (with its own time, page and
 * session), the gate holds it while consent is pending, and granted events
 * pass `beforeSend` and are queued and sent in batches.
 * @param options `writeKey` and optional settings (see {@link FootfallOptions})
 * @returns the client; its methods never throw
 * @throws TypeError for invalid options, saying what to change
 * @example
 * const footfall = createClient({ writeKey: 'dev_write_key', endpoint: 'https://collector.example.com' });
 * footfall.consent.grant();
 * footfall.track('Product Added', { product_id: 'sneaker-1', price: 89 });
 */
export function createClient(options: FootfallOptions): FootfallClient {
  const recorder = createRecorder(resolveOptions(options));
  const env = browserEnv();
  const deny = safe(() => recorder.deny(), undefined);
  return {
    page: safe((name, properties) => recorder.record(capturePage(name, properties, env)), undefined),
    track: safe((event, properties) => recorder.record(captureTrack(event, properties, env)), undefined),
    identify: safe((userId, traits) => {
      recorder.record(captureIdentify(userId, traits, env));
      recorder.identify(userId);
    }, undefined),
    alias: safe((userId, previousId) => {
      recorder.record(captureAlias(userId, previousId ?? recorder.userId, env));
      recorder.identify(userId);
    }, undefined),
    consent: {
      get state() {
        return recorder.consent;
      },
      grant: safe((categories) => recorder.grant(categories), undefined),
      deny,
    },
    flush: () => recorder.flush().catch(report),
    reset: safe(() => recorder.reset(), undefined),
    optOut: deny,
  };
}
