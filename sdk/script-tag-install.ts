import { createClient } from './client.js';
import { bindEcommerce, type EcommerceApi } from './ecommerce/bind-ecommerce.js';
import { report } from './safe.js';
import { trackPageViews } from './spa/track-page-views.js';
import { isStubQueue, replayStub } from './stub-replay.js';
import type { BeforeSend, FootfallClient, FootfallOptions } from './types.js';

/** `window.footfall` once the script tag has loaded: the client plus `ecommerce`. */
export interface ScriptTagApi extends FootfallClient {
  /** The e-commerce helpers bound to this client, e.g. `footfall.ecommerce.orderCompleted({ … })`. */
  ecommerce: EcommerceApi;
}

/** What the bundle needs of `window`; injectable for tests. */
export interface ScriptTagHost {
  footfall?: unknown;
  [global: string]: unknown;
}

/**
 * Read the client options from the script tag's `data-*` attributes.
 * `data-endpoint` defaults to the origin the script itself came from, which
 * is the collector that served it. `data-before-send` names a global
 * function, looked up for every event, so it may be defined after the tag; if
 * it is missing, events are dropped rather than sent unfiltered.
 * @param script the `<script>` element that loaded the bundle
 * @param host the window, where `data-before-send` is looked up
 * @returns options for {@link createClient}
 * @example
 * // <script defer src="https://c.example/footfall.js" data-write-key="k"></script>
 * readScriptOptions(document.currentScript, window) // { writeKey: 'k', endpoint: 'https://c.example', … }
 */
export function readScriptOptions(script: HTMLScriptElement | null, host: ScriptTagHost): FootfallOptions {
  const data = script?.dataset ?? {};
  const filter = data.beforeSend;
  return {
    writeKey: data.writeKey!,
    endpoint: data.endpoint ?? (script?.src && new URL(script.src, location.href).origin),
    consent: data.consent as FootfallOptions['consent'],
    gpc: data.gpc === 'ignore' ? 'ignore' : undefined,
    debug: data.debug !== undefined,
    beforeSend: filter ? (event) => (host[filter] as BeforeSend)(event) : undefined,
  };
}

const bindTo = (client: FootfallClient): ScriptTagApi => Object.assign(client, { ecommerce: bindEcommerce(client) });

/**
 * Set up the script-tag client: create it from the tag's attributes, record
 * the page view, follow SPA navigations (unless `data-spa="off"`), expose it
 * as `host.footfall` and replay any calls the stub queued. Running twice (the
 * tag included twice) keeps the first client.
 * @param host the window
 * @param script the script tag
 * @returns the client now at `host.footfall`
 * @example
 * installScriptTag(window, document.currentScript as HTMLScriptElement | null);
 */
export function installScriptTag(host: ScriptTagHost, script: HTMLScriptElement | null): ScriptTagApi {
  const existing = host.footfall;
  if (existing && !isStubQueue(existing)) return existing as ScriptTagApi;
  let client: ScriptTagApi;
  try {
    client = bindTo(createClient(readScriptOptions(script, host)));
  } catch (error) {
    report(error);
    // Set-up failed (a missing write key): a denied client stands in, so the
    // site's own calls still work and nothing is recorded, sent or stored.
    client = bindTo(createClient({ writeKey: '-', consent: 'denied' }));
  }
  client.page();
  if (script?.dataset.spa !== 'off') trackPageViews(client);
  host.footfall = client;
  if (isStubQueue(existing)) replayStub(existing, client);
  return client;
}
