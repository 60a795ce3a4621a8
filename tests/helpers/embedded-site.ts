import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { startCollector, type TestCollector } from './collector-server';
import { startRecordingProxy, type RecordingProxy } from './request-capture';
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
  const [collector, browser] = await Promise.all([startCollector({ examples: false }), launchBrowser()]);
  const [proxy, site] = await Promise.all([startRecordingProxy(collector.url), startSiteServer()]);
  return {
    collector,
    proxy,
    site,
    browser,
    close: async () => {
      await browser.close();
      await proxy.close();
      await site.close();
      await collector.close();
    },
  };
}
