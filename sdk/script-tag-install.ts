import { createClient } from './client.js';
import { report } from './safe.js';
import { isStubQueue, replayStub } from './stub-replay.js';
import type { FootfallClient, FootfallOptions } from './types.js';

/** What the bundle needs of `window` and `document`; injectable for tests. */
export interface ScriptTagHost {
  footfall?: unknown;
}

/**
 * Read the client options from the script tag's `data-*` attributes.
 * `data-endpoint` defaults to the origin the script itself came from, which
 * is the collector that served it.
 * @param script the `<script>` element that loaded the bundle
 * @returns options for {@link createClient}
 * @example
 * // <script defer src="https://c.example/footfall.js" data-write-key="k"></script>
 * readScriptOptions(document.currentScript) // { writeKey: 'k', endpoint: 'https://c.example', … }
 */
export function readScriptOptions(script: HTMLScriptElement | null): FootfallOptions {
  const data = script?.dataset ?? {};
  const options: FootfallOptions = { writeKey: data.writeKey ?? '' };
  const endpoint = data.endpoint ?? (script?.src ? new URL(script.src, location.href).origin : undefined);
  if (endpoint !== undefined) options.endpoint = endpoint;
  if (data.consent) options.consent = data.consent as FootfallOptions['consent'];
  if (data.gpc === 'ignore') options.gpc = 'ignore';
  return options;
}

/** Stands in when set-up failed, so the site's own calls still do not throw. */
function inertClient(): FootfallClient {
  const noop = () => {};
  return {
    page: noop,
    track: noop,
    identify: noop,
    consent: { state: 'denied', grant: noop, deny: noop },
    flush: () => Promise.resolve(),
    reset: noop,
    optOut: noop,
  };
}

/**
 * Set up the script-tag client: create it from the tag's attributes, record
 * the page view, expose it as `host.footfall` and replay any calls the stub
 * queued. Running twice (the tag included twice) keeps the first client.
 * @param host the window
 * @param script the script tag
 * @returns the client now at `host.footfall`
 * @example
 * installScriptTag(window, document.currentScript as HTMLScriptElement | null);
 */
export function installScriptTag(host: ScriptTagHost, script: HTMLScriptElement | null): FootfallClient {
  const existing = host.footfall;
  if (existing && !isStubQueue(existing)) return existing as FootfallClient;
  let client: FootfallClient;
  try {
    client = createClient(readScriptOptions(script));
  } catch (error) {
    report(error);
    client = inertClient();
  }
  client.page();
  host.footfall = client;
  if (isStubQueue(existing)) replayStub(existing, client);
  return client;
}
