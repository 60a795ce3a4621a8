import type { Browser } from 'playwright-core';
import type { TestCollector } from './collector-server';
import { startProxiedCollector } from './proxied-collector';
import type { RecordingProxy } from './request-capture';
import { startSiteServer, type SiteServer } from './site-server';

/** A shop on its own origin embedding a collector that runs elsewhere, plus Chromium. */
export interface EmbeddedSite {
  collector: TestCollector;
  /** Records what reaches the collector (keepalive sends included). */
  proxy: RecordingProxy;
  site: SiteServer;
  browser: Browser;
  close(): Promise<void>;
}

/** Starts the collector, a recording proxy in front of it, the site server and Chromium. */
export async function startEmbeddedSite(): Promise<EmbeddedSite> {
  const [base, site] = await Promise.all([startProxiedCollector({ examples: false }), startSiteServer()]);
  return {
    ...base,
    site,
    close: async () => {
      await base.close();
      await site.close();
    },
  };
}
